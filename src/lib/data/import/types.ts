/**
 * The types an imported table's columns go through: the column types a user can pick, the values
 * they convert to, and what inference, conversion and the row checks report. The functions live
 * beside it: `parsers.ts` (one cell), `infer.ts` (a column's type), `convert.ts` (a column's values),
 * `checks.ts` (a table's problem rows).
 */
import type { TextColumn } from './text-column';

export type ColumnType = 'text' | 'integer' | 'number' | 'boolean' | 'date';
export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'integer', 'number', 'boolean', 'date'];

export type Value = string | number | boolean | Date | null;

export interface ColumnProfile {
  name: string;
  detected: ColumnType;
  /** Cells with a value (not empty and, for typed columns, not a missing marker such as "—"). */
  present: number;
  /** Cells that read as numbers, and how many of those used 万/亿 suffixes or thousands separators. */
  numbers: number;
  suffixed: number;
  grouped: number;
  /** Money unit named in the header ("产值（万元）"), which 万/亿-suffixed cells are converted into. */
  moneyUnit: { factor: number; label: string } | null;
  /** Why a column that looks numeric is kept as text: codes with leading zeros, or a code-like header. */
  keptAsText: 'leading-zeros' | 'code-header' | null;
  /** Up to three distinct example values. */
  examples: string[];
}

export interface ConvertedColumn {
  /**
   * One value per cell, null where there is none (but see `blankIsNull`); a date as days since
   * 1970-01-01. A text column of a delimited file keeps its TextColumn (text-column.ts).
   */
  values: readonly Value[] | TextColumn;
  /** Set when the values are the text cells themselves, shared rather than copied: a blank string among them stands for null. */
  blankIsNull?: boolean;
  /** Cells that had a value which does not fit the type (they become null). */
  failed: number;
  /** Up to `maxExamples` failures: the row index in the table and the original text. */
  examples: { index: number; value: string }[];
  /** Row index in the table of every failure, ascending. */
  failedRows: number[];
  /** True for an integer column whose values do not fit 32 bits. */
  wide: boolean;
}

/** A row that needs the user's attention, for the list of examples under the preview. */
export interface RowProblem {
  row: number;
  kind: 'ragged-long' | 'ragged-short' | 'bad-value';
  column?: string;
  value?: string;
  type?: ColumnType;
  detail?: string;
}

export interface TableCheck {
  columns: ConvertedColumn[];
  /** Data rows whose values could not all be kept as they are. */
  problemRows: number;
  examples: RowProblem[];
}
