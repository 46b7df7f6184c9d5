/**
 * Largest file of each kind the page reads. A file is refused before a byte is read, since a tab
 * that runs out of memory dies with everything already loaded in it. Text is held three times
 * while it is read (bytes, decoded string, cells); a workbook unpacks to about ten times its size;
 * a Parquet file is handed to DuckDB as it is.
 */
import type { FileKind } from './kind';
import type { ImportProblem } from './problems';

const MiB = 1024 * 1024;

export const SIZE_LIMITS: Readonly<Record<FileKind, number>> = {
  csv: 100 * MiB,
  tsv: 100 * MiB,
  json: 50 * MiB,
  xlsx: 30 * MiB,
  parquet: 512 * MiB,
};

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

/** 1.5 MB, 120 MB, 2.1 GB: binary units written the way file managers show them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
