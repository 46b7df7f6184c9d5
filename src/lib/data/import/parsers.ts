/**
 * One cell read as a boolean, a date or a number, as people type them in Chinese spreadsheets. Each
 * parser tries the common plain form first (2015-03-08, 1234, 是) with a few character tests, and
 * only then the general form with Unicode normalisation and patterns: a 100 MB registry has millions
 * of cells, and the general form allocates three strings per cell.
 */
import { isEmptyCell, type Cell } from './grid';
import { isMissing, parseNumber } from './number';

const TRUE = new Set(['true', 'yes', 'y', 't', '是', '有', '√', '✓', '✔', '对']);
const FALSE = new Set(['false', 'no', 'n', 'f', '否', '×', '✗', '✘', '错']);

/** Text of a cell as the preview and error messages show it; a date as YYYY-MM-DD. */
export const cellText = (c: Cell): string => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c));

/** A yes/no cell: 是/否, yes/no, true/false, 1/0, ticks and crosses; null when it is none of them. */
export function parseBoolean(c: Cell): boolean | null {
  if (typeof c === 'boolean') return c;
  if (typeof c === 'number') return c === 1 ? true : c === 0 ? false : null;
  if (typeof c !== 'string') return null;
  if (TRUE.has(c)) return true;
  if (FALSE.has(c)) return false;
  const s = c.normalize('NFKC').trim().toLowerCase();
  if (TRUE.has(s) || s === '1') return true;
  if (FALSE.has(s) || s === '0') return false;
  return null;
}

const DATE_YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DATE_YM = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;

/** The decimal value of s[from, to), or -1 when a character there is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function utcDate(y: number, mo: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0-99 to 1900-1999; a four-digit year never needs that.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** YYYY-MM-DD exactly, or undefined when the text has another shape. */
function isoDate(s: string): Date | null | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  return y < 0 || m < 0 || d < 0 ? undefined : utcDate(y, m, d);
}

/** A date cell, or text such as 2015-03-08, 2015/3/8, 2015年3月8日 or 2015-03 (first of month), as UTC midnight. */
export function parseDate(c: Cell): Date | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate()));
  if (typeof c !== 'string') return null;
  const quick = isoDate(c);
  if (quick !== undefined) return quick;
  const s = c.normalize('NFKC').trim();
  const m = DATE_YMD.exec(s) ?? DATE_YM.exec(s);
  if (!m) return null;
  return utcDate(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
}

/** Plain decimal text (-12, 3.25) read without normalising: undefined when the text has another shape. */
function plainNumber(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 15) return undefined;
  const i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return undefined;
  let dot = false;
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 46) {
      // A dot must sit between digits: "1." and ".5" take the general path.
      if (dot || k === i || k === n - 1) return undefined;
      dot = true;
    } else if (c < 48 || c > 57) return undefined;
  }
  return Number(s);
}

/** A number cell with the multiplier of its 万/亿 suffix and whether it used thousands separators. */
export function cellNumber(c: Cell): { value: number; multiplier: number; grouped: boolean } | null {
  if (typeof c === 'number') return Number.isFinite(c) ? { value: c, multiplier: 1, grouped: false } : null;
  if (typeof c !== 'string') return null;
  const quick = plainNumber(c);
  if (quick !== undefined) return { value: quick, multiplier: 1, grouped: false };
  return parseNumber(c);
}

/** Plain number text, or null: for the conversion loop, which needs no multiplier for such cells. */
export function plainNumberOf(c: Cell): number | undefined {
  return typeof c === 'string' ? plainNumber(c) : undefined;
}

/** An empty cell, or text that stands for no value in a typed column ("—", "N/A", "暂无"). */
export function isMissingCell(c: Cell): boolean {
  if (isEmptyCell(c)) return true;
  if (typeof c !== 'string') return false;
  // A digit first is never a missing marker; most cells of a typed column start with one.
  const d = c.charCodeAt(0);
  if (d >= 48 && d <= 57) return false;
  return isMissing(c);
}
