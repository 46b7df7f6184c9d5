import type { Filter } from './filters';
import { whereClause } from './filters';
import { quoteIdent, quoteLiteral } from './quote';

/** Count and total output of firms per value of `column`, largest count first. */
export function countBy(table: string, column: string, filters: readonly Filter[] = []): string {
  const c = quoteIdent(column);
  return `SELECT ${c} AS key, count(*)::INTEGER AS n FROM ${quoteIdent(table)} ${whereClause(filters)} GROUP BY ${c} ORDER BY n DESC, key`;
}

/** Counts per pair of columns, for stacked bars. */
export function countBy2(table: string, a: string, b: string, filters: readonly Filter[] = []): string {
  const [qa, qb] = [quoteIdent(a), quoteIdent(b)];
  return `SELECT ${qa} AS key, ${qb} AS series, count(*)::INTEGER AS n FROM ${quoteIdent(table)} ${whereClause(filters)} GROUP BY ${qa}, ${qb} ORDER BY key, series`;
}

/**
 * Histogram of log10(column) in bins of `step` decades: one row per non-empty bin with its lower edge.
 * Rows with non-positive values cannot go on a log axis; they are counted separately by the caller.
 */
export function logHistogram(table: string, column: string, step: number, filters: readonly Filter[] = []): string {
  if (!(step > 0)) throw new Error('step must be positive');
  const c = quoteIdent(column);
  const positive = `${c} > 0`;
  const where = whereClause(filters);
  const cond = where ? `${where} AND ${positive}` : `WHERE ${positive}`;
  const s = quoteLiteral(step);
  return `SELECT (floor(log10(${c}) / ${s}) * ${s})::DOUBLE AS x0, count(*)::INTEGER AS n FROM ${quoteIdent(table)} ${cond} GROUP BY x0 ORDER BY x0`;
}

/** All rows of a small table, optionally ordered. */
export function selectAll(table: string, orderBy?: string, desc = false): string {
  const order = orderBy ? ` ORDER BY ${quoteIdent(orderBy)}${desc ? ' DESC' : ''}` : '';
  return `SELECT * FROM ${quoteIdent(table)}${order}`;
}
