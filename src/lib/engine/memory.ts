/**
 * How much memory DuckDB may use in this browser. Without a limit a console statement such as
 * `CREATE TABLE big AS SELECT * FROM range(300000000)` took the renderer from 1.3 to 3.4 GB, and wasm
 * memory once grown is never given back (a DROP does not shrink it). A quarter of the device's
 * memory (navigator.deviceMemory, which browsers cap at 8 GB), between 0.5 and 2 GB: the 10 M-row
 * scale table with its data cubes needs well under 1 GB.
 */
export function memoryLimitMB(deviceMemoryGB: number | undefined): number {
  const quarter = ((deviceMemoryGB && deviceMemoryGB > 0 ? deviceMemoryGB : 8) * 1000) / 4;
  return Math.round(Math.min(2000, Math.max(500, quarter)));
}

/** DuckDB's message when a statement would pass the limit ("Out of Memory Error: could not allocate…"). */
export const isOutOfMemory = (detail: string): boolean => /Out of Memory Error/i.test(detail);
