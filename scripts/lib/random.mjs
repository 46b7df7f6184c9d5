// Seeded randomness for the modelled tables. Everything here is deterministic: the same seed gives
// the same stream on every machine and Node version (pure 32-bit integer math plus Math.log/cos/sqrt,
// which V8 computes identically across platforms for these inputs).

/** mulberry32: a tiny 32-bit PRNG; returns a function giving floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string: derives one independent stream per table from one project seed. */
export function seedFrom(text) {
  let h = 0x811c9dc5;
  for (const ch of new TextEncoder().encode(text)) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A random source with the few distributions the models need. */
export function randomSource(seed) {
  const uniform = mulberry32(seed);
  // Box-Muller; 1 - u keeps log() away from 0.
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return {
    uniform,
    normal,
    /** exp(N(ln median, sigma)) */
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
    /** Fisher-Yates on a copy: callers keep their input. */
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    /** Index drawn with probability proportional to weights[i]. */
    weightedIndex(weights) {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = uniform() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i];
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
