import { quoteIdent, quoteLiteral } from './quote';

/** One view's selection, as data: a set of category values or a half-open numeric range. */
export type Filter =
  | { kind: 'in'; column: string; values: readonly (string | number | boolean)[] }
  | { kind: 'range'; column: string; min: number; max: number; log?: boolean };

/** SQL predicate for one filter; a log range compares log10(column), as the histogram bins do. */
export function filterPredicate(f: Filter): string {
  const col = quoteIdent(f.column);
  if (f.kind === 'in') {
    if (f.values.length === 0) return 'FALSE';
    return `${col} IN (${f.values.map(quoteLiteral).join(', ')})`;
  }
  const expr = f.log ? `log10(${col})` : col;
  return `(${expr} >= ${quoteLiteral(f.min)} AND ${expr} < ${quoteLiteral(f.max)})`;
}

/** WHERE clause for all filters (AND), or '' when there are none. */
export function whereClause(filters: readonly Filter[]): string {
  if (filters.length === 0) return '';
  return `WHERE ${filters.map(filterPredicate).join(' AND ')}`;
}
