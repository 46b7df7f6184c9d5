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

/**
 * A lookup of rows' source lines: the runs' cumulative starts are summed once, then each row is a
 * binary search (300,000 rows over 30,000 runs took ~22 s scanning the runs from the start per row).
 */
export function lineLookup(runs: LineRuns): (row: number) => number | null {
  const starts = new Float64Array(runs.length + 1);
  for (let k = 0; k < runs.length; k++) starts[k + 1] = starts[k] + runs[k][1];
  return (row) => {
    if (!(row >= 0 && row < starts[runs.length])) return null;
    // The last run whose start is at or before `row`.
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    return runs[lo][0] + (row - starts[lo]);
  };
}

/** The source line of row `row` (0-based), or null when the runs do not reach it (one look-up; use lineLookup for many). */
export const lineAt = (runs: LineRuns, row: number): number | null => lineLookup(runs)(row);

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
