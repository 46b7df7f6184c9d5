/**
 * The one CSV writer of every export (chart tables, console results): UTF-8 with a byte-order mark so
 * Excel on Chinese Windows opens it right, RFC 4180 quoting, and no cell a spreadsheet would run as a
 * formula (OWASP's rule: a text cell beginning with = + - @, tab or CR gets a leading apostrophe).
 */

/** Text that is a plain number ("-2", "3.5", "1e6", "12%"), which a spreadsheet reads as a number, not a formula. */
const NUMBER = /^[-+]?(\d[\d,]*)?(\.\d+)?(e[-+]?\d+)?%?$/i;
const FORMULA = /^[=+\-@\t\r]/;

/** One field: `null`/`undefined` as empty, numbers as they are, text neutralised and quoted when needed. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  const safe = typeof v === 'string' && FORMULA.test(s) && !(NUMBER.test(s) && /\d/.test(s)) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A CSV document. `preamble` lines (title, source, provenance mark) come first, each a single field,
 * then a blank line, so a person opening the file sees where the numbers come from.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], preamble: readonly string[] = []): string {
  const lines = preamble.length ? [...preamble.map((p) => csvCell(p.replace(/[\r\n]+/g, ' '))), ''] : [];
  lines.push(header.map((h) => csvCell(String(h))).join(','));
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
