/** The data behind a chart as shown: what "Show table" and "Download CSV" give. */
export interface ChartTable {
  columns: { key: string; label: string; numeric?: boolean }[];
  rows: Record<string, string | number | boolean | null>[];
}

const needsQuotes = /[",\n\r]/;

/** CSV text with a UTF-8 byte-order mark, so Excel on Chinese Windows opens it in the right encoding. */
export function tableToCsv(table: ChartTable): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    // A leading =, +, - or @ would run as a formula in Excel; a quote mark keeps it text.
    const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
    return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [table.columns.map((c) => cell(c.label)).join(',')];
  for (const r of table.rows) lines.push(table.columns.map((c) => cell(r[c.key])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
