/** A brushable histogram of an interval linked view: bins on an axis fixed by the whole table. */
import type { Bilingual } from '../../data/provenance';
import type { Dim } from '../../sql';
import type { ChartWords, Counts, HistogramAxis, HistogramView } from '../definition';
import { firmsShare, firmsText, noFirms } from './counts';

interface Spec {
  id: string;
  dim: string;
  words: ChartWords;
  category: Bilingual;
  axis: HistogramAxis;
}

type IntervalDim = Extract<Dim, { kind: 'interval' }>;

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

export function histogram(spec: Spec): HistogramView {
  const { axis } = spec;
  return {
    kind: 'linked-histogram',
    ...spec,
    build({ rows, base, selection, lang }, dim) {
      const bins = toBins(rows, dim, axis).sort((a, c) => a.x0 - c.x0);
      const domain = histogramDomain(rows, base, dim, axis);
      const total = bins.reduce((a, b) => a + b.n, 0);
      const perUnit = axis.finePerUnit;
      const range = selection?.kind === 'interval' ? ([selection.lo / perUnit, selection.hi / perUnit] as [number, number]) : null;
      const band = (a: number, b: number) => `${axis.valueLabel(a, lang)} – ${axis.valueLabel(b, lang)}`;
      let summary = noFirms(lang);
      if (bins.length) {
        const peak = bins.reduce((a, b) => (b.n > a.n ? b : a));
        const title = spec.words.title[lang];
        const group = band(peak.x0, peak.x0 + axis.step);
        summary =
          lang === 'zh'
            ? `${title}：共${firmsText(total, lang)}，最多的一组为${group}（${firmsText(peak.n, lang)}）。`
            : `${title}: ${firmsText(total, lang)}; the largest group is ${group} (${firmsText(peak.n, lang)}).`;
        if (range) summary += lang === 'zh' ? `已选：${band(range[0], range[1])}。` : ` Selected: ${band(range[0], range[1])}.`;
      }
      // Whole years read as one year ("2005年"), other bins as a range.
      const binName = (x0: number) => (axis.step === 1 && perUnit === 1 ? axis.valueLabel(x0, lang) : band(x0, x0 + axis.step));
      return {
        drawing: {
          kind: 'histogram',
          input: {
            bins,
            step: axis.step,
            lang,
            domain,
            tickStep: axis.tickStep,
            tickLabel: (x) => axis.tickLabel(x, lang),
            unit: axis.unit?.(lang),
            binLabel: band,
            rule: axis.rule ? { at: axis.rule.at, label: axis.rule.label[lang] } : undefined,
            highlight: range,
          },
        },
        table: {
          columns: [
            { key: 'band', label: spec.category[lang] },
            { key: 'firms', label: lang === 'zh' ? '企业数' : 'Firms', numeric: true },
          ],
          rows: bins.map((b) => ({ band: binName(b.x0), firms: b.n })),
        },
        summary,
        describe: (label, n) => `${label}: ${firmsShare(n, total, lang)}`,
        domain,
        range,
        band,
      };
    },
  };
}
