/**
 * Excel workbooks (.xlsx) through SheetJS, imported only when a workbook is opened so that the
 * library (about 90 KB compressed) stays out of the first load. The mini build reads xlsx and
 * nothing else, which is all the page accepts.
 */
import type * as XLSXTypes from '@e965/xlsx';
import type { Cell } from './grid';
import { detectHeaderRow } from './grid';
import { fail } from './problems';

type XLSX = typeof XLSXTypes;
let library: Promise<XLSX> | null = null;

/** Loads SheetJS once; a failed load (offline deploy missing the chunk) may be retried. */
function loadXlsxLibrary(): Promise<XLSX> {
  library ??= import('@e965/xlsx/dist/xlsx.mini.min.js').then(
    (m) => ((m as { default?: XLSX }).default ?? (m as unknown as XLSX)),
    (err: unknown) => {
      library = null;
      throw err;
    },
  );
  return library;
}

export interface Workbook {
  sheets: string[];
  /** Reads one sheet as a grid, with merged ranges filled below the header. */
  readSheet(name: string): SheetGrid;
}

export interface SheetGrid {
  grid: Cell[][];
  /** Worksheet row number (1-based) of each grid row. */
  rows: number[];
  headerRow: number;
  /** Merged ranges whose cells were filled with the range's top-left value. */
  mergedFilled: number;
}

const READ_OPTS = { type: 'array', dense: true, cellDates: true, cellFormula: false, cellHTML: false, cellStyles: false, cellNF: false, sheetStubs: false, bookVBA: false } as const;

/** Opens a workbook from bytes that checkKind already found to be a ZIP archive. */
export async function openWorkbook(file: string, bytes: Uint8Array): Promise<Workbook> {
  let X: XLSX;
  try {
    X = await loadXlsxLibrary();
  } catch (err) {
    return fail({ code: 'xlsx-library', file, detail: (err as Error).message });
  }
  let names: string[];
  try {
    names = X.read(bytes, { ...READ_OPTS, bookSheets: true }).SheetNames;
  } catch (err) {
    return fail({ code: 'xlsx-unreadable', file, detail: (err as Error).message });
  }
  if (names.length === 0) fail({ code: 'xlsx-unreadable', file, detail: 'no worksheets' });
  const cache = new Map<string, SheetGrid>();
  return {
    sheets: names,
    readSheet(name) {
      let g = cache.get(name);
      if (!g) {
        let ws: XLSXTypes.WorkSheet | undefined;
        try {
          ws = X.read(bytes, { ...READ_OPTS, sheets: [name] }).Sheets[name];
        } catch (err) {
          fail({ code: 'xlsx-unreadable', file, detail: (err as Error).message });
        }
        g = sheetToGrid(X, ws);
        cache.set(name, g);
      }
      return g;
    },
  };
}

/** Grid of a worksheet; exported for tests, which build sheets with the same library. */
export function sheetToGrid(X: XLSX, ws: XLSXTypes.WorkSheet | undefined): SheetGrid {
  if (!ws || !ws['!ref']) return { grid: [], rows: [], headerRow: 0, mergedFilled: 0 };
  const range = X.utils.decode_range(ws['!ref']);
  const raw = X.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true, UTC: true });
  const grid: Cell[][] = raw.map((r) => r.map(toCell));
  const headerRow = detectHeaderRow(grid);
  let mergedFilled = 0;
  for (const m of ws['!merges'] ?? []) {
    const r0 = m.s.r - range.s.r;
    const c0 = m.s.c - range.s.c;
    // A title merged across the top stays one cell: filling it would make it look like a header.
    if (r0 < headerRow) continue;
    const v = grid[r0]?.[c0] ?? null;
    for (let r = r0; r <= m.e.r - range.s.r; r++) {
      for (let c = c0; c <= m.e.c - range.s.c; c++) {
        if (r === r0 && c === c0) continue;
        if (grid[r]) grid[r][c] = v;
      }
    }
    mergedFilled++;
  }
  return { grid, rows: grid.map((_, i) => range.s.r + i + 1), headerRow, mergedFilled };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return String(v);
}
