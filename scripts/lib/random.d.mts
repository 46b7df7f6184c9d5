/** mulberry32: a tiny 32-bit PRNG; returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number;
/** FNV-1a hash of a string: one independent stream per table from one project seed. */
export function seedFrom(text: string): number;
export interface RandomSource {
  uniform(): number;
  normal(): number;
  lognormal(median: number, sigma: number): number;
  shuffle<T>(items: readonly T[]): T[];
  weightedIndex(weights: readonly number[]): number;
}
export function randomSource(seed: number): RandomSource;
