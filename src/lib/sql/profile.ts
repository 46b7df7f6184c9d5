/** SQL for the per-column summary of any loaded table: counts, range, and top values or a histogram. */
import { quoteIdent } from './quote';
import { isNumericType } from './types';

/**
 * Two queries per column: a one-row summary (n, nulls, distinct_n, min_v, max_v, mean_v; the last
 * three null for text) and the bars: `bins` equal-width bins (x0, x1, n) of a number, or the 8 most
 * common values (label, n) of anything else.
 */
export function profileQueries(
  table: string,
  column: string,
  type: string,
  bins = 10,
): { numeric: boolean; summary: string; bars: string } {
  const t = quoteIdent(table);
  const c = quoteIdent(column);
  const numeric = isNumericType(type);
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
