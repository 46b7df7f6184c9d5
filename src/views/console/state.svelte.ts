/** The console's text and last result outlive the view, so a trip to the charts loses nothing. */
import type { Table } from 'apache-arrow';
import type { Origin } from '../../lib/data/provenance';

export interface ConsoleResult {
  columns: string[];
  types: string[];
  rows: unknown[][];
  /** The Arrow batches as DuckDB returned them, for the Parquet export. */
  batches: Table[];
  truncated: boolean;
  ms: number;
  /** Where the rows come from: the origins of the tables the statement read. */
  origins: Origin[];
}

class ConsoleState {
  sql = $state(`SELECT segment, count(*) AS firms, round(sum(output_2022) / 10000, 1) AS output_yi
FROM firms
GROUP BY segment
ORDER BY firms DESC;`);
  /** Raw: results can hold 100,000 rows. */
  result = $state.raw<ConsoleResult | null>(null);
  error = $state<{ message: string; offset: number | null } | null>(null);
}

export const consoleState = new ConsoleState();
