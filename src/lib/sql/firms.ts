/** The firm table's linked dimensions and the queries of the views that follow the whole selection. */
import type { CrossTable } from './crossfilter';
import { quoteIdent, quoteLiteral } from './quote';
import { andWhere, type Dim } from './selection';

/** Name of the firm table every firm view reads (a view: bundled rows, or the user's mapped table). */
export const FIRM_TABLE = 'firms';

/** Scale factor of the output dimension: bins are hundredths of a decade of output in 万元. */
export const OUTPUT_BINS_PER_DECADE = 100;

const col = quoteIdent;
const OUTPUT = col('output_2022');

/** The five linked views over `firms`. Ids are public (URL keys): never rename one. */
export const FIRM_DIMS: Dim[] = [
  { id: 'segment', kind: 'points', key: col('segment') },
  { id: 'area', kind: 'points', key: col('area') },
  { id: 'breakdown', kind: 'points', key: `concat_ws('|', ${col('scale_class')}, ${col('srdi_level')})` },
  {
    id: 'output',
    kind: 'interval',
    bin: `CAST(floor(log10(${OUTPUT}) * ${OUTPUT_BINS_PER_DECADE}) AS INTEGER)`,
    perDisplay: 10,
    min: -200,
    max: 900,
  },
  { id: 'founded', kind: 'interval', bin: `CAST(${col('founded')} AS INTEGER)`, perDisplay: 1, min: 1800, max: 2100 },
];

export const FIRMS: CrossTable = { table: FIRM_TABLE, dims: FIRM_DIMS, measure: 'output_2022' };

/**
 * Lorenz curve groups: firms and output per hundredth of a decade of output, ascending, so the curve
 * is exact at group edges (b, n, s).
 */
export const lorenzSql = (where: string): string =>
  `SELECT CAST(floor(log10(${OUTPUT}) * 100) AS INTEGER) AS b, count(*)::DOUBLE AS n, sum(${OUTPUT})::DOUBLE AS s ` +
  `FROM ${col(FIRM_TABLE)} ${andWhere(where, `${OUTPUT} > 0`)} GROUP BY b ORDER BY b`;

/** Output of the ten largest selected firms (top). */
export const top10Sql = (where: string): string =>
  `SELECT coalesce(sum(v), 0)::DOUBLE AS top FROM (SELECT ${OUTPUT} AS v FROM ${col(FIRM_TABLE)} ${andWhere(where, `${OUTPUT} IS NOT NULL`)} ORDER BY v DESC LIMIT 10)`;

/** Rows on one page of the firm list. */
export const FIRM_PAGE_SIZE = 25;

/** One page of the firm list; ties broken by id so pages never overlap. */
export function firmPageSql(where: string, sort: { column: string; desc: boolean }, page: number, pageSize: number): string {
  // SELECT *: large tables are loaded without their free-text columns (names), shown as "—".
  return (
    `SELECT * FROM ${col(FIRM_TABLE)} ${where} ORDER BY ${col(sort.column)} ${sort.desc ? 'DESC' : 'ASC'} NULLS LAST, ${col('id')} ` +
    `LIMIT ${quoteLiteral(pageSize)} OFFSET ${quoteLiteral(page * pageSize)}`
  );
}
