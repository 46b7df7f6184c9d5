/**
 * What the page reads. By size, before a byte is read: a tab that runs out of memory dies with
 * everything already loaded in it. By shape, as soon as the shape shows: a small file can still be
 * hostile (50,000 columns in 1.1 MB took 32 s and 4.5 GB; a 48 MB file without a line break 16 s and
 * 9 GB; a 3.9 MB workbook unpacks to 1.15 GB). Text is parsed in a worker and held about three times
 * (bytes, decoded string, cells); a Parquet file is handed to DuckDB as it is.
 */
import type { FileKind } from './kind';
import type { ImportProblem } from './problems';

const MiB = 1024 * 1024;

export const SIZE_LIMITS: Readonly<Record<FileKind, number>> = {
  csv: 200 * MiB,
  tsv: 200 * MiB,
  json: 50 * MiB,
  xlsx: 30 * MiB,
  xls: 30 * MiB,
  parquet: 512 * MiB,
};

/**
 * Limits on a table's shape. Columns: registries have tens, a wide statistical table a few hundred,
 * and the preview draws a type menu per column. Line: a line of text longer than this is not a
 * table row (lost line ends, an unclosed quote). Cells (rows × columns): each costs about 40 bytes
 * in the import worker before it is converted. Unpacked: the sum of a workbook's entries once
 * inflated; a 30 MB workbook of real rows unpacks to about ten times its size.
 */
export const SHAPE_LIMITS = {
  columns: 1_000,
  line: 1 * MiB,
  cells: 20_000_000,
  unpacked: 320 * MiB,
} as const;

export type ShapeLimit = keyof typeof SHAPE_LIMITS;

/** The shape limits in force, the cell and unpacked limits halved on devices that report 2 GiB or less. */
export function shapeLimits(deviceMemoryGiB?: number): Record<ShapeLimit, number> {
  const small = deviceMemoryGiB !== undefined && deviceMemoryGiB <= 2;
  return { ...SHAPE_LIMITS, cells: small ? SHAPE_LIMITS.cells / 2 : SHAPE_LIMITS.cells, unpacked: small ? SHAPE_LIMITS.unpacked / 2 : SHAPE_LIMITS.unpacked };
}

/**
 * Limit for `kind`, halved on devices that report 2 GiB of memory or less
 * (`navigator.deviceMemory`, where the browser tells).
 */
export function sizeLimit(kind: FileKind, deviceMemoryGiB?: number): number {
  const base = SIZE_LIMITS[kind];
  return deviceMemoryGiB !== undefined && deviceMemoryGiB <= 2 ? base / 2 : base;
}

export function checkSize(file: string, kind: FileKind, size: number, deviceMemoryGiB?: number): ImportProblem | null {
  if (size === 0) return { code: 'empty', file };
  const limit = sizeLimit(kind, deviceMemoryGiB);
  return size > limit ? { code: 'too-large', file, size, limit } : null;
}

/** The next CR or LF at or after `from`, or -1. */
function nextBreak(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(10, from);
  const cr = bytes.subarray(from, lf === -1 ? bytes.length : lf).indexOf(13);
  return cr === -1 ? lf : from + cr;
}

/**
 * The first line of a text file's bytes longer than `max` bytes, or null. Lines end at LF, CRLF or
 * a lone CR, as csv.ts reads them. Jumps a window of `max` bytes at a time to the last line break
 * in it, so a 100 MB file costs about a hundred native searches instead of one per line.
 */
export function longLine(bytes: Uint8Array, max: number): { line: number; length: number } | null {
  for (let start = 0; start < bytes.length; ) {
    const window = bytes.subarray(start, Math.min(bytes.length, start + max + 1));
    const last = Math.max(window.lastIndexOf(10), window.lastIndexOf(13));
    if (last === -1) {
      if (window.length <= max) return null;
      // Too long: count the lines before it (CRLF is one break) and measure it to its end.
      // One pass over the bytes before it: searching for each next break would scan to the end of a
      // CR-only file (it has no LF) once per line.
      let line = 1;
      for (let i = 0; i < start; i++) {
        const b = bytes[i];
        if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) line++;
      }
      const end = nextBreak(bytes, start);
      return { line, length: (end === -1 ? bytes.length : end) - start };
    }
    start += last + 1;
  }
  return null;
}
