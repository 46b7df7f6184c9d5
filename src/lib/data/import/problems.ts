/**
 * What can be wrong with an imported file, as data. The view turns a problem into a sentence in the
 * reader's language (see messages.ts); tests compare codes, not wording.
 */
import type { ShapeLimit } from './limits';

export type ImportProblem =
  | { code: 'unsupported-type'; file: string; ext: string }
  | { code: 'empty'; file: string }
  | { code: 'too-large'; file: string; size: number; limit: number }
  | { code: 'read-failed'; file: string; detail: string }
  | { code: 'compressed'; file: string; format: string }
  | { code: 'binary-text'; file: string }
  | { code: 'legacy-xls'; file: string }
  | { code: 'not-xlsx'; file: string }
  | { code: 'not-xls'; file: string }
  | { code: 'xlsx-unreadable'; file: string; detail: string }
  | { code: 'xlsx-library'; file: string; detail: string }
  | { code: 'not-parquet'; file: string }
  | { code: 'parquet-truncated'; file: string }
  | { code: 'parquet-unreadable'; file: string; detail: string }
  | { code: 'json-syntax'; file: string; line: number | null; column: number | null; detail: string }
  | { code: 'json-shape'; file: string; found: string }
  | { code: 'no-columns'; file: string; sheet?: string }
  | { code: 'no-rows'; file: string; sheet?: string }
  | { code: 'engine'; file: string; detail: string }
  /**
   * A shape limit (limits.ts) crossed: `found` is the count reached when the import stopped (at
   * least that many; an estimate when `estimated`), `line` the line or row where it was crossed.
   */
  | { code: 'limit'; file: string; limit: ShapeLimit; max: number; found: number; line?: number; sheet?: string; estimated?: boolean }
  /** The import worker stopped without an answer (the browser ran out of memory for it, most likely). */
  | { code: 'worker-failed'; file: string; detail: string };

/** An import failure carrying its problem; `message` is an English sentence for logs. */
export class ImportError extends Error {
  readonly problem: ImportProblem;
  constructor(problem: ImportProblem) {
    super(`${problem.file}: ${problem.code}`);
    this.name = 'ImportError';
    this.problem = problem;
  }
}

export const fail = (problem: ImportProblem): never => {
  throw new ImportError(problem);
};
