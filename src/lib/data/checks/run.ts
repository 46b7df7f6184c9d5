/**
 * Runs the registry checks (issue 10, part 4) of one table on the engine and returns, per check, its
 * count and its rows with the file's line where known. Words are the view's: results are data.
 */
import type { Engine } from '../../engine';
import { toRows } from '../../engine';
import { columnTextSql, creditCodeSql, duplicateSql, filledSql, futureDateSql, unitErrorSql } from '../../sql/checks';
import { parseCapital, type CapitalParse } from './capital';
import { checkCreditCode, type CreditCodeCheck } from './credit-code';
import type { CheckColumns } from './columns';
import { lineLookup, sourceLinesOf } from './lines';

/** Where a flagged row is: its 1-based position in the table, and the file's line when known. */
export interface RowRef {
  row: number;
  line: number | null;
  /** The firm's name, when a name column was chosen. */
  label: string | null;
}

export type CheckResult =
  | { id: 'credit-code'; column: string; count: number; filled: number; rows: (RowRef & { value: string; check: CreditCodeCheck })[] }
  | { id: 'duplicates'; count: number; rowCount: number; rows: (RowRef & { group: number; basis: 'code' | 'name'; key: string; size: number })[] }
  | { id: 'unit'; column: string; count: number; median: number | null; rows: (RowRef & { value: number })[] }
  | {
      id: 'capital';
      column: string;
      count: number;
      filled: number;
      parsed: number;
      missing: number;
      /** The values that could not be read as an amount. */
      rows: (RowRef & { value: string; parse: Extract<CapitalParse, { status: 'unparsed' }> })[];
    }
  | { id: 'future'; column: string; count: number; today: string; rows: (RowRef & { value: string; date: string })[] };

export type CheckId = CheckResult['id'];

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Today in the reader's time zone, as an ISO date. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Runs every check whose columns are chosen, in a fixed order; `types` gives each column's DuckDB type. */
export async function runChecks(
  engine: Engine,
  table: string,
  cols: CheckColumns,
  types: Readonly<Record<string, string>>,
  today: string = localToday(),
): Promise<CheckResult[]> {
  const runs = sourceLinesOf(table);
  const lineOf = runs ? lineLookup(runs) : () => null;
  const ref = (r: Record<string, unknown>): RowRef => {
    const i = Number(r.r);
    return { row: i + 1, line: lineOf(i), label: str(r.label) };
  };
  const q = async (sql: string) => toRows(await engine.query(sql));
  const out: CheckResult[] = [];
  if (cols.code) {
    const [f] = await q(filledSql(table, cols.code));
    const rows = (await q(creditCodeSql(table, cols.code, cols.name))).map((r) => ({ ...ref(r), value: String(r.raw), check: checkCreditCode(String(r.raw)) }));
    out.push({ id: 'credit-code', column: cols.code, count: rows.length, filled: Number(f.filled), rows });
  }
  if (cols.code || cols.name) {
    const rows = (await q(duplicateSql(table, cols.code, cols.name))).map((r) => ({
      ...ref(r),
      group: Number(r.grp),
      basis: r.basis === 'code' ? ('code' as const) : ('name' as const),
      key: String(r.key),
      size: Number(r.n),
    }));
    out.push({ id: 'duplicates', count: new Set(rows.map((r) => r.group)).size, rowCount: rows.length, rows });
  }
  if (cols.output) {
    const raw = await q(unitErrorSql(table, cols.output, types[cols.output] ?? 'VARCHAR', cols.name));
    const rows = raw.map((r) => ({ ...ref(r), value: Number(r.value) }));
    out.push({ id: 'unit', column: cols.output, count: rows.length, median: raw.length ? Number(raw[0].median) : null, rows });
  }
  if (cols.capital) {
    // Every filled cell is parsed, but only the ones that could not be read (the ones to fix) are
    // kept as rows; the others are counted.
    const raw = await q(columnTextSql(table, cols.capital, cols.name));
    const rows: Extract<CheckResult, { id: 'capital' }>['rows'] = [];
    let missing = 0;
    for (const r of raw) {
      const parse = parseCapital(String(r.raw));
      if (parse.status === 'unparsed') rows.push({ ...ref(r), value: String(r.raw), parse });
      else if (parse.status === 'missing') missing++;
    }
    const count = rows.length;
    out.push({ id: 'capital', column: cols.capital, count, filled: raw.length, parsed: raw.length - count - missing, missing, rows });
  }
  if (cols.founded) {
    const rows = (await q(futureDateSql(table, cols.founded, types[cols.founded] ?? 'VARCHAR', today, cols.name))).map((r) => ({
      ...ref(r),
      value: String(r.raw),
      date: String(r.day),
    }));
    out.push({ id: 'future', column: cols.founded, count: rows.length, today, rows });
  }
  return out;
}
