/**
 * Messages between the page and the import worker (one worker per file being imported). The page
 * asks; the worker answers each request with progress messages, then one result or one problem.
 */
import type { LineRuns } from '../checks/lines';
import type { GridKind, StageOptions } from './stage';
import type { ImportProblem } from './problems';
import type { ShapeLimit } from './limits';
import type { StagedView } from './summary';
import type { ColumnType } from './types';

export type ImportRequest =
  | { id: number; type: 'open'; file: File; kind: GridKind; limits: Record<ShapeLimit, number> }
  | { id: number; type: 'restage'; opts: StageOptions }
  | { id: number; type: 'retype'; types: ColumnType[] }
  | { id: number; type: 'arrow'; batchRows?: number };

/** A request before the client numbers it. */
export type ImportRequestBody = ImportRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** The slow steps, in order: the page names each in its progress bar. */
export type ImportPhase = 'reading' | 'parsing' | 'checking' | 'converting';

export type ImportReply =
  | { id: number; type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { id: number; type: 'staged'; view: StagedView }
  /** One batch of the table as an Arrow IPC stream; `rows` done of `total` so far. */
  | { id: number; type: 'batch'; ipc: Uint8Array; done: number; total: number }
  /** The last batch has been sent; `lines` says which line of the file each row came from (checks/lines.ts). */
  | { id: number; type: 'arrow'; batches: number; lines: LineRuns }
  | { id: number; type: 'problem'; problem: ImportProblem };
