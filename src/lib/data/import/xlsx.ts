/**
 * Spreadsheets through SheetJS, imported only when a workbook is opened so that the library stays
 * out of the first load: the mini build (about 90 KB compressed) for .xlsx, the full build (about
 * 330 KB, with the code pages of old Chinese workbooks) for Excel 97-2003 .xls, WPS .et and the HTML
 * or XML tables that portals publish under an .xls name. Before the library sees a workbook, its
 * shape is checked against the limits: an .xlsx's unpacked size from its ZIP directory, a sheet's
 * columns and cells from its range.
 */
import type * as XLSXTypes from '@e965/xlsx';
import type { Cell } from './grid';
import { detectHeaderRow } from './grid';
import type { ShapeLimit } from './limits';
import { fail } from './problems';
import { zipEntries } from './zip';

type XLSX = typeof XLSXTypes;
type Build = 'mini' | 'full';
const libraries: Partial<Record<Build, Promise<XLSX>>> = {};

const imports: Record<Build, () => Promise<unknown>> = {
  mini: () => import('@e965/xlsx/dist/xlsx.mini.min.js'),
  full: () => import('@e965/xlsx/dist/xlsx.full.min.js'),
};

/** Loads a SheetJS build once; a failed load (an offline deploy missing the chunk) may be retried. */
function loadXlsxLibrary(build: Build): Promise<XLSX> {
  libraries[build] ??= imports[build]().then(
    (m) => (m as { default?: XLSX }).default ?? (m as XLSX),
    (err: unknown) => {
      delete libraries[build];
      throw err;
    },
  );
  return libraries[build];
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

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

/**
 * Opens a workbook from bytes that checkKind accepted: a ZIP archive (.xlsx), an OLE compound file
 * (.xls, .et) or an HTML or XML table. `limits` are the shape limits in force.
 */
export async function openWorkbook(file: string, bytes: Uint8Array, limits: Readonly<Record<ShapeLimit, number>>): Promise<Workbook> {
  const zip = isZip(bytes);
  if (zip) {
    const entries = zipEntries(bytes);
    if (!entries) fail({ code: 'xlsx-unreadable', file, detail: 'the ZIP directory at the end of the file is missing or damaged' });
    const unpacked = entries!.reduce((n, e) => n + e.uncompressedSize, 0);
    if (unpacked > limits.unpacked) fail({ code: 'limit', file, limit: 'unpacked', max: limits.unpacked, found: unpacked });
  }
  let X: XLSX;
  try {
    X = await loadXlsxLibrary(zip ? 'mini' : 'full');
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
        checkSheetShape(X, ws, file, name, limits);
        g = sheetToGrid(X, ws);
        cache.set(name, g);
      }
      return g;
    },
  };
}

/** Refuses a sheet wider or bigger than the limits before its cells are copied out. */
function checkSheetShape(X: XLSX, ws: XLSXTypes.WorkSheet | undefined, file: string, sheet: string, limits: Readonly<Record<ShapeLimit, number>>): void {
  if (!ws?.['!ref']) return;
  const r = X.utils.decode_range(ws['!ref']);
  const columns = r.e.c - r.s.c + 1;
  const cells = columns * (r.e.r - r.s.r + 1);
  if (columns > limits.columns) fail({ code: 'limit', file, sheet, limit: 'columns', max: limits.columns, found: columns });
  if (cells > limits.cells) fail({ code: 'limit', file, sheet, limit: 'cells', max: limits.cells, found: cells });
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
