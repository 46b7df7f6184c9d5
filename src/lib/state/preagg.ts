/**
 * Pre-aggregation for brushing (Mosaic-style data cubes): while one histogram is brushed, every other
 * view's counts and the selection's totals per fine bin of the brushed dimension are held as prefix
 * sums, so a brush move is answered in JavaScript without a query.
 */
import type { Engine } from '../engine';
import { toRows } from '../engine';
import { allCubesSql, isActive, type CrossTable, type Selections } from '../sql';
import { buildCube, cubeTotals, type Cube } from './cube';

export interface ActiveCube {
  /** The brushed dimension. */
  dim: string;
  /** Selections of the other dimensions the cube was built under; a change there makes it stale. */
  basis: string;
  views: Map<string, Cube>;
  /** Measures n, s, q of the selected rows per bin. */
  summary: Cube;
}

/** Counts per view and totals of the selection, as a brush over the cube gives them. */
export interface CubeAnswer {
  views: Map<string, { key: string | number; n: number }[]>;
  totals: { count: number; output: number; sumsq: number };
}

/** Identifies the other views' selections a cube for `dimId` depends on. */
export const cubeBasis = (x: CrossTable, sels: Selections, dimId: string): string =>
  JSON.stringify(x.dims.filter((d) => d.id !== dimId).map((d) => sels[d.id] ?? null));

/** What the cube says for the brushed dimension's current selection. */
export function answerFromCube(cube: ActiveCube, sels: Selections): CubeAnswer {
  const sel = sels[cube.dim];
  const range = sel?.kind === 'interval' && isActive(sel) ? { lo: sel.lo, hi: sel.hi } : null;
  const views = new Map<string, { key: string | number; n: number }[]>();
  for (const [id, c] of cube.views) {
    const totals = cubeTotals(c, range);
    views.set(
      id,
      c.keys.map((key, i) => ({ key, n: totals[i] })).filter((r) => r.n > 0),
    );
  }
  const [count, output, sumsq] = [0, 1, 2].map((m) => cubeTotals(cube.summary, range, m)[0] ?? 0);
  return { views, totals: { count, output, sumsq } };
}

/**
 * The cubes of every brushable view from one scan (see allCubesSql): built when the data is in and
 * after each settled change, so the pointer finds them ready.
 */
export async function buildAllCubes(engine: Engine, x: CrossTable, sels: Selections): Promise<Map<string, ActiveCube>> {
  const { sql, parts } = allCubesSql(x, sels);
  const rows = toRows(await engine.query(sql, { key: 'cf:cubes' }));
  const cubes = new Map<string, ActiveCube>();
  for (const brushed of new Set(parts.map((p) => p.brushed))) {
    const views = new Map<string, Cube>();
    let summary: Cube | null = null;
    for (const p of parts.filter((q) => q.brushed === brushed)) {
      const mine = rows.filter((r) => r.g === p.g);
      const cube = buildCube(
        mine.map((r) => ({
          k: p.key ? (r[p.key] as string | number) : '*',
          b: r[p.bin] as number | null,
          m: p.measures.map((c) => Number(r[c] ?? 0)),
        })),
        p.measures.length,
      );
      if (p.key) views.set(p.target, cube);
      else summary = cube;
    }
    cubes.set(brushed, { dim: brushed, basis: cubeBasis(x, sels, brushed), views, summary: summary! });
  }
  return cubes;
}
