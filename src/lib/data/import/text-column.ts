/**
 * One column of a delimited file's cells, kept as a few long strings instead of one string per
 * cell. A 100 MB registry holds 6.3 million cells: kept one by one, every cell is an object the
 * worker's collector copies and promotes as the parse goes on, which took a Chrome worker 5.4 s
 * against 0.8 s for the same parse keeping nothing. Here each chunk of cells is joined into one
 * string with the end of each cell noted, so the cells the parser makes die young; a cell is cut
 * out again when it is read, and the Arrow writer encodes whole chunks (arrow.ts).
 */
import type { Cell } from './grid';

/** Cells per chunk: a power of two, so a cell's chunk and place are a shift and a mask. */
const SHIFT = 11;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** What inference, conversion and previews read a column through: an array of cells satisfies it too. */
export interface CellColumn {
  readonly length: number;
  at(index: number): Cell | undefined;
}

export class TextColumn implements CellColumn {
  #chunks: string[] = [];
  /** Per chunk, the end offset of each cell in the chunk's string. */
  #ends: Int32Array[] = [];
  #pending: string[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Appends a cell; a missing one (a short row's padding) is stored as an empty string, read as blank like null. */
  push(cell: string | null): void {
    this.#pending.push(cell ?? '');
    this.#length++;
    if (this.#pending.length === CHUNK) this.#flush();
  }

  /** Appends `n` empty cells (a column that appears in a later, wider row). */
  fill(n: number): void {
    for (let i = 0; i < n; i++) this.push(null);
  }

  #flush(): void {
    const p = this.#pending;
    if (p.length === 0) return;
    const ends = new Int32Array(p.length);
    let end = 0;
    for (let i = 0; i < p.length; i++) ends[i] = end += p[i].length;
    this.#chunks.push(p.join(''));
    this.#ends.push(ends);
    this.#pending = [];
  }

  /** Ends the column: the last partial chunk is joined too. */
  finish(): this {
    this.#flush();
    return this;
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    const k = index >> SHIFT;
    const j = index & MASK;
    if (k === this.#chunks.length) return this.#pending[j];
    const ends = this.#ends[k];
    return this.#chunks[k].slice(j === 0 ? 0 : ends[j - 1], ends[j]);
  }

  /**
   * Cells `from` to `to - 1` as a finished column (call finish() first). Bounds on chunk edges (the
   * Arrow writer's batches are a multiple of the chunk size) share this column's chunk strings
   * instead of cutting out and joining every cell again; other bounds copy cell by cell.
   */
  slice(from: number, to: number): TextColumn {
    this.#flush();
    const end = Math.min(to, this.#length);
    const out = new TextColumn();
    if (from >= end) return out;
    if ((from & MASK) === 0 && ((end & MASK) === 0 || end === this.#length)) {
      for (let k = from >> SHIFT; k < Math.ceil(end / CHUNK); k++) {
        out.#chunks.push(this.#chunks[k]);
        out.#ends.push(this.#ends[k]);
      }
      out.#length = end - from;
      return out;
    }
    for (let i = from; i < end; i++) out.push(this.at(i) ?? null);
    return out.finish();
  }

  /** The chunks, for writers that take a whole chunk at once (call finish() first). */
  chunks(): { text: string; ends: Int32Array }[] {
    this.#flush();
    return this.#chunks.map((text, k) => ({ text, ends: this.#ends[k] }));
  }
}
