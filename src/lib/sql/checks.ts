/**
 * SQL of the registry checks (issue 10, part 4). Each query reads one imported table and returns
 * the rows a check flags, with `r`, the row's position in the table (DuckDB's rowid: tables are
 * created in file order and never rewritten by the app), so the view can name the file's line.
 * Every name is quoted; the only values spliced in are the constants below and a quoted date.
 */
import { quoteIdent, quoteLiteral } from './quote';
import { isNumericType } from './types';

/**
 * The credit code's character set, in value order (the value of a character is its index),
 * GB 32100-2015. lib/data/checks/credit-code.ts checks codes in JavaScript with these same constants.
 */
export const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1-17 (3^(i-1) mod 31), GB 32100-2015. */
export const CREDIT_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Weights of the organisation code's eight body characters, GB 11714-1997. */
export const ORG_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

/** A value below this many times the column's median is never taken for a unit error. */
export const UNIT_MEDIAN_FACTOR = 1e3;
/** ...nor one less than this many times the largest value under that line. */
export const UNIT_GAP_FACTOR = 10;
/** Fewer positive values than this say too little about a column's usual size. */
export const UNIT_MIN_VALUES = 5;

const text = (c: string) => `CAST(${quoteIdent(c)} AS VARCHAR)`;
const label = (c: string | null) => (c ? `${text(c)} AS label` : 'CAST(NULL AS VARCHAR) AS label');

/**
 * Rows whose credit code is filled but invalid, with the fault: 'length', 'charset', 'check' (the
 * 18th character) or 'org-check' (the 17th, the organisation code's check digit). Codes are read
 * with spaces removed and letters upper-cased, as `normalizeCreditCode` does.
 */
export function creditCodeSql(table: string, column: string, labelColumn: string | null = null): string {
  const code = 'code';
  const at = (i: string) => `substr(${code}, ${i}, 1)`;
  const main =
    `substr('${CREDIT_CHARSET}', CAST((31 - CAST(list_sum(list_transform(range(17), i -> ` +
    `(instr('${CREDIT_CHARSET}', ${at('i + 1')}) - 1) * list_extract([${CREDIT_WEIGHTS.join(', ')}], i + 1))) AS BIGINT) % 31) % 31 AS INTEGER) + 1, 1)`;
  const orgSum =
    `CAST(list_sum(list_transform(range(8), i -> ` +
    `(CASE WHEN ${at('i + 9')} BETWEEN '0' AND '9' THEN ascii(${at('i + 9')}) - 48 ELSE ascii(${at('i + 9')}) - 55 END) ` +
    `* list_extract([${ORG_WEIGHTS.join(', ')}], i + 1))) AS BIGINT)`;
  const org = `CASE 11 - ${orgSum} % 11 WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE CAST(11 - ${orgSum} % 11 AS VARCHAR) END`;
  return (
    `WITH c AS (SELECT rowid AS r, ${text(column)} AS raw, upper(regexp_replace(${text(column)}, '[\\s\u3000]+', '', 'g')) AS ${code}, ${label(labelColumn)} ` +
    `FROM ${quoteIdent(table)} WHERE ${quoteIdent(column)} IS NOT NULL AND trim(${text(column)}) <> ''), ` +
    `f AS (SELECT r, raw, ${code}, label, CASE ` +
    `WHEN length(${code}) <> 18 THEN 'length' ` +
    `WHEN NOT regexp_full_match(${code}, '[${CREDIT_CHARSET}]{18}') THEN 'charset' ` +
    `WHEN ${main} <> ${at('18')} THEN 'check' ` +
    `WHEN ${org} <> ${at('17')} THEN 'org-check' END AS fault FROM c) ` +
    `SELECT r, raw, ${code}, label, fault FROM f WHERE fault IS NOT NULL ORDER BY r`
  );
}

/** Counts of a column: rows, and rows with a non-blank value. */
export function filledSql(table: string, column: string): string {
  return (
    `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE ${quoteIdent(column)} IS NOT NULL AND trim(${text(column)}) <> '')::BIGINT AS filled ` +
    `FROM ${quoteIdent(table)}`
  );
}

/**
 * Rows of firms listed more than once: the same credit code (spaces removed, upper case) or, for rows
 * without a code, the same name (spaces removed, full-width brackets as half-width, lower case).
 * One row per member with its group (`grp`, numbered in order of first appearance), what matched
 * (`basis`: 'code' or 'name'), the key and the group's size `n`.
 */
export function duplicateSql(table: string, code: string | null, name: string | null): string {
  if (!code && !name) throw new Error('duplicateSql needs a code or a name column');
  const codeExpr = code ? `NULLIF(upper(regexp_replace(${text(code)}, '[\\s\u3000]+', '', 'g')), '')` : 'CAST(NULL AS VARCHAR)';
  const nameExpr = name
    ? `NULLIF(lower(replace(replace(regexp_replace(${text(name)}, '[\\s\u3000]+', '', 'g'), '（', '('), '）', ')')), '')`
    : 'CAST(NULL AS VARCHAR)';
  return (
    `WITH k AS (SELECT rowid AS r, ${codeExpr} AS code, ${nameExpr} AS nm, ${label(name)} FROM ${quoteIdent(table)}), ` +
    `keyed AS (SELECT r, label, CASE WHEN code IS NOT NULL THEN 'code' WHEN nm IS NOT NULL THEN 'name' END AS basis, coalesce(code, nm) AS key FROM k), ` +
    `g AS (SELECT basis, key, count(*)::BIGINT AS n, min(r) AS first FROM keyed WHERE key IS NOT NULL GROUP BY basis, key HAVING count(*) > 1) ` +
    `SELECT keyed.r, keyed.label, keyed.basis, keyed.key, g.n, dense_rank() OVER (ORDER BY g.first)::INTEGER AS grp ` +
    `FROM keyed JOIN g ON keyed.basis = g.basis AND keyed.key = g.key ORDER BY grp, keyed.r`
  );
}

/** A column's values as numbers: numeric types as they are, text with thousands separators removed. */
function numberExpr(column: string, type: string): string {
  return isNumericType(type)
    ? `CAST(${quoteIdent(column)} AS DOUBLE)`
    : `TRY_CAST(replace(replace(trim(${text(column)}), ',', ''), '，', '') AS DOUBLE)`;
}

/**
 * Likely unit errors in an amount column (output entered in 元 where the column holds 万元): values
 * at least UNIT_MEDIAN_FACTOR times the median of the positive values and UNIT_GAP_FACTOR times the
 * largest value below that line, so a column's real large firms, which trail off gradually, stay
 * out. Compared on a log scale; each row comes with the median and that largest ordinary value.
 */
export function unitErrorSql(table: string, column: string, type: string, labelColumn: string | null = null): string {
  const medianLog = `log10(${UNIT_MEDIAN_FACTOR})`;
  return (
    `WITH v AS (SELECT rowid AS r, ${numberExpr(column, type)} AS x, ${label(labelColumn)} FROM ${quoteIdent(table)}), ` +
    `l AS (SELECT r, x, label, log10(x) AS lx FROM v WHERE x > 0), ` +
    `m AS (SELECT median(lx) AS med, count(*) AS n FROM l), ` +
    `b AS (SELECT max(l.lx) AS bulk FROM l, m WHERE l.lx < m.med + ${medianLog}) ` +
    `SELECT l.r, l.x AS value, l.label, pow(10, m.med) AS median, pow(10, b.bulk) AS ordinary_max FROM l, m, b ` +
    `WHERE m.n >= ${UNIT_MIN_VALUES} AND l.lx >= m.med + ${medianLog} AND l.lx >= coalesce(b.bulk, m.med) + log10(${UNIT_GAP_FACTOR}) ORDER BY l.r`
  );
}

/**
 * Founding dates after `today` (an ISO date, passed in so the check is reproducible). Dates and
 * timestamps are compared as they are; numbers are years (1000-2999) or yyyymmdd; text gives a
 * year, then optionally a month and a day ("2015-03-02", "2015年3月", "2015/3/2"). What is written
 * is read as its earliest day (a year as 1 January), so only dates that are surely future count.
 */
export function futureDateSql(table: string, column: string, type: string, today: string, labelColumn: string | null = null): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be an ISO date, not ${today}`);
  const c = quoteIdent(column);
  let date: string;
  if (/^(DATE|TIMESTAMP)/i.test(type)) date = `CAST(${c} AS DATE)`;
  else {
    const digits = `regexp_replace(trim(${text(column)}), '\\.0+$', '')`;
    const parts = `regexp_extract(${text(column)}, '(\\d{4})(?:[^\\d]{1,2}(\\d{1,2}))?(?:[^\\d]{1,2}(\\d{1,2}))?', ['y', 'm', 'd'])`;
    const ymd = (p: string) =>
      `TRY_CAST(${p}.y || '-' || lpad(CASE WHEN ${p}.m = '' THEN '1' ELSE ${p}.m END, 2, '0') || '-' || lpad(CASE WHEN ${p}.d = '' THEN '1' ELSE ${p}.d END, 2, '0') AS DATE)`;
    date =
      `CASE WHEN regexp_full_match(${digits}, '\\d{8}') THEN TRY_CAST(substr(${digits}, 1, 4) || '-' || substr(${digits}, 5, 2) || '-' || substr(${digits}, 7, 2) AS DATE) ` +
      `WHEN regexp_full_match(${digits}, '[12]\\d{3}') THEN TRY_CAST(${digits} || '-01-01' AS DATE) ` +
      `ELSE ${ymd(parts)} END`;
  }
  return (
    `WITH d AS (SELECT rowid AS r, ${text(column)} AS raw, ${date} AS day, ${label(labelColumn)} FROM ${quoteIdent(table)} WHERE ${c} IS NOT NULL) ` +
    `SELECT r, raw, CAST(day AS VARCHAR) AS day, label FROM d WHERE day > DATE ${quoteLiteral(today)} ORDER BY r`
  );
}

/** Every non-blank value of a column as text, with its row (registered capital is parsed in JS). */
export function columnTextSql(table: string, column: string, labelColumn: string | null = null): string {
  return (
    `SELECT rowid AS r, ${text(column)} AS raw, ${label(labelColumn)} FROM ${quoteIdent(table)} ` +
    `WHERE ${quoteIdent(column)} IS NOT NULL AND trim(${text(column)}) <> '' ORDER BY r`
  );
}
