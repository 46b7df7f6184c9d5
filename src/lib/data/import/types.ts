/**
 * Column types of an imported table: what each column looks like (inference), and turning its cells
 * into typed values with a count and examples of the cells that do not fit (conversion).
 */
import { isEmptyCell, type Cell, type RawTable } from './grid';
import { headerMoneyUnit, isMissing, parseNumber } from './number';

export type ColumnType = 'text' | 'integer' | 'number' | 'boolean' | 'date';
export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'integer', 'number', 'boolean', 'date'];

export interface ColumnProfile {
  name: string;
  detected: ColumnType;
  /** Cells with a value (not empty and, for typed columns, not a missing marker such as "—"). */
  present: number;
  /** Cells that read as numbers, and how many of those used 万/亿 suffixes or thousands separators. */
  numbers: number;
  suffixed: number;
  grouped: number;
  /** Money unit named in the header ("产值（万元）"), which 万/亿-suffixed cells are converted into. */
  moneyUnit: { factor: number; label: string } | null;
  /** Why a column that looks numeric is kept as text: codes with leading zeros, or a code-like header. */
  keptAsText: 'leading-zeros' | 'code-header' | null;
  /** Up to three distinct example values. */
  examples: string[];
}

const TRUE = new Set(['true', 'yes', 'y', 't', '是', '有', '√', '✓', '✔', '对']);
const FALSE = new Set(['false', 'no', 'n', 'f', '否', '×', '✗', '✘', '错']);
const CODE_HEADER = /代码|编码|编号|号码|电话|手机|邮编|邮政|身份证|信用代码|(^|[^a-z])(id|code|phone|tel|zip)([^a-z]|$)/i;

const text = (c: Cell): string => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c));

function parseBoolean(c: Cell): boolean | null {
  if (typeof c === 'boolean') return c;
  if (typeof c === 'number') return c === 1 ? true : c === 0 ? false : null;
  if (typeof c !== 'string') return null;
  const s = c.normalize('NFKC').trim().toLowerCase();
  if (TRUE.has(s) || s === '1') return true;
  if (FALSE.has(s) || s === '0') return false;
  return null;
}

const DATE_YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DATE_YM = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;

/** A date cell, or text such as 2015-03-08, 2015/3/8, 2015年3月8日 or 2015-03 (first of month), as UTC midnight. */
export function parseDate(c: Cell): Date | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate()));
  if (typeof c !== 'string') return null;
  const s = c.normalize('NFKC').trim();
  const m = DATE_YMD.exec(s) ?? DATE_YM.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function asNumber(c: Cell): { value: number; multiplier: number; grouped: boolean } | null {
  if (typeof c === 'number') return Number.isFinite(c) ? { value: c, multiplier: 1, grouped: false } : null;
  if (typeof c !== 'string') return null;
  return parseNumber(c);
}

const missingIn = (c: Cell) => isEmptyCell(c) || (typeof c === 'string' && isMissing(c));

/** Looks at a column's cells (a sample of large columns) and picks its type. */
export function inferColumn(name: string, cells: readonly Cell[], sample = 20_000): ColumnProfile {
  const step = Math.max(1, Math.floor(cells.length / sample));
  let present = 0, numbers = 0, ints = 0, suffixed = 0, grouped = 0, bools = 0, dates = 0, strings = 0, leadingZeros = 0;
  const boolValues = new Set<string>();
  const examples: string[] = [];
  for (let i = 0; i < cells.length; i += step) {
    const c = cells[i];
    if (missingIn(c)) continue;
    present++;
    if (typeof c === 'string') strings++;
    if (examples.length < 3) {
      const t = text(c).trim();
      if (!examples.includes(t)) examples.push(t);
    }
    const n = asNumber(c);
    if (n) {
      numbers++;
      if (Number.isInteger(n.value) && Math.abs(n.value) <= Number.MAX_SAFE_INTEGER) ints++;
      if (n.multiplier !== 1) suffixed++;
      if (n.grouped) grouped++;
      if (typeof c === 'string' && /^0\d/.test(c.trim())) leadingZeros++;
    }
    if (parseBoolean(c) !== null && typeof c !== 'number') {
      bools++;
      boolValues.add(text(c).trim().toLowerCase());
    }
    if (parseDate(c) !== null) dates++;
  }
  const moneyUnit = headerMoneyUnit(name);
  let detected: ColumnType = 'text';
  let keptAsText: ColumnProfile['keptAsText'] = null;
  const mostly = (k: number) => present > 0 && k >= Math.max(1, 0.9 * present);
  if (present === 0) detected = 'text';
  else if (bools === present && boolValues.size <= 2 && numbers < present) detected = 'boolean';
  else if (mostly(dates) && dates >= numbers) detected = 'date';
  else if (mostly(numbers)) {
    if (leadingZeros > 0) keptAsText = 'leading-zeros';
    else if (CODE_HEADER.test(name) && strings > 0 && suffixed === 0 && grouped === 0) keptAsText = 'code-header';
    else detected = ints === numbers ? 'integer' : 'number';
  }
  const scale = cells.length / Math.max(1, Math.ceil(cells.length / step));
  return {
    name,
    detected,
    present: Math.round(present * scale),
    numbers: Math.round(numbers * scale),
    suffixed: Math.round(suffixed * scale),
    grouped: Math.round(grouped * scale),
    moneyUnit,
    keptAsText,
    examples,
  };
}

export type Value = string | number | boolean | Date | null;

export interface ConvertedColumn {
  values: Value[];
  /** Cells that had a value which does not fit the type (they become null). */
  failed: number;
  /** Up to `maxExamples` failures: the row index in the table and the original text. */
  examples: { index: number; value: string }[];
  /** True for an integer column whose values do not fit 32 bits. */
  wide: boolean;
}

/**
 * Converts cells to `type`. Numbers keep the column's unit: when the header names a money unit
 * (万元), a cell written with a suffix (1.2亿) is converted into that unit (12,000), since the
 * writer meant an amount, not a count of the header's unit.
 */
export function convertColumn(cells: readonly Cell[], type: ColumnType, moneyFactor: number | null = null, maxExamples = 5): ConvertedColumn {
  const values: Value[] = new Array(cells.length);
  const examples: ConvertedColumn['examples'] = [];
  let failed = 0;
  let wide = false;
  const fail = (i: number, c: Cell) => {
    failed++;
    if (examples.length < maxExamples) examples.push({ index: i, value: text(c) });
    return null;
  };
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (type === 'text') {
      values[i] = isEmptyCell(c) ? null : typeof c === 'string' ? c : text(c);
      continue;
    }
    if (missingIn(c)) {
      values[i] = null;
      continue;
    }
    switch (type) {
      case 'integer':
      case 'number': {
        const n = asNumber(c);
        if (!n) {
          values[i] = fail(i, c);
          break;
        }
        let v = n.multiplier !== 1 && moneyFactor ? n.value / moneyFactor : n.value;
        if (n.multiplier !== 1 && moneyFactor) v = Number(v.toPrecision(15));
        if (type === 'integer') {
          if (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) {
            values[i] = fail(i, c);
            break;
          }
          if (v > 2147483647 || v < -2147483648) wide = true;
        }
        values[i] = v;
        break;
      }
      case 'boolean': {
        const b = parseBoolean(c);
        values[i] = b === null ? fail(i, c) : b;
        break;
      }
      case 'date': {
        const d = parseDate(c);
        values[i] = d === null ? fail(i, c) : d;
        break;
      }
    }
  }
  return { values, failed, examples, wide };
}

/** A row that needs the user's attention, for the list of examples under the preview. */
export interface RowProblem {
  row: number;
  kind: 'ragged-long' | 'ragged-short' | 'bad-value';
  column?: string;
  value?: string;
  type?: ColumnType;
  detail?: string;
}

export interface TableCheck {
  columns: ConvertedColumn[];
  /** Data rows whose values could not all be kept as they are. */
  problemRows: number;
  examples: RowProblem[];
}

/** Converts every column to its chosen type and counts the rows with any problem. */
export function checkTable(table: RawTable, types: readonly ColumnType[], moneyFactors: readonly (number | null)[] = [], maxExamples = 8): TableCheck {
  const bad = new Set<number>();
  const examples: RowProblem[] = [];
  const rowIndexOf = new Map(table.sourceRows.map((r, i) => [r, i]));
  for (const r of table.ragged) {
    const i = rowIndexOf.get(r.row);
    if (i !== undefined) bad.add(i);
    if (examples.length < maxExamples) {
      examples.push(r.values > r.expected
        ? { row: r.row, kind: 'ragged-long', detail: `${r.values}/${r.expected}`, value: r.dropped.join(', ') }
        : { row: r.row, kind: 'ragged-short', detail: `${r.values}/${r.expected}` });
    }
  }
  const columns = table.columns.map((name, c) => {
    const cells = table.rows.map((row) => row[c]);
    const conv = convertColumn(cells, types[c], moneyFactors[c] ?? null);
    return conv;
  });
  columns.forEach((conv, c) => {
    if (conv.failed === 0) return;
    // Every failing row counts, not just the examples, so walk the values again.
    const cells = table.rows;
    for (let i = 0; i < cells.length; i++) {
      if (conv.values[i] === null && !missingIn(cells[i][c])) bad.add(i);
    }
    for (const ex of conv.examples) {
      if (examples.length < maxExamples) examples.push({ row: table.sourceRows[ex.index], kind: 'bad-value', column: table.columns[c], value: ex.value, type: types[c] });
    }
  });
  return { columns, problemRows: bad.size, examples };
}
