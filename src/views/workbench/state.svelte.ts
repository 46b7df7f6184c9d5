/**
 * State of the import view that must outlive the view: files being read, staged previews and
 * alerts stay when the reader switches to the explorer and back.
 */
import type { ImportWorker } from '../../lib/data/import/client';
import type { ImportProblem } from '../../lib/data/import/problems';
import type { StagedView } from '../../lib/data/import/summary';

/** The step a file is in; the first four run in the import worker, `loading` in the engine. */
export type JobPhase = 'reading' | 'parsing' | 'checking' | 'converting' | 'loading';

export interface Job {
  file: string;
  phase: JobPhase;
  /** Progress within the phase (bytes, characters or columns); `total` is 0 when unknown. */
  done: number;
  total: number;
  /** Stops the import: its worker is terminated, tables already loaded stay. */
  cancel: () => void;
}

export interface StagedItem {
  id: number;
  /** The worker that holds the file's cells; the page holds only `staged`, its preview. */
  worker: ImportWorker;
  staged: StagedView;
  /** Table name the user may edit before loading. */
  name: string;
}

export interface Alert {
  id: number;
  problem: ImportProblem;
}

/** What the last finished action says: a table loaded, or an import cancelled. */
export type Notice =
  | { kind: 'loaded'; name: string; rows: number; columns: number | null }
  | {
      kind: 'cancelled';
      file: string;
      /** The preview was closed with the work (a cancelled re-read or retype): the file must be picked again. */
      closed?: boolean;
    };

class ImportView {
  job = $state<Job | null>(null);
  staged = $state.raw<StagedItem[]>([]);
  alerts = $state<Alert[]>([]);
  notice = $state<Notice | null>(null);
}

export const view = new ImportView();

let seq = 0;
export const nextId = (): number => ++seq;
