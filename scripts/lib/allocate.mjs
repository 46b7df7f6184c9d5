/**
 * Splits the integer `total` into integer parts proportional to `weights` (largest-remainder /
 * Hamilton method), so that the parts sum to `total` exactly. Ties go to the lower index, which
 * keeps the result deterministic.
 */
export function allocate(weights, total) {
  if (!Number.isInteger(total) || total < 0) throw new Error(`allocate: total must be a non-negative integer, got ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0) || weights.some((w) => !(w >= 0))) throw new Error('allocate: weights must be non-negative with a positive sum');
  const quotas = weights.map((w) => (w / sum) * total);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i] += 1;
  // Floating error could only make `left` negative if floors overshot, which floor() never does.
  if (parts.reduce((s, p) => s + p, 0) !== total) throw new Error('allocate: parts do not sum to total');
  return parts;
}
