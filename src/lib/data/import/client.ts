/**
 * The page's handle on one import worker (import.worker.ts): stage a file there, change how it is
 * read, get its Arrow IPC bytes, or cancel. Cancelling terminates the worker, which stops its work
 * at once wherever it is; the tables already in the engine are not touched.
 */
import type { LineRuns } from '../checks/lines';
import type { ShapeLimit } from './limits';
import type { ImportPhase, ImportReply, ImportRequest, ImportRequestBody } from './protocol';
import { ImportError } from './problems';
import type { GridKind, StageOptions } from './stage';
import type { StagedView } from './summary';
import type { ColumnType } from './types';

export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

type Pending = {
  resolve: (r: ImportReply) => void;
  reject: (e: unknown) => void;
  progress?: ImportProgress;
  batch?: (ipc: Uint8Array) => void;
};

/** An AbortError, what a cancelled import rejects with (as fetch does). */
export const cancelled = (): DOMException => new DOMException('The import was cancelled', 'AbortError');

export const isCancelled = (err: unknown): boolean => (err as { name?: string } | null)?.name === 'AbortError';

export class ImportWorker {
  readonly file: string;
  /** Which line of the file each row came from, known once batches() has sent the last batch. */
  sourceLines: LineRuns | null = null;
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #seq = 0;
  #closed = false;

  /** Starts a worker for `file`; `create` is for tests (the default is the bundled worker). */
  constructor(file: string, create: () => Worker = () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })) {
    this.file = file;
    this.#worker = create();
    this.#worker.onmessage = (e: MessageEvent<ImportReply>) => {
      const p = this.#pending.get(e.data.id);
      if (!p) return;
      if (e.data.type === 'progress') return p.progress?.(e.data.phase, e.data.done, e.data.total);
      if (e.data.type === 'batch') {
        p.progress?.('converting', e.data.done, e.data.total);
        return p.batch?.(e.data.ipc);
      }
      this.#pending.delete(e.data.id);
      if (e.data.type === 'problem') p.reject(new ImportError(e.data.problem));
      else p.resolve(e.data);
    };
    // A worker that fails to load or dies answers nothing more: every waiting request fails with it.
    this.#worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.#fail(new ImportError({ code: 'worker-failed', file, detail: e.message || 'the import worker stopped' }));
    };
  }

  #ask(req: ImportRequestBody, progress?: ImportProgress, batch?: (ipc: Uint8Array) => void): Promise<ImportReply> {
    if (this.#closed) return Promise.reject(cancelled());
    const id = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, progress, batch });
      this.#worker.postMessage({ ...req, id } as ImportRequest);
    });
  }

  async #staged(req: ImportRequestBody, progress?: ImportProgress): Promise<StagedView> {
    const r = await this.#ask(req, progress);
    if (r.type !== 'staged') throw new Error(`import worker answered ${r.type} to ${req.type}`);
    return r.view;
  }

  /** Reads and stages `file` in the worker. */
  open(file: File, kind: GridKind, limits: Record<ShapeLimit, number>, progress?: ImportProgress): Promise<StagedView> {
    return this.#staged({ type: 'open', file, kind, limits }, progress);
  }

  /** Stages the file again with another encoding, delimiter, sheet or header row. */
  restage(opts: StageOptions, progress?: ImportProgress): Promise<StagedView> {
    return this.#staged({ type: 'restage', opts }, progress);
  }

  /** Converts the columns to the types the user chose. */
  retype(types: ColumnType[], progress?: ImportProgress): Promise<StagedView> {
    return this.#staged({ type: 'retype', types }, progress);
  }

  /**
   * The staged table as Arrow IPC batches, each moved (not copied) out of the worker as soon as it
   * is built, so the engine can insert one while the worker makes the next.
   */
  batches(progress?: ImportProgress, batchRows?: number): AsyncIterable<Uint8Array> {
    const ready: Uint8Array[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: { err: unknown } | null = null;
    const nudge = () => {
      wake?.();
      wake = null;
    };
    this.#ask({ type: 'arrow', batchRows }, progress, (ipc) => {
      ready.push(ipc);
      nudge();
    }).then(
      (r) => {
        if (r.type === 'arrow') this.sourceLines = r.lines;
        finished = true;
        nudge();
      },
      (err: unknown) => {
        failure = { err };
        nudge();
      },
    );
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          if (ready.length) yield ready.shift()!;
          else if (failure) throw (failure as { err: unknown }).err;
          else if (finished) return;
          else await new Promise<void>((r) => (wake = r));
        }
      },
    };
  }

  /** Stops the worker at once; waiting requests reject with an AbortError. */
  cancel(): void {
    this.#fail(cancelled());
  }

  /** Ends the worker and frees the file's memory (after loading or discarding it). */
  close(): void {
    this.#fail(cancelled());
  }

  #fail(err: unknown): void {
    this.#closed = true;
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }
}
