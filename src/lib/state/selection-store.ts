import type { Selections } from '../sql';

/**
 * The selections the views answer, and the number of the state they are in: every input gets a new
 * number, so the latency probe and the views can tell which state a drawing answers.
 */
export class SelectionStore {
  #sels: Selections = {};
  #seq = 0;

  get current(): Selections {
    return this.#sels;
  }

  get seq(): number {
    return this.#seq;
  }

  /** A new state number, for an input that will be applied later (coalesced to a frame). */
  next(): number {
    return ++this.#seq;
  }

  /** Makes `sels` current as state `seq` (a new number when omitted); returns the previous selections. */
  set(sels: Selections, seq = this.next()): { prev: Selections; seq: number } {
    this.#seq = Math.max(this.#seq, seq);
    const prev = this.#sels;
    this.#sels = sels;
    return { prev, seq };
  }
}
