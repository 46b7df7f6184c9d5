import { quoteIdent } from './quote';

/** All rows of a small table, optionally ordered. */
export function selectAll(table: string, orderBy?: string, desc = false): string {
  const order = orderBy ? ` ORDER BY ${quoteIdent(orderBy)}${desc ? ' DESC' : ''}` : '';
  return `SELECT * FROM ${quoteIdent(table)}${order}`;
}
