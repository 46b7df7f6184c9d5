/**
 * State of the import view that must outlive the view: files being read, staged previews and
 * alerts stay when the reader switches to the explorer and back.
 */
import type { ImportProblem } from '../../lib/data/import/problems';
import type { StageContext, Staged } from '../../lib/data/import/stage';

export interface Job {
  file: string;
  phase: 'reading' | 'parsing' | 'loading';
  loaded: number;
  total: number;
}

export interface StagedItem {
  id: number;
  staged: Staged;
  ctx: StageContext;
  /** Table name the user may edit before loading. */
  name: string;
}

export interface Alert {
  id: number;
  problem: ImportProblem;
}

class ImportView {
  job = $state<Job | null>(null);
  /** Raw: a staged table holds every cell of the file, which deep reactivity would wrap one by one. */
  staged = $state.raw<StagedItem[]>([]);
  alerts = $state<Alert[]>([]);
}

export const view = new ImportView();

let seq = 0;
export const nextId = (): number => ++seq;
