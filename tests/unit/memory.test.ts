// The engine's memory limit (src/lib/engine/memory.ts), and DuckDB-WASM 1.28 refusing a statement
// that would pass it with the message the console recognises.
import { describe, expect, it } from 'vitest';
import { isOutOfMemory, memoryLimitMB } from '../../src/lib/engine/memory';
import { openWasmDb } from '../helpers/wasm-db';

describe('memoryLimitMB', () => {
  it.each([
    [undefined, 2000],
    [8, 2000],
    [4, 1000],
    [2, 500],
    [0.5, 500],
    [0, 2000],
  ])('a device with %s GB gets %s MB', (gb, mb) => expect(memoryLimitMB(gb)).toBe(mb));
});

it('DuckDB-WASM takes the limit and refuses a statement past it, then keeps working', async () => {
  const db = await openWasmDb();
  try {
    db.query("SET memory_limit = '64MB'");
    expect(db.query<{ m: string }>("SELECT current_setting('memory_limit') AS m")[0].m).toBe('64.0MB');
    let message = '';
    try {
      db.query('CREATE TABLE big AS SELECT range AS i, range::VARCHAR AS s FROM range(20000000)');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(isOutOfMemory(message)).toBe(true);
    expect(db.query<{ ok: number }>('SELECT 42 AS ok')[0].ok).toBe(42);
  } finally {
    db.query(`SET memory_limit = '${memoryLimitMB(undefined)}MB'`);
  }
}, 60_000);
