import type { Lang } from './number';

/**
 * A size in bytes for people: "812 B", "1.4 KB", "23 MB", "120 MB", "1.2 GB" (powers of 1,024, as
 * file managers show; one decimal under 100, none from 100, a trailing ".0" dropped). The import's
 * limits and messages and the saved-tables list all use it. `lang` words an unknown size.
 */
export function formatBytes(bytes: number, lang: Lang = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return lang === 'zh' ? '未知' : 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  const n = Number(v.toFixed(digits)).toString();
  return `${n} ${units[i]}`;
}
