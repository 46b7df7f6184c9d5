/**
 * The queries of cross-filtering over one table: each linked view's counts, all views at once with
 * GROUPING SETS, the selection's totals, and the data-cube scans behind brushing.
 */
import { quoteIdent } from './quote';
import { whereExcept, type Dim, type Selections } from './selection';

/** One table, its linked dimensions and the column summed for totals. */
export interface CrossTable {
  table: string;
  dims: readonly Dim[];
  measure: string;
}

/** Key of a view's group: the category, or the display bin of a histogram. */
export const keyExpr = (d: Dim): string => (d.kind === 'points' ? d.key : `CAST(floor(${d.bin} / ${d.perDisplay}) AS INTEGER)`);

const totals = (measure: string) => {
  const m = quoteIdent(measure);
  return `count(*)::DOUBLE AS n, sum(${m})::DOUBLE AS s, sum(${m}::DOUBLE * ${m})::DOUBLE AS q`;
};

function dimOf(x: CrossTable, dimId: string): Dim {
  const d = x.dims.find((d) => d.id === dimId);
  if (!d) throw new Error(`no linked view ${dimId}`);
  return d;
}

/** Counts (k, n) of one view under every other view's selection, largest first. */
export function viewSql(x: CrossTable, dimId: string, sels: Selections): string {
  const d = dimOf(x, dimId);
  const where = whereExcept(x.dims, sels, d.id);
  const notNull = d.kind === 'interval' ? `${where ? `${where} AND` : 'WHERE'} ${d.bin} IS NOT NULL` : where;
  return `SELECT ${keyExpr(d)} AS k, count(*)::INTEGER AS n FROM ${quoteIdent(x.table)} ${notNull} GROUP BY k ORDER BY n DESC, k`;
}

/**
 * Every view's unfiltered counts and the table's totals in one scan: row kI, g (grouping_id, a bit
 * set for each key left out), n, s, q. With nothing selected this answers the whole first render.
 */
export function allViewsSql(x: CrossTable): string {
  const keys = x.dims.map(keyExpr);
  return (
    `SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(', ')}, grouping_id(${keys.join(', ')})::INTEGER AS g, ${totals(x.measure)} ` +
    `FROM ${quoteIdent(x.table)} GROUP BY GROUPING SETS (${keys.map((k) => `(${k})`).join(', ')}, ())`
  );
}

/** grouping_id of the grouping set of dimension `i` in `allViewsSql`. */
export const groupingOf = (x: CrossTable, i: number): number => (1 << x.dims.length) - 1 - (1 << (x.dims.length - 1 - i));

/** Count, sum and sum of squares of the measure over the selected rows (n, s, q). */
export function summarySql(x: CrossTable, sels: Selections): string {
  return `SELECT ${totals(x.measure)} FROM ${quoteIdent(x.table)} ${whereExcept(x.dims, sels)}`;
}

/** Counts of view `target` per fine bin of the brushed view `brushed` (k, b, n), for its data cube. */
export function cubeSql(x: CrossTable, sels: Selections, target: string, brushed: string): string {
  const b = dimOf(x, brushed);
  if (b.kind !== 'interval') throw new Error(`${brushed} is not brushable`);
  const where = whereExcept(x.dims, sels, target, brushed);
  return `SELECT ${keyExpr(dimOf(x, target))} AS k, ${b.bin} AS b, count(*)::INTEGER AS n FROM ${quoteIdent(x.table)} ${where} GROUP BY ALL`;
}

/** The selection's totals per fine bin of the brushed view (b, n, s, q), for its data cube. */
export function summaryCubeSql(x: CrossTable, sels: Selections, brushed: string): string {
  const b = dimOf(x, brushed);
  if (b.kind !== 'interval') throw new Error(`${brushed} is not brushable`);
  return `SELECT ${b.bin} AS b, ${totals(x.measure)} FROM ${quoteIdent(x.table)} ${whereExcept(x.dims, sels, brushed)} GROUP BY ALL`;
}
