/**
 * A data-cube index over one brushed dimension (Mosaic-style pre-aggregation): counts per
 * (target key, fine bin) held as prefix sums, so a brush over bins [lo, hi) is answered for every
 * key in O(keys) without touching the engine.
 */
export interface Cube {
  /** Keys of the target view, in first-seen order. */
  keys: (string | number)[];
  /** Smallest fine bin present. */
  b0: number;
  /** Number of fine bins covered (b0 .. b0 + nb - 1). */
  nb: number;
  /** Per measure, per key: prefix sums of length nb + 1. */
  prefix: Float64Array[][];
  /** Per measure, per key: rows whose bin is NULL (they count only when the brush is cleared). */
  nulls: Float64Array[];
}

/** One aggregated row: target key, fine bin (null when the brushed value is missing), measures. */
export interface CubeRow {
  k: string | number;
  b: number | null;
  m: number[];
}

export function buildCube(rows: readonly CubeRow[], measures = 1): Cube {
  const keys: (string | number)[] = [];
  const index = new Map<string | number, number>();
  let b0 = Infinity;
  let b1 = -Infinity;
  for (const r of rows) {
    if (!index.has(r.k)) {
      index.set(r.k, keys.length);
      keys.push(r.k);
    }
    if (r.b !== null) {
      if (r.b < b0) b0 = r.b;
      if (r.b > b1) b1 = r.b;
    }
  }
  if (b0 === Infinity) [b0, b1] = [0, -1];
  const nb = b1 - b0 + 1;
  const prefix = Array.from({ length: measures }, () => keys.map(() => new Float64Array(nb + 1)));
  const nulls = Array.from({ length: measures }, () => new Float64Array(keys.length));
  for (const r of rows) {
    const k = index.get(r.k)!;
    for (let m = 0; m < measures; m++) {
      if (r.b === null) nulls[m][k] += r.m[m] ?? 0;
      else prefix[m][k][r.b - b0 + 1] += r.m[m] ?? 0;
    }
  }
  for (const per of prefix) for (const p of per) for (let i = 1; i <= nb; i++) p[i] += p[i - 1];
  return { keys, b0, nb, prefix, nulls };
}

/**
 * Totals per key of measure `m` for the brush [lo, hi); `null` (no brush) counts every row,
 * including those whose brushed value is missing.
 */
export function cubeTotals(cube: Cube, range: { lo: number; hi: number } | null, m = 0): Float64Array {
  const out = new Float64Array(cube.keys.length);
  const pre = cube.prefix[m];
  if (range === null) {
    for (let k = 0; k < out.length; k++) out[k] = pre[k][cube.nb] + cube.nulls[m][k];
    return out;
  }
  const lo = Math.min(cube.nb, Math.max(0, range.lo - cube.b0));
  const hi = Math.min(cube.nb, Math.max(0, range.hi - cube.b0));
  if (hi <= lo) return out;
  for (let k = 0; k < out.length; k++) out[k] = pre[k][hi] - pre[k][lo];
  return out;
}
