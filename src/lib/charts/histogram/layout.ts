import { scaleLinear } from 'd3-scale';
import { axisFormat, type Lang } from '../../format/number';
import type { Palette, Tone } from '../palette';

export interface Bin {
  /** Lower edge in axis units (log10 of the value, or a year). */
  x0: number;
  n: number;
}

export interface HistogramInput {
  bins: Bin[];
  /** Bin width in axis units. */
  step: number;
  width: number;
  height: number;
  lang: Lang;
  /** Fixed axis extent, so the axis stays put while other views filter the counts. */
  domain?: [number, number];
  /** Distance between labelled ticks in axis units (a decade, five years). */
  tickStep?: number;
  tickLabel: (x: number) => string;
  /** Unit of the tick labels, written once under the axis (one unit per axis). */
  unit?: string;
  /** Range label of one bin, for tooltips and the table. */
  binLabel: (x0: number, x1: number) => string;
  /** Optional vertical rule, e.g. the above-designated-size threshold. */
  rule?: { at: number; label: string };
  /** The view's own selection [lo, hi) in axis units: bars inside are drawn as selected. */
  highlight?: [number, number] | null;
  /** Colour role of the bars and the brush; blue unless given. */
  tone?: Tone;
}

export interface HistogramMark {
  x0: number;
  x1: number;
  n: number;
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  /** Inside the view's own selection, or no selection at all. */
  selected: boolean;
  /** Outside the view's own selection: drawn muted. */
  muted: boolean;
  fill: string;
}

export interface HistogramLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  domain: [number, number];
  xTicks: { x: number; label: string }[];
  unit: string;
  yTicks: { y: number; label: string }[];
  marks: HistogramMark[];
  /** The rule's label sits right of the line, or left of it when the line is in the right half. */
  rule: { x: number; label: string; anchor: 'start' | 'end' } | null;
  /** Pixel span of the highlight, for the brush rectangle. */
  brush: { x0: number; x1: number } | null;
  /** Colours of the axes, the rule and the brush (`accent`, the bars' own colour). */
  colors: Pick<Palette, 'ink' | 'subtle' | 'grid'> & { accent: string };
}

const M = { top: 18, right: 12, bottom: 38, left: 40 };

/** Axis position of a pixel, and back: the brush works in axis units. */
export function histogramScale(l: Pick<HistogramLayout, 'plot' | 'domain'>) {
  const x = scaleLinear()
    .domain(l.domain)
    .range([l.plot.left, l.plot.left + l.plot.width]);
  return { toPx: (v: number) => x(v), toValue: (px: number) => x.invert(px) };
}

/** Vertical bars over a linear axis (log10 values or years); bins are `step` units wide. */
export function histogramLayout(input: HistogramInput, palette: Palette): HistogramLayout {
  const { bins, step, width, height, lang, tickLabel, binLabel, rule, highlight, tickStep = 1, tone = 'blue' } = input;
  const accent = palette.tones[tone];
  const plot = { left: M.left, top: M.top, width: Math.max(60, width - M.left - M.right), height: Math.max(40, height - M.top - M.bottom) };
  const lo = bins.length ? Math.floor(Math.min(...bins.map((b) => b.x0)) / tickStep) * tickStep : 0;
  const hi = bins.length ? Math.ceil(Math.max(...bins.map((b) => b.x0 + step)) / tickStep) * tickStep : tickStep;
  const domain: [number, number] = input.domain ?? [lo, Math.max(hi, lo + tickStep)];
  const { toPx } = histogramScale({ plot, domain });
  const nMax = Math.max(1, ...bins.map((b) => b.n));
  const y = scaleLinear()
    .domain([0, nMax])
    .range([plot.top + plot.height, plot.top])
    .nice(4);
  const yTicks = y.ticks(4).filter(Number.isInteger);
  const yAxis = axisFormat(y.domain()[1], lang, yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1);
  const ticks: number[] = [];
  // On narrow screens label every other tick so labels never collide.
  const every = (plot.width / (domain[1] - domain[0])) * tickStep < 48 ? 2 : 1;
  const first = Math.ceil(domain[0] / tickStep) * tickStep;
  for (let t = first, i = 0; t <= domain[1] + 1e-9; t += tickStep, i++) if (i % every === 0) ticks.push(t);
  const inside = (x0: number) => !highlight || (x0 >= highlight[0] - 1e-9 && x0 + step <= highlight[1] + 1e-9);
  return {
    width,
    height,
    plot,
    domain,
    xTicks: ticks.map((t) => ({ x: toPx(t), label: tickLabel(t) })),
    unit: input.unit ?? '',
    yTicks: yTicks.map((t) => ({ y: y(t), label: yAxis.tick(t) })),
    marks: bins
      .filter((b) => b.x0 + step > domain[0] && b.x0 < domain[1])
      .map((b) => ({
        x0: b.x0,
        x1: b.x0 + step,
        n: b.n,
        x: toPx(b.x0) + 0.5,
        y: y(b.n),
        w: Math.max(1, toPx(b.x0 + step) - toPx(b.x0) - 1),
        h: y(0) - y(b.n),
        label: binLabel(b.x0, b.x0 + step),
        selected: inside(b.x0),
        muted: !inside(b.x0),
        fill: inside(b.x0) ? accent : palette.muted,
      })),
    rule: rule ? { x: toPx(rule.at), label: rule.label, anchor: toPx(rule.at) > plot.left + plot.width / 2 ? 'end' : 'start' } : null,
    brush: highlight ? { x0: toPx(highlight[0]), x1: toPx(highlight[1]) } : null,
    colors: { ink: palette.ink, subtle: palette.subtle, grid: palette.grid, accent },
  };
}
