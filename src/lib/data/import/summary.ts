/**
 * What the page shows of a staged table, made where the table lives (the import worker): the file's
 * facts, the first rows, the column types and the problem counts. The page never holds the whole
 * table: a 100 MB file is about 650,000 rows, and copying them to the page would freeze it.
 */
import { tableRows, type Cell, type RawTable } from './grid';
import type { StagedGrid } from './stage';
import type { RowProblem } from './types';

/** The fields of a staged table the preview shows as they are (see StagedGrid for their meaning). */
type SharedFields =
  | 'file'
  | 'size'
  | 'kind'
  | 'encoding'
  | 'encodingCertain'
  | 'replaced'
  | 'delimiter'
  | 'unclosedQuoteLine'
  | 'sheets'
  | 'sheet'
  | 'mergedFilled'
  | 'jsonPath'
  | 'origins'
  | 'gridRows'
  | 'headerRow'
  | 'profiles'
  | 'types';

/** A staged table as the preview shows it: StagedGrid's own fields, lists cut short, and the table's first rows. */
export interface StagedView extends Pick<StagedGrid, SharedFields> {
  /** The first lines read as GB18030 in a UTF-8 file, and how many there are in all. */
  gbkLines: number[];
  gbkLineCount: number;
  /** The first elements of a JSON array that were not records, and how many there are in all. */
  skippedElements: StagedGrid['skippedElements'];
  skippedCount: number;
  columns: string[];
  renamed: RawTable['renamed'];
  /** Data rows in the table. */
  rows: number;
  /** The first rows, long text cut; `previewFailed[r][c]` marks a value that does not convert to its column's type. */
  preview: Cell[][];
  previewFailed: boolean[][];
  /** Per column, values that do not convert; rows with any problem; examples of them. */
  failed: number[];
  problemRows: number;
  examples: RowProblem[];
}

const CLIP = 200;
const clip = (c: Cell): Cell => (typeof c === 'string' && c.length > CLIP ? `${c.slice(0, CLIP)}…` : c);

/** The preview of a staged table: its first `previewRows` rows and everything the page says about it. */
export function summarize(s: StagedGrid, previewRows = 12): StagedView {
  const { table, check } = s;
  const preview = tableRows(table, 0, previewRows);
  // failedRows ascend, so the preview's failures are at their start.
  const failedInPreview = check.columns.map((col) => new Set(col.failedRows.slice(0, previewRows).filter((r) => r < previewRows)));
  const previewFailed = preview.map((_, r) => failedInPreview.map((set) => set.has(r)));
  return {
    file: s.file,
    size: s.size,
    kind: s.kind,
    encoding: s.encoding,
    encodingCertain: s.encodingCertain,
    replaced: s.replaced,
    gbkLines: s.gbkLines.slice(0, 20),
    gbkLineCount: s.gbkLines.length,
    delimiter: s.delimiter,
    unclosedQuoteLine: s.unclosedQuoteLine,
    sheets: s.sheets,
    sheet: s.sheet,
    mergedFilled: s.mergedFilled,
    jsonPath: s.jsonPath,
    skippedElements: s.skippedElements.slice(0, 20),
    skippedCount: s.skippedElements.length,
    origins: s.origins,
    gridRows: s.gridRows,
    headerRow: s.headerRow,
    columns: table.columns,
    renamed: table.renamed,
    rows: table.length,
    preview: preview.map((row) => row.map(clip)),
    previewFailed,
    profiles: s.profiles,
    types: s.types,
    failed: check.columns.map((c) => c.failed),
    problemRows: check.problemRows,
    examples: check.examples,
  };
}
