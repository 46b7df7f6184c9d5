/**
 * The lines a CSV exported by this app begins with (title, source, marks, then its origins as JSON,
 * see `csvPreamble`): found above the header, so they neither become the header nor get lost.
 */
import { CSV_PROVENANCE_PREFIX, parseOrigins, type Origin } from '../provenance';
import { isEmptyCell, type Cell } from './grid';

export interface Preamble {
  /** The origins the file states, or null when it states none. */
  origins: Origin[] | null;
  /** Rows before the header: the preamble and the blank row after it. */
  rows: number;
}

const LOOK = 12;

export function readPreamble(grid: readonly (readonly Cell[])[]): Preamble {
  for (let i = 0; i < Math.min(grid.length, LOOK); i++) {
    const cells = grid[i].filter((c) => !isEmptyCell(c));
    if (cells.length === 0) break;
    // Every preamble row is a single field; a wider row is already the header.
    if (cells.length > 1) break;
    const text = String(cells[0]);
    if (!text.startsWith(CSV_PROVENANCE_PREFIX)) continue;
    let origins: Origin[] = [];
    try {
      origins = parseOrigins(JSON.parse(text.slice(CSV_PROVENANCE_PREFIX.length)));
    } catch {
      // A damaged line states nothing; the rows are still the user's.
    }
    const blank = i + 1 < grid.length && grid[i + 1].every(isEmptyCell) ? 1 : 0;
    return { origins, rows: i + 1 + blank };
  }
  return { origins: null, rows: 0 };
}
