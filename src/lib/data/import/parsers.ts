/**
 * One cell read as a boolean, a date or a number, as people type them in Chinese spreadsheets. Each
 * parser tries the common plain form first (2015-03-08, 1234, 是) with a few character tests, and
 * only then the general form with Unicode normalisation and patterns: a 100 MB registry has millions
 * of cells, and the general form allocates three strings per cell.
 */
import { isEmptyCell, type Cell } from './grid';
import { isMissing, parseNumber, startsWithIdeograph } from './number';

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
  // The longest word is "false": a longer cell is no yes/no, whatever spaces surround it.
  if (c.length > 12) return null;
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

const DAY_MS = 86_400_000;

/** Days in each month of a common year: a date is checked without making a Date object. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a calendar date (four-digit year), or null when there is no such day (2015-02-30). */
function epochDay(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > MONTH_DAYS[m - 1] + (leap ? 1 : 0)) return null;
  // Date.UTC maps years 0-99 to 1900-1999; the patterns here only let four-digit years through.
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** YYYY-MM-DD or YYYY/M/D (one or two digits for month and day) as days, null for no such day, undefined for another shape. */
function plainDays(s: string): number | null | undefined {
  const n = s.length;
  if (n < 8 || n > 10) return undefined;
  const sep = s.charCodeAt(4);
  if (sep !== 45 && sep !== 47) return undefined;
  const second = s.indexOf(s[4], 5);
  if (second < 6 || second > 7 || n - second < 2 || n - second > 3) return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, second);
  const d = digits(s, second + 1, n);
  return y < 0 || m < 0 || d < 0 ? undefined : epochDay(y, m, d);
}

/**
 * Days since 1970-01-01 (the date column's value, Arrow's DateDay) of a date cell or of text such as
 * 2015-03-08, 2015/3/8, 2015年3月8日 or 2015-03 (the first of the month); null when it is none.
 */
export function parseDays(c: Cell): number | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : Math.floor(c.getTime() / DAY_MS);
  if (typeof c !== 'string') return null;
  const quick = plainDays(c);
  if (quick !== undefined) return quick;
  if (startsWithIdeograph(c)) return null;
  const s = c.normalize('NFKC').trim();
  const m = DATE_YMD.exec(s) ?? DATE_YM.exec(s);
  if (!m) return null;
  return epochDay(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
}

/** The date of a cell (see parseDays) at UTC midnight, or null. */
export function parseDate(c: Cell): Date | null {
  const days = parseDays(c);
  return days === null ? null : new Date(days * DAY_MS);
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

/** Digits grouped by ASCII commas in threes (1,234 or -12,345.67), or undefined when the text has another shape. */
function groupedNumber(s: string): number | undefined {
  const n = s.length;
  if (n > 24) return undefined;
  const neg = s.charCodeAt(0) === 45 ? 1 : 0;
  const dot = s.indexOf('.');
  const end = dot === -1 ? n : dot;
  const lead = (end - neg) % 4;
  // Groups: a lead of one to three digits, then ",ddd" groups, at least one.
  if (end - neg < 5 || lead === 0) return undefined;
  let out = '';
  for (let i = neg; i < end; i++) {
    const c = s.charCodeAt(i);
    const atComma = (i - neg - lead) % 4 === 0 && i - neg >= lead;
    if (atComma ? c !== 44 : c < 48 || c > 57) return undefined;
    if (!atComma) out += s[i];
  }
  if (dot !== -1) {
    if (dot === n - 1) return undefined;
    for (let i = dot + 1; i < n; i++) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return undefined;
  }
  const v = Number(out + (dot === -1 ? '' : s.slice(dot)));
  return neg ? -v : v;
}

/** A number cell with the multiplier of its 万/亿 suffix and whether it used thousands separators. */
export function cellNumber(c: Cell): { value: number; multiplier: number; grouped: boolean } | null {
  if (typeof c === 'number') return Number.isFinite(c) ? { value: c, multiplier: 1, grouped: false } : null;
  if (typeof c !== 'string') return null;
  const quick = plainNumber(c);
  if (quick !== undefined) return { value: quick, multiplier: 1, grouped: false };
  const grouped = groupedNumber(c);
  if (grouped !== undefined) return { value: grouped, multiplier: 1, grouped: true };
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
