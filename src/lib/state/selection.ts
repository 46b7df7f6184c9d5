/** What a click or a brush does to the selections (pure: the views and the URL share it). */
import type { Selection, Selections } from '../sql';

export type { Dim, Selection, Selections } from '../sql';
export { isActive } from '../sql';

/**
 * Click semantics of a categorical view: a click selects only that value, a second click on the
 * only selected value clears, Shift (additive) toggles the value within the set.
 */
export function togglePoint(sel: Selection | undefined, value: string, additive: boolean): Selection | undefined {
  const values = sel?.kind === 'points' ? sel.values : [];
  let next: string[];
  if (additive) next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  else next = values.length === 1 && values[0] === value ? [] : [value];
  return next.length ? { kind: 'points', values: next } : undefined;
}

/** The selections with one view's selection set, or removed when `sel` is undefined; `sels` is not changed. */
export function withSelection(sels: Selections, dimId: string, sel: Selection | undefined): Selections {
  const next: Selections = { ...sels };
  if (sel) next[dimId] = sel;
  else delete next[dimId];
  return next;
}
