/** The per-column summary of a loaded table as the profile shows it (its SQL: lib/sql/profile.ts). */

export interface ColumnSummary {
  name: string;
  type: string;
  numeric: boolean;
  count: number;
  nulls: number;
  distinct: number;
  min: string | null;
  max: string | null;
  mean: number | null;
  /** Top values (label) or histogram bins (x0, x1). */
  bars: { label: string; n: number; x0?: number; x1?: number }[];
}

/** Numbers in the profile: grouping from 10,000 up (so years read 2015), four significant digits (six from 10,000). */
export function profileNumber(v: number): string {
  const abs = Math.abs(v);
  return v.toLocaleString('en-US', { useGrouping: abs >= 1e4, maximumSignificantDigits: abs >= 1e4 ? 6 : 4 });
}
