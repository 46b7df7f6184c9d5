/** UI strings with placeholders: `tf(lang, 'Forget “{name}”?', { name })`, translated through lib/format/i18n.ts. */
import { t } from '../../lib/format/i18n';
import type { Lang } from '../../lib/format/number';

/** Translates `key`, then fills each `{name}` with `vars[name]`. */
export function tf(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
