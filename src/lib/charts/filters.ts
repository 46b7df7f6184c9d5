/** The active selections in words: the chips above the views and the filter line of every export. */
import { valueLabel } from '../data/labels';
import type { Lang } from '../format/number';
import { isActive, type Selections } from '../sql';
import { breakdownLabel } from './defs/linked-bars';
import { LINKED_VIEWS } from './registry';

/** Each active selection as a name and its values in words. */
export function selectionWords(sels: Selections, lang: Lang): { dim: string; name: string; text: string }[] {
  const out: { dim: string; name: string; text: string }[] = [];
  for (const d of LINKED_VIEWS) {
    if (d.kind === 'concentration') continue;
    const sel = sels[d.dim];
    if (!sel || !isActive(sel)) continue;
    let text: string;
    if (sel.kind === 'points') {
      const label = (v: string) => (d.kind === 'linked-bars' && v.includes('|') ? breakdownLabel(v, lang) : valueLabel(v, lang));
      text = sel.values.map(label).join(lang === 'zh' ? '、' : ', ');
    } else if (d.kind === 'linked-histogram') {
      const u = d.axis.finePerUnit;
      text = `${d.axis.valueLabel(sel.lo / u, lang)} – ${d.axis.valueLabel(sel.hi / u, lang)}`;
    } else continue;
    out.push({ dim: d.dim, name: d.category[lang], text });
  }
  return out;
}

/** All active selections in one line, or '' when nothing is filtered. */
export const filtersInWords = (sels: Selections, lang: Lang): string =>
  selectionWords(sels, lang)
    .map((w) => `${w.name}${lang === 'zh' ? '：' : ': '}${w.text}`)
    .join(lang === 'zh' ? '；' : '; ');
