import type { Table } from 'apache-arrow';
import { Engine } from '../../src/lib/engine/engine';
import type { DuckConnection } from '../../src/lib/engine/duckdb';
import { openWasmDb } from './wasm-db';

/**
 * The app's Engine (queue, superseding, cache) over the blocking DuckDB-WASM build in Node, so the
 * crossfilter and other engine users are tested against the real engine without a browser.
 */
export async function nodeEngine(): Promise<Engine> {
  const db = await openWasmDb();
  const conn = db.conn as unknown as { query(sql: string): Table };
  const adapter: DuckConnection = {
    query: async (sql) => conn.query(sql),
    queryParams: async () => {
      throw new Error('not used in Node tests');
    },
    // The blocking build answers at once: the whole result stands in for a stream of one batch.
    stream: async (sql) => [conn.query(sql)] as unknown as AsyncIterable<Table>,
    cancel: async () => false,
    registerURL: async () => undefined,
    registerBuffer: async () => undefined,
    dropFile: async () => undefined,
    copyFileToBuffer: async () => new Uint8Array(),
    version: async () => 'node-blocking',
  };
  const engine = new Engine(async () => adapter);
  await engine.start();
  return engine;
}
