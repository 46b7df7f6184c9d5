/** Bars of a categorical linked view (plain or stacked): counts in the whole table's order, the selection highlighted. */
import { valueLabel } from '../../data/labels';
import { formatCount, formatPercent } from '../../format/number';
import type { Bilingual } from '../../data/provenance';
import { allViewsSql, viewSql, type CrossTable } from '../../sql';
import type { BarsInput } from '../bars/layout';
import type { BarsView, ChartWords, Counts } from '../definition';
import type { Tone } from '../palette';
import { firmsAxis, firmsShare, firmsText, noFirms } from './counts';

const SRDI_ORDER = ['国家级小巨人', '省级专精特新', '无'];
const SCALE_ORDER = ['规上', '规下'];
const rank = (list: readonly string[], v: string) => (list.includes(v) ? list.indexOf(v) : list.length);
/** Tone of each SRDI title, the same whatever the filters leave: a title in colour, none in the neutral grey. */
const SRDI_TONES: Readonly<Record<string, Tone>> = { 国家级小巨人: 'purple', 省级专精特新: 'vermillion', 无: 'neutral' };
const OTHER_TONES: readonly Tone[] = ['sky', 'ochre', 'green'];

/** Label of a breakdown key "规上|无". */
export function breakdownLabel(key: string, lang: 'zh' | 'en'): string {
  const [scale, srdi] = key.split('|');
  return `${valueLabel(scale, lang)} · ${valueLabel(srdi, lang)}`;
}

/**
 * Keys in the order of the whole table (largest first), then any key only the filtered answer has:
 * bars neither jump nor vanish while other views filter.
 */
export function orderedKeys(rows: Counts, base: Counts): string[] {
  const order = (base.length ? base : rows).map((r) => String(r.key));
  for (const r of rows) if (!order.includes(String(r.key))) order.push(String(r.key));
  return order;
}

interface Spec {
  id: string;
  x: CrossTable;
  dim: string;
  words: ChartWords;
  category: Bilingual;
  /** Keys "scale|srdi" drawn as one stacked bar per size class. */
  stacked?: boolean;
}

export function countBars(spec: Spec): BarsView {
  const stacked = spec.stacked ?? false;
  return {
    kind: 'linked-bars',
    ...spec,
    tables: [spec.x.table],
    query: (sels) => viewSql(spec.x, spec.dim, sels),
    // Every linked view's unfiltered counts come from its crossfilter's one grouping-sets scan.
    unfiltered: () => [allViewsSql(spec.x)],
    build({ rows, base, selection, lang }) {
      const counts = new Map(rows.map((r) => [String(r.key), r.n]));
      const keys = orderedKeys(rows, base);
      const total = rows.reduce((a, r) => a + r.n, 0);
      const selected = selection?.kind === 'points' && selection.values.length ? new Set(selection.values) : null;
      const labelOf = (k: string) => (stacked ? breakdownLabel(k, lang) : valueLabel(k, lang));
      const keyOf = stacked ? (r: string, s: string) => `${r}|${s}` : (r: string) => r;
      const common = { lang, format: formatCount, axisUnit: firmsAxis(lang), selected, keyOf };
      let input: Omit<BarsInput, 'width'>;
      if (!stacked) {
        input = {
          ...common,
          rows: keys.map((k) => ({ key: k, label: valueLabel(k, lang), values: [counts.get(k) ?? 0] })),
          series: [{ key: 'n', label: lang === 'zh' ? '企业数' : 'Firms', tone: 'blue' }],
        };
      } else {
        const pairs = keys.map((k) => k.split('|') as [string, string]);
        const scales = [...new Set(pairs.map((p) => p[0]))].sort((a, b) => rank(SCALE_ORDER, a) - rank(SCALE_ORDER, b));
        const srdis = [...new Set(pairs.map((p) => p[1]))].sort((a, b) => rank(SRDI_ORDER, a) - rank(SRDI_ORDER, b));
        input = {
          ...common,
          mode: 'stacked',
          rows: scales.map((s) => ({ key: s, label: valueLabel(s, lang), values: srdis.map((x) => counts.get(`${s}|${x}`) ?? 0) })),
          series: srdis.map((x, i) => ({ key: x, label: valueLabel(x, lang), tone: SRDI_TONES[x] ?? OTHER_TONES[i % OTHER_TONES.length] })),
        };
      }
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      let summary = noFirms(lang);
      if (ranked.length) {
        const [top, n] = ranked[0];
        const title = spec.words.title[lang];
        summary =
          lang === 'zh'
            ? `${title}：共${firmsText(total, lang)}，${labelOf(top)}最多（${firmsText(n, lang)}）。`
            : `${title}: ${firmsText(total, lang)}; ${labelOf(top)} has the most (${formatCount(n)}).`;
        if (selected) {
          const sel = [...selected].map(labelOf).join(lang === 'zh' ? '、' : ', ');
          summary += lang === 'zh' ? `已选：${sel}。` : ` Selected: ${sel}.`;
        }
      }
      return {
        drawing: { kind: 'bars', input },
        table: {
          columns: [
            { key: 'category', label: spec.category[lang] },
            { key: 'firms', label: lang === 'zh' ? '企业数' : 'Firms', numeric: true },
            { key: 'share', label: lang === 'zh' ? '占比' : 'Share', numeric: true },
          ],
          rows: keys.map((k) => ({
            category: labelOf(k),
            firms: counts.get(k) ?? 0,
            share: total ? formatPercent((100 * (counts.get(k) ?? 0)) / total, 1, true) : '',
          })),
        },
        summary,
        describe: (row, series, v) => `${stacked ? `${row} · ${series}` : row}: ${firmsShare(v, total, lang)}`,
      };
    },
  };
}
