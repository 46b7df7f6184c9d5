/**
 * The one module that imports `@duckdb/duckdb-wasm`, so that an engine upgrade is one change here
 * plus a test run. Pinned to 1.28.0 (DuckDB 0.9.1) because it reads Parquet without downloading an
 * extension; see ARCHITECTURE.md section 5.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { engineSettingsSql } from '../sql/settings';
import { memoryLimitMB } from './memory';

/** Bytes of the WebAssembly module fetched so far; `total` is 0 until the size is known. */
export interface LoadProgress {
  loaded: number;
  total: number;
}

/** A connection to DuckDB running in a Web Worker. */
export interface DuckConnection {
  /** Runs one statement and returns its result as an Arrow table. */
  query(sql: string): Promise<Table>;
  /** Runs a statement with `?` parameters bound to `params` (values never spliced into SQL). */
  queryParams(sql: string, params: unknown[]): Promise<Table>;
  /** Streams a statement; `cancel()` stops it between batches. */
  stream(sql: string): Promise<AsyncIterable<Table>>;
  /** Asks DuckDB to stop the statement started by `stream`. */
  cancel(): Promise<boolean>;
  /** Makes `url` readable as file `name` with HTTP range requests. */
  registerURL(name: string, url: string): Promise<void>;
  /** Makes `bytes` readable as file `name` (user imports stay in this tab's memory). */
  registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Reads a file DuckDB wrote (for example with COPY ... TO) back into JS. */
  copyFileToBuffer(name: string): Promise<Uint8Array>;
  /**
   * Creates table `table` from an Arrow IPC stream (an imported file, typed in JS), or with
   * `append` adds the stream's rows to it (same schema). Optional so that test adapters written
   * before it need not change.
   */
  insertArrowIPC?(table: string, ipc: Uint8Array, options?: { append?: boolean }): Promise<void>;
  version(): Promise<string>;
}

const STALL_MS = 30_000;

/**
 * Starts DuckDB-WASM in a worker, reporting how much of the wasm module has arrived; `onSpawn` is
 * called once the worker runs and the module's bytes are arriving (its first progress report).
 */
export async function openDuckDB(onProgress?: (p: LoadProgress) => void, onSpawn?: () => void): Promise<DuckConnection> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  // duckdb-wasm 1.28 drops its pending requests on a worker error without rejecting them, so a
  // missing or blocked wasm would leave `instantiate` waiting forever: fail on the worker's error
  // event, or when no byte of the module has arrived for STALL_MS.
  let stall: ReturnType<typeof setTimeout> | undefined;
  let armStall: () => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    const fail = (why: string) =>
      reject(new Error(`The query engine could not be loaded (${why}). Check the connection and reload the page.`));
    worker.addEventListener('error', (e) => fail(e.message || 'worker error'));
    const arm = () => {
      clearTimeout(stall);
      stall = setTimeout(() => fail(`no data for ${STALL_MS / 1000} s from ${bundle.mainModule}`), STALL_MS);
    };
    armStall = arm;
    arm();
    // A 404 or a blocked file is known at once from a HEAD request; no need to wait for the stall.
    fetch(bundle.mainModule, { method: 'HEAD' }).then(
      (r) => r.ok || fail(`HTTP ${r.status} for ${bundle.mainModule}`),
      (e: Error) => fail(e.message),
    );
  });
  failed.catch(() => undefined);
  const instantiated = db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
    armStall();
    onSpawn?.();
    onProgress?.({ loaded: p.bytesLoaded, total: p.bytesTotal });
  });
  try {
    await Promise.race([instantiated, failed]);
  } catch (err) {
    worker.terminate();
    throw err;
  } finally {
    clearTimeout(stall);
  }
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  for (const sql of engineSettingsSql(memoryLimitMB((navigator as { deviceMemory?: number }).deviceMemory))) await conn.query(sql);

  return {
    query: (sql) => conn.query(sql),
    async queryParams(sql, params) {
      const stmt = await conn.prepare(sql);
      try {
        return await stmt.query(...params);
      } finally {
        await stmt.close();
      }
    },
    async stream(sql) {
      const reader = await conn.send(sql);
      return {
        async *[Symbol.asyncIterator]() {
          for await (const batch of reader) yield new Table(batch);
        },
      };
    },
    cancel: () => conn.cancelSent(),
    registerURL: (name, url) => db.registerFileURL(name, url, duckdb.DuckDBDataProtocol.HTTP, false),
    registerBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
    dropFile: async (name) => void (await db.dropFile(name)),
    copyFileToBuffer: (name) => db.copyFileToBuffer(name),
    insertArrowIPC: (table, ipc, options) => conn.insertArrowFromIPCStream(ipc, { name: table, create: !options?.append }),
    version: () => db.getVersion(),
  };
}
