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

/** One cube of `allCubesSql`: the counts of view `target` per fine bin of `brushed` ('*' = totals). */
export interface CubePart {
  brushed: string;
  target: string;
  /** grouping_id of its grouping set. */
  g: number;
  /** Column holding its key (null for the totals), its bin, and its measures. */
  key: string | null;
  bin: string;
  measures: string[];
}

/**
 * Every data cube of every brushable view in one scan: a grouping set (target key, brushed bin) per
 * pair and (brushed bin) for the totals, each counted under the selections of the views other than
 * the two (FILTER clauses), so the cubes stay exact whatever else is selected.
 */
export function allCubesSql(x: CrossTable, sels: Selections): { sql: string; parts: CubePart[] } {
  const brushable = x.dims.filter((d) => d.kind === 'interval');
  const keys = x.dims.map((d, i) => ({ id: d.id, expr: keyExpr(d), col: `k${i}` }));
  const bins = brushable.map((d, i) => ({ id: d.id, expr: d.kind === 'interval' ? d.bin : '', col: `b${i}` }));
  // grouping_id over the keys then the bins: a bit is set for each expression left out of the set.
  const exprs = [...keys.map((k) => k.expr), ...bins.map((b) => b.expr)];
  const gid = (present: string[]) => exprs.reduce((g, e, i) => (present.includes(e) ? g : g | (1 << (exprs.length - 1 - i))), 0);
  const m = quoteIdent(x.measure);
  const filtered = (agg: string, ...except: string[]) => {
    const where = whereExcept(x.dims, sels, ...except);
    return where ? `${agg} FILTER (${where})` : agg;
  };
  const sets: string[] = [];
  const aggs: string[] = [];
  const parts: CubePart[] = [];
  for (const b of bins) {
    for (const k of keys) {
      if (k.id === b.id) continue;
      const n = `n_${k.col}_${b.col}`;
      sets.push(`(${k.expr}, ${b.expr})`);
      aggs.push(`${filtered('count(*)', k.id, b.id)}::INTEGER AS ${n}`);
      parts.push({ brushed: b.id, target: k.id, g: gid([k.expr, b.expr]), key: k.col, bin: b.col, measures: [n] });
    }
    const [n, s, q] = ['n', 's', 'q'].map((v) => `${v}_${b.col}`);
    sets.push(`(${b.expr})`);
    aggs.push(
      `${filtered('count(*)', b.id)}::DOUBLE AS ${n}`,
      `${filtered(`sum(${m})`, b.id)}::DOUBLE AS ${s}`,
      `${filtered(`sum(${m}::DOUBLE * ${m})`, b.id)}::DOUBLE AS ${q}`,
    );
    parts.push({ brushed: b.id, target: '*', g: gid([b.expr]), key: null, bin: b.col, measures: [n, s, q] });
  }
  const sql =
    `SELECT ${[...keys.map((k) => `${k.expr} AS ${k.col}`), ...bins.map((b) => `${b.expr} AS ${b.col}`)].join(', ')}, ` +
    `grouping_id(${exprs.join(', ')})::INTEGER AS g, ${aggs.join(', ')} FROM ${quoteIdent(x.table)} GROUP BY GROUPING SETS (${sets.join(', ')})`;
  return { sql, parts };
}
