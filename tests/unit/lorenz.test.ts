// The concentration measures: the Lorenz curve and its drawing, the Gini coefficient and the
// Herfindahl-Hirschman index, on hand-made groups and on the bundled firms through DuckDB-WASM.
import { beforeAll, describe, expect, it } from 'vitest';
import { hhi, lorenzCurve, lorenzLayout, type LorenzGroup } from '../../src/lib/charts/lorenz/layout';
import { PALETTES } from '../../src/lib/charts/palette';
import { lorenzSql } from '../../src/lib/sql';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';

/** Gini of individual values by the textbook formula (sorted ascending): 2·Σ i·x_i / (n·Σx) − (n+1)/n. */
function giniOf(values: readonly number[]): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const total = x.reduce((a, v) => a + v, 0);
  const weighted = x.reduce((a, v, i) => a + (i + 1) * v, 0);
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
const single = (values: readonly number[]): LorenzGroup[] => [...values].sort((a, b) => a - b).map((sum) => ({ n: 1, sum }));

describe('the Lorenz curve', () => {
  it.each([
    ['equal firms lie on the line of equality', 0, single([5, 5, 5, 5])],
    ['one firm of four making everything gives 1 − 1/4', 0.75, single([0, 0, 0, 12])],
    ['a single firm has no inequality', 0, single([7])],
    ['nine small firms and one large one, grouped', 0.81, [{ n: 9, sum: 9 } as LorenzGroup, { n: 1, sum: 91 }]],
    ['no firms at all gives 0', 0, []],
    ['firms without output give 0', 0, [{ n: 3, sum: 0 }]],
  ])('%s (Gini %s)', (_name, gini, groups) => {
    expect(lorenzCurve(groups).gini).toBeCloseTo(gini, 10);
  });

  it.each([[[1, 2, 3, 4, 10]], [[0.5, 0.5, 3, 80, 120, 7, 7]], [[2, 3, 5, 7, 11, 13, 17, 19, 23, 29]]])(
    'gives the textbook Gini of one firm per group: %o',
    (values) => {
      expect(lorenzCurve(single(values)).gini).toBeCloseTo(giniOf(values), 10);
    },
  );

  it('runs from (0, 0) to (1, 1) through the cumulative shares of each group', () => {
    const { points } = lorenzCurve([
      { n: 1, sum: 10 },
      { n: 3, sum: 30 },
      { n: 1, sum: 60 },
    ]);
    expect(points).toEqual([
      { firms: 0, output: 0 },
      { firms: 0.2, output: 0.1 },
      { firms: 0.8, output: 0.4 },
      { firms: 1, output: 1 },
    ]);
  });

  it('keeps groups without output, which flatten the start of the curve', () => {
    const { points } = lorenzCurve([
      { n: 2, sum: 0 },
      { n: 2, sum: 8 },
    ]);
    expect(points[1]).toEqual({ firms: 0.5, output: 0 });
  });

  it('does not mutate the groups it is given', () => {
    const groups = Object.freeze([Object.freeze({ n: 2, sum: 3 }), Object.freeze({ n: 1, sum: 9 })]);
    expect(() => lorenzCurve(groups)).not.toThrow();
    expect(groups).toEqual([
      { n: 2, sum: 3 },
      { n: 1, sum: 9 },
    ]);
  });
});

describe('the Lorenz drawing', () => {
  const groups = single([1, 2, 3, 4, 10]);
  const l = lorenzLayout(groups, 400, 300, PALETTES.light);
  /** Numbers of an SVG path, as pairs. */
  const pairs = (d: string) =>
    (d.match(/-?[\d.]+/g) ?? []).map(Number).reduce<number[][]>((a, v, i) => (i % 2 ? (a.at(-1)!.push(v), a) : [...a, [v]]), []);

  it('draws a square plot that fits the smaller side, margins included', () => {
    expect(l.plot).toEqual({ left: 40, top: 10, width: 262, height: 262 });
    expect(l.height).toBe(10 + 262 + 28);
    expect(l.width).toBe(400);
  });
  it('never shrinks the plot below 80 px, even in a tiny box', () => {
    expect(lorenzLayout(groups, 50, 50, PALETTES.light).plot.width).toBe(80);
  });
  it('starts the curve at the bottom left and ends it at the top right, one point per group boundary', () => {
    const pts = pairs(l.curve);
    expect(pts).toHaveLength(groups.length + 1);
    expect(pts[0]).toEqual([40, 272]);
    expect(pts.at(-1)).toEqual([302, 10]);
  });
  it('draws the curve below the line of equality', () => {
    const { plot } = l;
    for (const [x, y] of pairs(l.curve)) {
      const equal = plot.top + plot.height - (x - plot.left);
      expect(y).toBeGreaterThanOrEqual(equal - 1e-9);
    }
    expect(pairs(l.diagonal)).toEqual([
      [40, 272],
      [302, 10],
    ]);
  });
  it('ticks every quarter on both axes', () => {
    expect(l.ticks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(l.ticks.map((t) => t.x)).toEqual([40, 105.5, 171, 236.5, 302]);
    expect(l.ticks.map((t) => t.y)).toEqual([272, 206.5, 141, 75.5, 10]);
  });
  it('draws only the line of equality when there is no output', () => {
    const empty = lorenzLayout([{ n: 4, sum: 0 }], 400, 300, PALETTES.light);
    expect(empty.curve).toBe('');
    expect(empty.diagonal).not.toBe('');
    expect(lorenzLayout([], 400, 300, PALETTES.light).curve).toBe('');
  });
  it('agrees with the curve in shares and Gini', () => {
    expect({ points: l.points, gini: l.gini }).toEqual(lorenzCurve(groups));
  });
});

describe('the Herfindahl-Hirschman index', () => {
  it.each([
    ['a monopoly scores 10,000', 50, 50 * 50, 10_000],
    ['four equal firms score 2,500', 4 * 7, 4 * 7 * 7, 2_500],
    ['shares of 50, 30 and 20 percent score 3,800', 100, 50 * 50 + 30 * 30 + 20 * 20, 3_800],
    ['a hundred equal firms score 100', 100, 100, 100],
    ['no output scores 0, not NaN', 0, 0, 0],
  ])('%s', (_name, sum, sumsq, index) => {
    expect(hhi(sum, sumsq)).toBeCloseTo(index, 9);
  });
});

describe('concentration of the bundled firms (DuckDB-WASM)', () => {
  let db: WasmDb;
  let outputs: number[];
  beforeAll(async () => {
    db = await openWasmDb();
    outputs = db.query<{ v: number }>('SELECT output_2022 AS v FROM firms WHERE output_2022 > 0').map((r) => r.v);
  });

  it('takes HHI from the sum and sum of squares as the sum of squared percentage shares', () => {
    const [t] = db.query<{ s: number; q: number }>('SELECT sum(output_2022)::DOUBLE AS s, sum(output_2022 ^ 2)::DOUBLE AS q FROM firms');
    const direct = outputs.reduce((a, v) => a + ((100 * v) / t.s) ** 2, 0);
    expect(hhi(t.s, t.q)).toBeCloseTo(direct, 6);
  });

  it('gives, from the grouped Lorenz query, the Gini of the individual firms within 0.005', () => {
    const groups = db.query<{ n: number; s: number }>(lorenzSql('')).map((r) => ({ n: r.n, sum: r.s }));
    const exact = giniOf(outputs);
    expect(exact).toBeGreaterThan(0.3);
    // Firms in one group (a hundredth of a decade) count as equal: the curve is exact at group boundaries.
    expect(Math.abs(lorenzCurve(groups).gini - exact)).toBeLessThan(0.005);
  });
});
