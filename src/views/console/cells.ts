import { toCsv } from '../../lib/format/csv';

/** Result cells as text, and a result as CSV: what the table shows is what the file holds. */

/** Text of one value: dates as ISO, lists and structs as JSON, NULL as null (shown specially). */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().replace('T00:00:00.000Z', '');
  if (v instanceof Uint8Array)
    return `\\x${[...v.slice(0, 64)].map((b) => b.toString(16).padStart(2, '0')).join('')}${v.length > 64 ? '…' : ''}`;
  if (typeof v === 'object' && 'toJSON' in v && typeof (v as { toJSON: unknown }).toJSON === 'function')
    return JSON.stringify((v as { toJSON(): unknown }).toJSON(), bigintSafe);
  return JSON.stringify(v, bigintSafe);
}

const bigintSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** The result as CSV (see lib/format/csv), after `preamble` lines naming its provenance. */
export function resultCsv(columns: readonly string[], rows: readonly (readonly unknown[])[], preamble: readonly string[] = []): string {
  return toCsv(
    columns,
    rows.map((r) => r.map(cellText)),
    preamble,
  );
}
