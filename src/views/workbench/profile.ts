/** SQL for the per-column summary of any loaded table: counts, range, and top values or a histogram. */
import { quoteIdent } from '../../lib/sql';

export interface ColumnSummary {
  name: string;
  type: string;
  numeric: boolean;
  count: number;
  nulls: number;
  distinct: number;
  min: string | null;
  max: string | null;
  mean: number | null;
  /** Top values (label) or histogram bins (x0, x1). */
  bars: { label: string; n: number; x0?: number; x1?: number }[];
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/i;

/** Two queries per column: a one-row summary and the bars (10 equal-width bins, or the 8 most common values). */
export function profileQueries(
  table: string,
  column: string,
  type: string,
  bins = 10,
): { numeric: boolean; summary: string; bars: string } {
  const t = quoteIdent(table);
  const c = quoteIdent(column);
  const numeric = NUMERIC.test(type);
  const summary =
    `SELECT count(*)::BIGINT AS n, (count(*) - count(${c}))::BIGINT AS nulls, approx_count_distinct(${c})::BIGINT AS distinct_n, ` +
    (numeric
      ? `min(${c})::DOUBLE AS min_v, max(${c})::DOUBLE AS max_v, avg(${c})::DOUBLE AS mean_v`
      : `NULL AS min_v, NULL AS max_v, NULL AS mean_v`) +
    ` FROM ${t}`;
  const bars = numeric
    ? `WITH r AS (SELECT min(${c})::DOUBLE AS lo, max(${c})::DOUBLE AS hi FROM ${t}), ` +
      `b AS (SELECT least(${bins - 1}, floor((${c} - lo) / nullif((hi - lo) / ${bins}, 0)))::INTEGER AS k, lo, hi FROM ${t}, r WHERE ${c} IS NOT NULL) ` +
      `SELECT lo + coalesce(k, 0) * (hi - lo) / ${bins} AS x0, lo + (coalesce(k, 0) + 1) * (hi - lo) / ${bins} AS x1, count(*)::BIGINT AS n FROM b GROUP BY k, lo, hi ORDER BY k`
    : `SELECT CAST(${c} AS VARCHAR) AS label, count(*)::BIGINT AS n FROM ${t} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY n DESC, label LIMIT 8`;
  return { numeric, summary, bars };
}

/** Numbers in the profile: grouping from 10,000 up (so years read 2015), four significant digits (six from 10,000). */
export function profileNumber(v: number): string {
  const abs = Math.abs(v);
  return v.toLocaleString('en-US', { useGrouping: abs >= 1e4, maximumSignificantDigits: abs >= 1e4 ? 6 : 4 });
}
