/** Result cells as text, and a result as CSV: what the table shows is what the file holds. */

/** Text of one value: dates as ISO, lists and structs as JSON, NULL as null (shown specially). */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().replace('T00:00:00.000Z', '');
  if (v instanceof Uint8Array) return `\\x${[...v.slice(0, 64)].map((b) => b.toString(16).padStart(2, '0')).join('')}${v.length > 64 ? '…' : ''}`;
  if (typeof v === 'object' && 'toJSON' in v && typeof (v as { toJSON: unknown }).toJSON === 'function') return JSON.stringify((v as { toJSON(): unknown }).toJSON(), bigintSafe);
  return JSON.stringify(v, bigintSafe);
}

const bigintSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

function csvField(v: unknown): string {
  const s = cellText(v);
  if (s === null) return '';
  // A spreadsheet opening the file must not run a value as a formula.
  const safe = typeof v === 'string' && /^[=+@\t\r]|^-[^\d.]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV with a UTF-8 byte-order mark, so that Excel on Chinese Windows opens it with the right encoding. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
