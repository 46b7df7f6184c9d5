/** A brushable histogram of an interval linked view: bins on an axis fixed by the whole table. */
import type { Bilingual } from '../../data/provenance';
import { allViewsSql, viewSql, type CrossTable, type Dim, type Selection } from '../../sql';
import type { ChartWords, Counts, HistogramAxis, HistogramView } from '../definition';
import { firmsShare, firmsText, noFirms } from './counts';

interface Spec {
  id: string;
  x: CrossTable;
  dim: string;
  words: ChartWords;
  category: Bilingual;
  axis: HistogramAxis;
}

type IntervalDim = Extract<Dim, { kind: 'interval' }>;

/** Charts narrower than this use the axis's `narrowTickStep`. */
const NARROW = 420;
/** Height of the drawing in pixels. */
const HEIGHT = 220;

/** Display bins in axis units: bin k starts at k * perDisplay / finePerUnit. */
const toBins = (rows: Counts, dim: IntervalDim, axis: HistogramAxis) =>
  rows.map((r) => ({ x0: (Number(r.key) * dim.perDisplay) / axis.finePerUnit, n: r.n }));

/** Axis extent in whole ticks around the bins of the whole table (or of the answer before it is known). */
export function histogramDomain(rows: Counts, base: Counts, dim: IntervalDim, axis: HistogramAxis): [number, number] {
  const extent = toBins(base.length ? base : rows, dim, axis);
  if (!extent.length) return axis.fallbackDomain;
  const lo = Math.min(...extent.map((x) => x.x0));
  const hi = Math.max(...extent.map((x) => x.x0)) + axis.step;
  return [Math.floor(lo / axis.tickStep) * axis.tickStep, Math.ceil(hi / axis.tickStep) * axis.tickStep];
}

/** A range of fine bins as a selection inside the dimension's limits; none when it is empty. */
function interval(lo: number, hi: number, dim: IntervalDim): Selection | undefined {
  const a = Math.max(dim.min, Math.min(lo, hi));
  const b = Math.min(dim.max, Math.max(lo, hi));
  return b > a ? { kind: 'interval', lo: a, hi: b } : undefined;
}

export function histogram(spec: Spec): HistogramView {
  const { axis } = spec;
  const found = spec.x.dims.find((d) => d.id === spec.dim);
  if (found?.kind !== 'interval') throw new Error(`chart ${spec.id}: ${spec.x.table} has no interval dimension "${spec.dim}"`);
  const dim: IntervalDim = found;
  return {
    kind: 'linked-histogram',
    ...spec,
    tables: [spec.x.table],
    query: (sels) => viewSql(spec.x, spec.dim, sels),
    unfiltered: () => [allViewsSql(spec.x)],
    build({ rows, base, selection, lang }) {
      const zh = lang === 'zh';
      const bins = toBins(rows, dim, axis).sort((a, c) => a.x0 - c.x0);
      const domain = histogramDomain(rows, base, dim, axis);
      const total = bins.reduce((a, b) => a + b.n, 0);
      const perUnit = axis.finePerUnit;
      const range = selection?.kind === 'interval' ? ([selection.lo / perUnit, selection.hi / perUnit] as [number, number]) : null;
      const band = (a: number, b: number) => `${axis.valueLabel(a, lang)} – ${axis.valueLabel(b, lang)}`;
      const title = spec.words.title[lang];
      let summary = noFirms(lang);
      if (bins.length) {
        const peak = bins.reduce((a, b) => (b.n > a.n ? b : a));
        const group = band(peak.x0, peak.x0 + axis.step);
        summary = zh
          ? `${title}：共${firmsText(total, lang)}，最多的一组为${group}（${firmsText(peak.n, lang)}）。`
          : `${title}: ${firmsText(total, lang)}; the largest group is ${group} (${firmsText(peak.n, lang)}).`;
        if (range) summary += zh ? `已选：${band(range[0], range[1])}。` : ` Selected: ${band(range[0], range[1])}.`;
      }
      // Whole years read as one year ("2005年"), other bins as a range.
      const binName = (x0: number) => (axis.step === 1 && perUnit === 1 ? axis.valueLabel(x0, lang) : band(x0, x0 + axis.step));

      // The range control works in fine bins over the whole axis; covering all of it selects nothing.
      const min = Math.round(domain[0] * perUnit);
      const max = Math.round(domain[1] * perUnit);
      const lo = selection?.kind === 'interval' ? selection.lo : min;
      const hi = selection?.kind === 'interval' ? selection.hi : max;
      const valueText = (fine: number) => axis.valueLabel(fine / perUnit, lang);
      return {
        drawing: {
          kind: 'histogram',
          input: {
            bins,
            step: axis.step,
            lang,
            domain,
            tickLabel: (x) => axis.tickLabel(x, lang),
            unit: axis.unit?.(lang),
            binLabel: band,
            rule: axis.rule ? { at: axis.rule.at, label: axis.rule.label[lang] } : undefined,
            highlight: range,
          },
          height: HEIGHT,
          tickStepAt: (width) => (width < NARROW && axis.narrowTickStep ? axis.narrowTickStep : axis.tickStep),
        },
        table: {
          columns: [
            { key: 'band', label: spec.category[lang] },
            { key: 'firms', label: zh ? '企业数' : 'Firms', numeric: true },
          ],
          rows: bins.map((b) => ({ band: binName(b.x0), firms: b.n })),
        },
        summary,
        describe: (label, n) => `${label}: ${firmsShare(n, total, lang)}`,
        domain,
        range,
        band,
        toSelection: (r) => (r ? interval(Math.round(r[0] * perUnit), Math.round(r[1] * perUnit), dim) : undefined),
        control: {
          label: zh ? `${title}：筛选范围` : `${title}: filter range`,
          min,
          max,
          step: dim.perDisplay,
          lo: { id: `${spec.id}-lo`, label: zh ? '从' : 'From', value: lo, valueText, shows: lo },
          hi: { id: `${spec.id}-hi`, label: zh ? '到' : 'To', value: hi, valueText, shows: hi - dim.perDisplay },
          output: range ? band(range[0], range[1]) : zh ? '全部' : 'All',
          select: (a, b) => (Math.min(a, b) <= min && Math.max(a, b) >= max ? undefined : interval(a, b, dim)),
        },
      };
    },
  };
}
