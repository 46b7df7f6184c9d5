import { line } from 'd3-shape';
import { scaleLinear } from 'd3-scale';
import type { Palette, Tone } from '../palette';

/** One group of firms, in ascending order of output: how many firms and how much output. */
export interface LorenzGroup {
  n: number;
  sum: number;
}

/** A Lorenz curve in shares, without a drawing: what the table, the tooltips and the Gini read. */
export interface LorenzCurve {
  /** Cumulative shares (0..1) of firms and of output at each group boundary, from (0, 0). */
  points: { firms: number; output: number }[];
  /** Gini coefficient, from the area under the curve (exact at group boundaries); 0 without firms or output. */
  gini: number;
}

export interface LorenzLayout extends LorenzCurve {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  /** SVG path of the curve ('' without firms or output) and of the line of equality. */
  curve: string;
  diagonal: string;
  ticks: { at: number; x: number; y: number; label: string }[];
  /** Colours of the curve, the line of equality (ink), ticks and grid. */
  colors: Pick<Palette, 'ink' | 'subtle' | 'grid'> & { curve: string };
}

const M = { top: 10, right: 12, bottom: 28, left: 40 };

/** Lorenz curve of groups sorted by ascending output; groups with no output are kept (they flatten the start). */
export function lorenzCurve(groups: readonly LorenzGroup[]): LorenzCurve {
  const N = groups.reduce((a, g) => a + g.n, 0);
  const S = groups.reduce((a, g) => a + g.sum, 0);
  const points = [{ firms: 0, output: 0 }];
  let cn = 0;
  let cs = 0;
  for (const g of groups) {
    cn += g.n;
    cs += g.sum;
    points.push({ firms: N ? cn / N : 0, output: S ? cs / S : 0 });
  }
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((points[i].firms - points[i - 1].firms) * (points[i].output + points[i - 1].output)) / 2;
  return { points, gini: N && S ? Math.max(0, 1 - 2 * area) : 0 };
}

/** The curve drawn in a square plot that fits `width` x `height`, in the `tone` of the palette. */
export function lorenzLayout(
  groups: readonly LorenzGroup[],
  width: number,
  height: number,
  palette: Palette,
  tone: Tone = 'vermillion',
): LorenzLayout {
  const side = Math.max(80, Math.min(width - M.left - M.right, height - M.top - M.bottom));
  const plot = { left: M.left, top: M.top, width: side, height: side };
  const { points, gini } = lorenzCurve(groups);
  // No firms or no output: only the line of equality is drawn.
  const drawn = groups.reduce((a, g) => a + g.n, 0) !== 0 && groups.reduce((a, g) => a + g.sum, 0) !== 0;
  const x = scaleLinear()
    .domain([0, 1])
    .range([plot.left, plot.left + plot.width]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([plot.top + plot.height, plot.top]);
  const path = line<{ firms: number; output: number }>()
    .x((p) => x(p.firms))
    .y((p) => y(p.output));
  return {
    width,
    height: plot.top + plot.height + M.bottom,
    plot,
    curve: drawn ? (path(points) ?? '') : '',
    diagonal:
      path([
        { firms: 0, output: 0 },
        { firms: 1, output: 1 },
      ]) ?? '',
    gini,
    points,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((t) => ({ at: t, x: x(t), y: y(t), label: `${Math.round(t * 100)}%` })),
    colors: { ink: palette.ink, subtle: palette.subtle, grid: palette.grid, curve: palette.tones[tone] },
  };
}

/** Herfindahl-Hirschman index on the 0–10,000 scale from the sum and sum of squares of output. */
export function hhi(sum: number, sumsq: number): number {
  return sum > 0 ? (10_000 * sumsq) / (sum * sum) : 0;
}
