/**
 * Which line of the imported file each row of a table came from, kept as runs so that a file whose
 * rows follow one another line by line (the usual case) costs two numbers, and saved with the
 * table. Checks name "line 12" where this is known and "row 12" where it is not.
 */

/** [first line, number of rows] pairs: rows k..k+n-1 of the run came from lines first..first+n-1. */
export type LineRuns = [number, number][];

/** Runs of 1-based source line numbers, one per table row, in row order. */
export function encodeLines(sourceRows: readonly number[]): LineRuns {
  const runs: LineRuns = [];
  for (const line of sourceRows) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === line) last[1]++;
    else runs.push([line, 1]);
  }
  return runs;
}

/** The source line of row `row` (0-based), or null when the runs do not reach it. */
export function lineAt(runs: LineRuns, row: number): number | null {
  let start = 0;
  for (const [first, n] of runs) {
    if (row < start + n) return row >= start ? first + (row - start) : null;
    start += n;
  }
  return null;
}

/** Runs read from untrusted JSON (a saved index); null when they are not runs. */
export function parseLineRuns(v: unknown): LineRuns | null {
  if (!Array.isArray(v)) return null;
  const ok = v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => Number.isSafeInteger(x) && x >= 0));
  return ok ? (v as LineRuns).map(([a, b]) => [a, b]) : null;
}

const byTable = new Map<string, LineRuns>();

/** Records where a table's rows came from (called when a file's table is loaded or restored). */
export function setSourceLines(table: string, runs: LineRuns | null): void {
  if (runs) byTable.set(table, runs);
  else byTable.delete(table);
}

/** Where a table's rows came from, or null for tables with no file lines (Parquet, console tables). */
export const sourceLinesOf = (table: string): LineRuns | null => byTable.get(table) ?? null;
