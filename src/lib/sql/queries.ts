import { quoteIdent, quoteLiteral } from './quote';

/** All rows of a small table, optionally ordered. */
export function selectAll(table: string, orderBy?: string, desc = false): string {
  const order = orderBy ? ` ORDER BY ${quoteIdent(orderBy)}${desc ? ' DESC' : ''}` : '';
  return `SELECT * FROM ${quoteIdent(table)}${order}`;
}

/** Writes every row of table `table` to file `file` as Parquet. */
export const copyToParquetSql = (table: string, file: string): string =>
  `COPY ${quoteIdent(table)} TO ${quoteLiteral(file)} (FORMAT PARQUET)`;

/** Drops table `table` if it exists. */
export const dropTableSql = (table: string): string => `DROP TABLE IF EXISTS ${quoteIdent(table)}`;
