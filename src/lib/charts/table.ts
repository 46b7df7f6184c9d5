import { toCsv } from '../format/csv';

/** The data behind a chart as shown: what "Show table" and "Download CSV" give. */
export interface ChartTable {
  columns: { key: string; label: string; numeric?: boolean }[];
  rows: Record<string, string | number | boolean | null>[];
}

/** The chart's table as CSV, after `preamble` lines saying what it is and where it comes from. */
export function tableToCsv(table: ChartTable, preamble: readonly string[] = []): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((r) => table.columns.map((c) => r[c.key])),
    preamble,
  );
}
