import { scaleLinear } from 'd3-scale';
import { axisFormat, type Lang } from '../../format/number';

export interface Bin {
  /** Lower edge in log10 units of the measured value. */
  x0: number;
  n: number;
}

export interface HistogramInput {
  bins: Bin[];
  /** Bin width in decades. */
  step: number;
  width: number;
  height: number;
  lang: Lang;
  /** Label for a tick at 10^k (each decade names its own magnitude on a log axis). */
  tickLabel: (log10Value: number) => string;
  /** Range label of one bin, for tooltips and the table. */
  binLabel: (x0: number, x1: number) => string;
  /** Optional vertical rule, e.g. the above-designated-size threshold. */
  rule?: { at: number; label: string };
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
}

export interface HistogramLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  marks: HistogramMark[];
  /** The rule's label sits right of the line, or left of it when the line is in the right half. */
  rule: { x: number; label: string; anchor: 'start' | 'end' } | null;
}

const M = { top: 18, right: 12, bottom: 26, left: 40 };

/** Vertical bars over a log10 axis; bins are `step` decades wide. */
export function histogramLayout(input: HistogramInput): HistogramLayout {
  const { bins, step, width, height, lang, tickLabel, binLabel, rule } = input;
  const plot = { left: M.left, top: M.top, width: Math.max(60, width - M.left - M.right), height: Math.max(40, height - M.top - M.bottom) };
  const lo = bins.length ? Math.floor(Math.min(...bins.map((b) => b.x0))) : 0;
  const hi = bins.length ? Math.ceil(Math.max(...bins.map((b) => b.x0 + step))) : 1;
  const x = scaleLinear().domain([lo, Math.max(hi, lo + 1)]).range([plot.left, plot.left + plot.width]);
  const nMax = Math.max(1, ...bins.map((b) => b.n));
  const y = scaleLinear().domain([0, nMax]).range([plot.top + plot.height, plot.top]).nice(4);
  const yTicks = y.ticks(4).filter(Number.isInteger);
  const yAxis = axisFormat(y.domain()[1], lang, yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1);
  const decades: number[] = [];
  // On narrow screens label every other decade so tick labels never collide.
  const every = plot.width / (x.domain()[1] - x.domain()[0]) < 48 ? 2 : 1;
  for (let d = lo; d <= x.domain()[1]; d++) if ((d - lo) % every === 0) decades.push(d);
  return {
    width,
    height,
    plot,
    xTicks: decades.map((d) => ({ x: x(d), label: tickLabel(d) })),
    yTicks: yTicks.map((t) => ({ y: y(t), label: yAxis.tick(t) })),
    marks: bins.map((b) => ({
      x0: b.x0,
      x1: b.x0 + step,
      n: b.n,
      x: x(b.x0) + 0.5,
      y: y(b.n),
      w: Math.max(1, x(b.x0 + step) - x(b.x0) - 1),
      h: y(0) - y(b.n),
      label: binLabel(b.x0, b.x0 + step),
    })),
    rule: rule ? { x: x(rule.at), label: rule.label, anchor: x(rule.at) > plot.left + plot.width / 2 ? 'end' : 'start' } : null,
  };
}
