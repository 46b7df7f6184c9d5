/**
 * The SQL that puts a dataset's tables into the engine: each table a view over its Parquet file
 * (read with range requests), and large tables loaded into memory, slice by slice, with their
 * categories as ENUMs and their free text left out.
 */
import { quoteIdent, quoteLiteral } from './quote';

/** `name` as a view over every row of Parquet file `file` (a registered name or URL). */
export const parquetViewSql = (name: string, file: string): string =>
  `CREATE OR REPLACE VIEW ${quoteIdent(name)} AS SELECT * FROM read_parquet(${quoteLiteral(file)})`;

/** `name` as a view over every row of table `table` (the in-memory copy of a large table). */
export const tableViewSql = (name: string, table: string): string =>
  `CREATE OR REPLACE VIEW ${quoteIdent(name)} AS SELECT * FROM ${quoteIdent(table)}`;

/** The rows of Parquet file `file` with their position in it (file_row_number, from 0). */
const numbered = (file: string) => `read_parquet(${quoteLiteral(file)}, file_row_number = true)`;

/** Distinct values of each column among the first `rows` rows (c0, c1, …): free text has many, categories few. */
export const distinctProbeSql = (file: string, columns: readonly string[], rows = 10_000): string =>
  `SELECT ${columns.map((n, i) => `count(DISTINCT ${quoteIdent(n)}) AS c${i}`).join(', ')} FROM (SELECT * FROM ${numbered(file)} LIMIT ${quoteLiteral(rows)})`;

/** Every value of each column, sorted (l0, l1, …: lists). */
export const distinctValuesSql = (file: string, columns: readonly string[]): string =>
  `SELECT ${columns.map((n, i) => `list_sort(list_distinct(list(${quoteIdent(n)}))) AS l${i}`).join(', ')} FROM ${numbered(file)}`;

/** A column of a table loaded into memory: kept as it is, or a category held as an ENUM of its values. */
export interface MemoryColumn {
  name: string;
  /** The category's values, when the column is loaded as an ENUM. */
  values?: readonly string[];
}

/**
 * The statement loading one slice of Parquet file `file` into memory table `table`: the first
 * creates the table, the others append. The row number stands in for an `id` (a dropped text id
 * would leave nothing to sort and page by).
 */
export function loadSliceSql(table: string, file: string, columns: readonly MemoryColumn[], where: string, first: boolean): string {
  const select = [
    `CAST(file_row_number + 1 AS INTEGER) AS ${quoteIdent('id')}`,
    ...columns
      .filter((c) => c.name !== 'id')
      .map((c) =>
        c.values
          ? `CAST(${quoteIdent(c.name)} AS ENUM(${c.values.map(quoteLiteral).join(', ')})) AS ${quoteIdent(c.name)}`
          : quoteIdent(c.name),
      ),
  ];
  const body = `SELECT ${select.join(', ')} FROM ${numbered(file)}${where}`;
  return first ? `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS ${body}` : `INSERT INTO ${quoteIdent(table)} ${body}`;
}

/** What `loadSlices` needs of a table: its columns and the bounds its loading is split at. */
export interface SlicedTable {
  columns: readonly { name: string }[];
  /** b0 <= ... <= bn of `column`, which the file is sorted by. */
  load?: { column: string; bounds: number[] };
}

/** WHERE clauses splitting a table by its `load` bounds; one empty clause when it has none. */
export function loadSlices(t: SlicedTable): string[] {
  const load = t.load;
  const bounds = load?.bounds.filter((b) => Number.isFinite(b)) ?? [];
  if (!load || bounds.length < 3 || !t.columns.some((c) => c.name === load.column)) return [''];
  const col = quoteIdent(load.column);
  return bounds.slice(0, -1).map((lo, i) => {
    const conds = [];
    if (i > 0) conds.push(`${col} >= ${quoteLiteral(lo)}`);
    if (i < bounds.length - 2) conds.push(`${col} < ${quoteLiteral(bounds[i + 1])}`);
    const range = conds.join(' AND ');
    // The first slice also takes the rows the column says nothing about.
    if (i === 0) return ` WHERE ${range ? `${range} OR ` : ''}${col} IS NULL`;
    return range ? ` WHERE ${range}` : '';
  });
}
