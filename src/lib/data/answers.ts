/**
 * Answers the page has before the engine: the build's first paint (in index.html) or, for a dataset
 * folder on this site, the aggregates its manifest carries (scale data). Keyed by SQL text, so a view
 * finds the answer to exactly the query it would send. Valid only while the data is as they were
 * computed: the first registration is epoch 1, and any later change drops them.
 */
import type { Engine, Row } from '../engine';

let answers: Record<string, Row[]> | null = null;
const listeners = new Set<() => void>();

/** Offers answers for the data on screen; views that are still waiting draw from them. */
export function offerAnswers(next: Record<string, Row[]>, engine: Engine): void {
  answers = next;
  engine.subscribe(() => {
    if (engine.epoch > 1) answers = null;
  });
  for (const fn of listeners) fn();
}

/** The answer to `sql`, when the page has one. */
export const firstAnswer = (sql: string): Row[] | undefined => answers?.[sql];

/** Called when answers arrive (a manifest with aggregates arrives after the views were made). */
export function onAnswers(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** For tests: no answers. */
export function clearAnswers(): void {
  answers = null;
}
