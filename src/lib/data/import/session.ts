/**
 * The import worker's side of one file: read it, stage it, restage it when the user changes the
 * encoding, delimiter, sheet or header row, retype it, and turn it into Arrow IPC bytes for the
 * engine. Everything that takes time on a big file happens here, off the page's thread. Framework
 * and DOM free, so unit tests drive it directly.
 */
import { encodeLines } from '../checks/lines';
import { arrowBatches, BATCH_ROWS } from './arrow';
import type { ImportPhase, ImportReply, ImportRequest } from './protocol';
import { fail, ImportError, type ImportProblem } from './problems';
import { readBytes } from './read';
import { retype, stage, typedColumns, type StageContext, type StagedGrid } from './stage';
import { summarize } from './summary';

type Post = (reply: ImportReply, transfer?: Transferable[]) => void;

/** Progress is posted at most this often: the parser reports every few thousand records, which would flood the page. */
const PROGRESS_MS = 100;

export class ImportSession {
  #file = '';
  #kind: StagedGrid['kind'] = 'csv';
  #ctx: StageContext | null = null;
  #staged: StagedGrid | null = null;
  #post: Post;

  constructor(post: Post) {
    this.#post = post;
  }

  /** Answers one request: progress while it runs, then its result or the problem that stopped it. */
  async handle(req: ImportRequest): Promise<void> {
    let last = 0;
    const progress = (phase: ImportPhase, done: number, total: number) => {
      const now = Date.now();
      if (now - last < PROGRESS_MS && done < total) return;
      last = now;
      this.#post({ id: req.id, type: 'progress', phase, done, total });
    };
    try {
      switch (req.type) {
        case 'open': {
          this.#file = req.file.name;
          this.#kind = req.kind;
          const bytes = await readBytes(req.file, (done, total) => progress('reading', done, total));
          this.#ctx = { bytes, limits: req.limits, onProgress: progress };
          this.#staged = (await stage(this.#file, this.#kind, this.#ctx)) as StagedGrid;
          return this.#post({ id: req.id, type: 'staged', view: summarize(this.#staged) });
        }
        case 'restage': {
          this.#staged = (await stage(this.#file, this.#kind, this.#need(this.#ctx), req.opts)) as StagedGrid;
          return this.#post({ id: req.id, type: 'staged', view: summarize(this.#staged) });
        }
        case 'retype': {
          this.#staged = retype(this.#need(this.#staged), req.types);
          return this.#post({ id: req.id, type: 'staged', view: summarize(this.#staged) });
        }
        case 'arrow': {
          const s = this.#need(this.#staged);
          const columns = typedColumns(s);
          const rows = req.batchRows ?? BATCH_ROWS;
          let batches = 0;
          for (const ipc of arrowBatches(columns, rows)) {
            batches++;
            const done = Math.min(s.table.length, batches * rows);
            // Posted (and moved) as soon as it is built: the engine inserts it while the next is made.
            this.#post({ id: req.id, type: 'batch', ipc, done, total: s.table.length }, [ipc.buffer as ArrayBuffer]);
          }
          return this.#post({ id: req.id, type: 'arrow', batches, lines: encodeLines(s.table.sourceRows) });
        }
      }
    } catch (err) {
      const problem: ImportProblem =
        err instanceof ImportError ? err.problem : { code: 'worker-failed', file: this.#file, detail: (err as Error)?.message ?? String(err) };
      this.#post({ id: req.id, type: 'problem', problem });
    }
  }

  #need<T>(x: T | null): T {
    return x ?? fail({ code: 'worker-failed', file: this.#file, detail: 'the file was not opened first' });
  }
}
