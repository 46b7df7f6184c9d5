/** Selections of the linked views as SQL: each view's filter and the WHERE clause of the others. */
import { quoteLiteral } from './quote';

/** A linked view's dimension: categories to click, or bins to brush. */
export type Dim =
  | { id: string; kind: 'points'; /** SQL expression of the category key */ key: string }
  | {
      id: string;
      kind: 'interval';
      /** SQL expression of the fine bin index (an integer); selections are half-open bin ranges. */
      bin: string;
      /** Fine bins per display bin (the histogram draws coarser bars than the brush resolution). */
      perDisplay: number;
      /** Smallest and largest fine bin a selection may take. */
      min: number;
      max: number;
    };

export type Selection = { kind: 'points'; values: string[] } | { kind: 'interval'; lo: number; hi: number };

/** Selections by dimension id; a missing id means that view selects nothing (no filter). */
export type Selections = Record<string, Selection | undefined>;

/** True when the selection filters something. */
export const isActive = (sel: Selection | undefined): boolean => !!sel && (sel.kind === 'points' ? sel.values.length > 0 : sel.hi > sel.lo);

/** SQL predicate of one selection, or null when it filters nothing. */
function selectionPredicate(dim: Dim, sel: Selection | undefined): string | null {
  if (!sel || !isActive(sel)) return null;
  if (dim.kind === 'points' && sel.kind === 'points') return `${dim.key} IN (${sel.values.map(quoteLiteral).join(', ')})`;
  if (dim.kind === 'interval' && sel.kind === 'interval') {
    return `(${dim.bin} >= ${quoteLiteral(sel.lo)} AND ${dim.bin} < ${quoteLiteral(sel.hi)})`;
  }
  return null;
}

/**
 * WHERE clause for a view: every other view's selection, not its own (cross-filter semantics),
 * and optionally leaving out more dimensions (the brushed one, while a data cube stands in for it).
 */
export function whereExcept(dims: readonly Dim[], sels: Selections, ...except: (string | null)[]): string {
  const preds = dims
    .filter((d) => !except.includes(d.id))
    .map((d) => selectionPredicate(d, sels[d.id]))
    .filter((p): p is string => p !== null);
  return preds.length ? `WHERE ${preds.join(' AND ')}` : '';
}

/** Adds a condition to a WHERE clause that may be empty. */
export const andWhere = (where: string, cond: string): string => (where ? `${where} AND ${cond}` : `WHERE ${cond}`);
