/**
 * Pre-aggregation for brushing (Mosaic-style data cubes): while one histogram is brushed, every other
 * view's counts and the selection's totals per fine bin of the brushed dimension are held as prefix
 * sums, so a brush move is answered in JavaScript without a query.
 */
import type { Engine } from '../engine';
import { toRows } from '../engine';
import { cubeSql, isActive, summaryCubeSql, type CrossTable, type Selections } from '../sql';
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

/** Builds the cube of brushed dimension `dimId` under the other views' selections (one query per view). */
export async function buildActiveCube(engine: Engine, x: CrossTable, sels: Selections, dimId: string): Promise<ActiveCube> {
  const views = new Map<string, Cube>();
  for (const target of x.dims) {
    if (target.id === dimId) continue;
    const rows = toRows(await engine.query(cubeSql(x, sels, target.id, dimId)));
    views.set(target.id, buildCube(rows.map((r) => ({ k: r.k as string | number, b: r.b as number | null, m: [Number(r.n)] }))));
  }
  const srows = toRows(await engine.query(summaryCubeSql(x, sels, dimId)));
  const summary = buildCube(srows.map((r) => ({ k: '*', b: r.b as number | null, m: [Number(r.n), Number(r.s ?? 0), Number(r.q ?? 0)] })), 3);
  return { dim: dimId, basis: cubeBasis(x, sels, dimId), views, summary };
}

/** What the cube says for the brushed dimension's current selection. */
export function answerFromCube(cube: ActiveCube, sels: Selections): CubeAnswer {
  const sel = sels[cube.dim];
  const range = sel?.kind === 'interval' && isActive(sel) ? { lo: sel.lo, hi: sel.hi } : null;
  const views = new Map<string, { key: string | number; n: number }[]>();
  for (const [id, c] of cube.views) {
    const totals = cubeTotals(c, range);
    views.set(id, c.keys.map((key, i) => ({ key, n: totals[i] })).filter((r) => r.n > 0));
  }
  const [count, output, sumsq] = [0, 1, 2].map((m) => cubeTotals(cube.summary, range, m)[0] ?? 0);
  return { views, totals: { count, output, sumsq } };
}
