/** Conversion: a column's cells turned into values of the chosen type, counting the cells that do not fit. */
import { isEmptyCell, type Cell } from './grid';
import { cellNumber, cellText, isMissingCell, parseBoolean, parseDays, plainNumberOf } from './parsers';
import { TextColumn, type CellColumn } from './text-column';
import type { ColumnType, ConvertedColumn, Value } from './types';

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/**
 * Converts cells to `type`. Numbers keep the column's unit: when the header names a money unit
 * (万元), a cell written with a suffix (1.2亿) is converted into that unit (12,000), since the
 * writer meant an amount, not a count of the header's unit.
 */
export function convertColumn(cells: CellColumn, type: ColumnType, moneyFactor: number | null = null, maxExamples = 5): ConvertedColumn {
  const n = cells.length;
  const values: Value[] = type === 'text' ? [] : new Array(n);
  const examples: ConvertedColumn['examples'] = [];
  const failedRows: number[] = [];
  let failed = 0;
  let wide = false;
  const fail = (i: number, c: Cell) => {
    failed++;
    failedRows.push(i);
    if (examples.length < maxExamples) examples.push({ index: i, value: cellText(c) });
    return null;
  };
  if (type === 'text') {
    // Text cells (all of delimited text) are their own values, shared rather than copied: a blank
    // one stays blank here and becomes null where values are written (arrow.ts).
    if (cells instanceof TextColumn || (Array.isArray(cells) && cells.every((c) => c === null || typeof c === 'string')))
      return { values: cells as TextColumn | Value[], blankIsNull: true, failed, examples, failedRows, wide };
    for (let i = 0; i < n; i++) {
      const c = cells.at(i) ?? null;
      values[i] = isEmptyCell(c) ? null : typeof c === 'string' ? c : cellText(c);
    }
    return { values, failed, examples, failedRows, wide };
  }
  const numeric = type === 'integer' || type === 'number';
  for (let i = 0; i < n; i++) {
    const c = cells.at(i) ?? null;
    if (numeric) {
      // The common cell, plain digits, needs none of the checks below.
      const plain = plainNumberOf(c);
      if (plain !== undefined && (type === 'number' || Number.isInteger(plain))) {
        if (plain > INT32_MAX || plain < INT32_MIN) wide = true;
        values[i] = plain;
        continue;
      }
    }
    if (isMissingCell(c)) {
      values[i] = null;
      continue;
    }
    switch (type) {
      case 'integer':
      case 'number': {
        const num = cellNumber(c);
        if (!num) {
          values[i] = fail(i, c);
          break;
        }
        let v = num.multiplier !== 1 && moneyFactor ? num.value / moneyFactor : num.value;
        if (num.multiplier !== 1 && moneyFactor) v = Number(v.toPrecision(15));
        if (type === 'integer') {
          if (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) {
            values[i] = fail(i, c);
            break;
          }
          if (v > INT32_MAX || v < INT32_MIN) wide = true;
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
        const d = parseDays(c);
        values[i] = d === null ? fail(i, c) : d;
        break;
      }
    }
  }
  // Only integer columns use `wide`; a number column is stored as doubles whatever its range.
  return { values, failed, examples, failedRows, wide: type === 'integer' && wide };
}
