import { quoteIdent, quoteLiteral } from '../sql';

/** A linked view's dimension over the firm table: categories to click, or bins to brush. */
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

/** Scale factor of the output dimension: bins are hundredths of a decade of output in 万元. */
export const OUTPUT_BINS_PER_DECADE = 100;

const col = quoteIdent;

/** The five linked views over `firms`. Keys are public (URL): never rename one. */
export const FIRM_DIMS: Dim[] = [
  { id: 'segment', kind: 'points', key: col('segment') },
  { id: 'area', kind: 'points', key: col('area') },
  { id: 'breakdown', kind: 'points', key: `concat_ws('|', ${col('scale_class')}, ${col('srdi_level')})` },
  {
    id: 'output',
    kind: 'interval',
    bin: `CAST(floor(log10(${col('output_2022')}) * ${OUTPUT_BINS_PER_DECADE}) AS INTEGER)`,
    perDisplay: 10,
    min: -200,
    max: 900,
  },
  { id: 'founded', kind: 'interval', bin: `CAST(${col('founded')} AS INTEGER)`, perDisplay: 1, min: 1800, max: 2100 },
];

export const dimById = (dims: Dim[], id: string): Dim | undefined => dims.find((d) => d.id === id);

/** SQL predicate of one selection, or null when it filters nothing. */
export function selectionPredicate(dim: Dim, sel: Selection | undefined): string | null {
  if (!sel || !isActive(sel)) return null;
  if (dim.kind === 'points' && sel.kind === 'points') {
    if (sel.values.length === 0) return null;
    return `${dim.key} IN (${sel.values.map(quoteLiteral).join(', ')})`;
  }
  if (dim.kind === 'interval' && sel.kind === 'interval') {
    return `(${dim.bin} >= ${quoteLiteral(sel.lo)} AND ${dim.bin} < ${quoteLiteral(sel.hi)})`;
  }
  return null;
}

/**
 * WHERE clause for a view: every other view's selection, not its own (cross-filter semantics),
 * and optionally leaving out more dimensions (the brushed one, while a data cube stands in for it).
 */
export function whereExcept(dims: Dim[], sels: Selections, ...except: (string | null)[]): string {
  const preds = dims
    .filter((d) => !except.includes(d.id))
    .map((d) => selectionPredicate(d, sels[d.id]))
    .filter((p): p is string => p !== null);
  return preds.length ? `WHERE ${preds.join(' AND ')}` : '';
}

/** True when the selection filters something. */
export const isActive = (sel: Selection | undefined): boolean =>
  !!sel && (sel.kind === 'points' ? sel.values.length > 0 : sel.hi > sel.lo);

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
