/**
 * From a grid of cells (CSV records, a worksheet, JSON records) to a table: which row holds the
 * header, clean and unique column names, and the rows that do not fit the header.
 */
import { TextColumn, type CellColumn } from './text-column';

export type Cell = string | number | boolean | Date | null;

/** A table as read from a file, before types are applied. */
export interface RawTable {
  columns: string[];
  /**
   * The cells of each column (columns are what inference and conversion walk), each `length` long:
   * an array, or for delimited text a TextColumn (text-column.ts).
   */
  data: CellColumn[];
  /** Number of data rows. */
  length: number;
  /** Row number in the file (line for text, row for a worksheet, element for JSON), 1-based, per row. */
  sourceRows: number[];
  /** Rows whose number of values differs from the header's. */
  ragged: RaggedRow[];
  /** Header names that were empty or repeated and were renamed. */
  renamed: { index: number; from: string; to: string }[];
}

export interface RaggedRow {
  /** Row number in the file, and index of the row in the table. */
  row: number;
  index: number;
  values: number;
  expected: number;
  /** Non-empty values beyond the header that were dropped. */
  dropped: string[];
}

/** Null, or text of whitespace only. */
export function isEmptyCell(c: Cell): boolean {
  if (c === null) return true;
  if (typeof c !== 'string') return false;
  const first = c.charCodeAt(0);
  // Most cells start with a visible ASCII or CJK character: trimming them would only cost time.
  if ((first > 32 && first < 127) || (first >= 0x3400 && first < 0xfe00)) return false;
  return c.trim() === '';
}

const nonEmpty = (row: readonly Cell[]) => row.reduce<number>((n, c) => n + (isEmptyCell(c) ? 0 : 1), 0);

/**
 * Index of the header row: the first row that fills at least half as many cells as the fullest of
 * the first rows, so that a title line ("江海区电子信息企业名录") above the header is skipped.
 */
export function detectHeaderRow(grid: readonly (readonly Cell[])[], look = 10): number {
  const counts: { i: number; n: number }[] = [];
  for (let i = 0; i < grid.length && counts.length < look; i++) {
    const n = nonEmpty(grid[i]);
    if (n > 0) counts.push({ i, n });
  }
  if (counts.length === 0) return 0;
  const max = Math.max(...counts.map((c) => c.n));
  return counts.find((c) => c.n >= Math.max(1, Math.ceil(max / 2)))!.i;
}

const cellText = (c: Cell): string =>
  c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);

/** Trims and collapses whitespace (Excel headers often hold line breaks); fills empty and repeated names. */
export function cleanHeader(cells: readonly Cell[], width: number): { columns: string[]; renamed: RawTable['renamed'] } {
  const columns: string[] = [];
  const renamed: RawTable['renamed'] = [];
  const used = new Set<string>();
  for (let i = 0; i < width; i++) {
    const from = cellText(cells[i] ?? null);
    let name = from.replace(/\s+/g, ' ').trim().replaceAll('\u0000', '');
    if (name === '') name = `column_${i + 1}`;
    let unique = name;
    for (let k = 2; used.has(unique.toLowerCase()); k++) unique = `${name}_${k}`;
    // DuckDB compares column names without regard to case, so "Name" and "name" clash too.
    used.add(unique.toLowerCase());
    if (unique !== from) {
      // Whitespace tidying alone is not worth a warning.
      if (from.replace(/\s+/g, ' ').trim() !== unique) renamed.push({ index: i, from, to: unique });
    }
    columns.push(unique);
  }
  return { columns, renamed };
}

/** Rows after the header that decide whether its trailing empty cells are columns (they are when data sits under them). */
export const LOOK_ROWS = 200;

/**
 * Builds a table row by row, so that a large file's records go into columns as they are parsed and
 * no grid of row arrays is kept. Rows that are entirely empty are skipped; short rows are padded
 * with nulls; values beyond the header are dropped and reported. Without a header (null), the
 * table is as wide as its widest row and its columns are numbered.
 */
export class TableBuilder {
  #header: readonly Cell[];
  #width: number;
  #text: boolean;
  #data: (Cell[] | TextColumn)[];
  #sourceRows: number[] = [];
  #ragged: RaggedRow[] = [];
  /** Without a header, each row's length: rows shorter than the final width are reported at the end. */
  #lengths: number[] | null;

  /**
   * `look` holds the first rows after the header (up to LOOK_ROWS), which decide the width with it.
   * `text`: every cell is text or missing (delimited files), kept in TextColumns.
   */
  constructor(header: readonly Cell[] | null, look: readonly (readonly Cell[])[] = [], text = false) {
    this.#header = header ?? [];
    this.#text = text;
    this.#lengths = header === null ? [] : null;
    let width = this.#header.length;
    const under = (c: number) => look.some((r) => !isEmptyCell(r[c] ?? null));
    while (width > 0 && isEmptyCell(this.#header[width - 1]) && !under(width - 1)) width--;
    this.#width = header === null ? 0 : width;
    this.#data = Array.from({ length: this.#width }, () => this.#column(0));
  }

  #column(blanks: number): Cell[] | TextColumn {
    if (!this.#text) return new Array<Cell>(blanks).fill(null);
    const t = new TextColumn();
    t.fill(blanks);
    return t;
  }

  /** Adds a row read from `sourceRow` (a line, worksheet row or element number). */
  add(r: readonly Cell[], sourceRow: number): void {
    const last = lastNonEmpty(r);
    if (last < 0) return;
    const index = this.#sourceRows.length;
    if (this.#lengths) {
      // No header: a wider row widens the table, earlier rows get nulls in the new columns.
      for (let c = this.#width; c <= last; c++) this.#data.push(this.#column(index));
      this.#width = Math.max(this.#width, last + 1);
      this.#lengths.push(r.length);
    } else if (last >= this.#width) {
      const dropped = r.slice(this.#width, last + 1).filter((c) => !isEmptyCell(c)).map(cellText);
      this.#ragged.push({ row: sourceRow, index, values: last + 1, expected: this.#width, dropped });
    } else if (r.length < this.#width) {
      this.#ragged.push({ row: sourceRow, index, values: r.length, expected: this.#width, dropped: [] });
    }
    const data = this.#data;
    // Text mode: the cells are strings (or missing), which TextColumn.push takes.
    for (let c = 0; c < this.#width; c++) (data[c] as Cell[]).push(r[c] ?? null);
    this.#sourceRows.push(sourceRow);
  }

  finish(): RawTable {
    const width = this.#width;
    const ragged = this.#lengths
      ? this.#lengths.flatMap((n, index) => (n < width ? [{ row: this.#sourceRows[index], index, values: n, expected: width, dropped: [] }] : []))
      : this.#ragged;
    const { columns, renamed } = cleanHeader(this.#header, width);
    const data = this.#data.map((d) => (d instanceof TextColumn ? d.finish() : d));
    return { columns, data, length: this.#sourceRows.length, sourceRows: this.#sourceRows, ragged, renamed };
  }
}

/** Builds a table from `grid` with the header at `headerRow` (null: no header); see TableBuilder. */
export function gridToTable(
  grid: readonly (readonly Cell[])[],
  headerRow: number | null,
  sourceRowOf: (gridIndex: number) => number = (i) => i + 1,
): RawTable {
  const start = headerRow === null ? 0 : headerRow + 1;
  const b = new TableBuilder(headerRow === null ? null : (grid[headerRow] ?? []), grid.slice(start, start + LOOK_ROWS));
  for (let i = start; i < grid.length; i++) b.add(grid[i], sourceRowOf(i));
  return b.finish();
}

/** Rows `from` to `to` (exclusive) of a table, as arrays of cells: for previews and tests. */
export function tableRows(t: RawTable, from = 0, to = t.length): Cell[][] {
  const out: Cell[][] = [];
  for (let i = from; i < Math.min(to, t.length); i++) out.push(t.data.map((col) => col.at(i) ?? null));
  return out;
}

function lastNonEmpty(r: readonly Cell[]): number {
  for (let i = r.length - 1; i >= 0; i--) if (!isEmptyCell(r[i])) return i;
  return -1;
}
