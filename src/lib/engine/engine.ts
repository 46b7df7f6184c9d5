import type { Table } from 'apache-arrow';
import type { DuckConnection, LoadProgress } from './duckdb';
import { SupersededError, toEngineError } from './errors';

export type EngineStatus =
  | { state: 'loading'; progress: LoadProgress }
  | { state: 'ready'; version: string; startedMs: number }
  | { state: 'error'; message: string };

export interface QueryOptions {
  /**
   * Queries sharing a key belong to one view: a newer one supersedes an older one still waiting,
   * and the older caller gets a SupersededError instead of a stale result.
   */
  key?: string;
  /** Results of cacheable queries are kept until the data changes (see `invalidate`). */
  cache?: boolean;
}

const CACHE_LIMIT = 256;

/**
 * DuckDB-WASM's API and Apache Arrow (about 50 KiB compressed) load in a chunk of their own, fetched
 * as soon as the engine starts but off the first paint's path: the page draws from the build's
 * answers without them.
 */
const openLazily = (onProgress: (p: LoadProgress) => void, onSpawn: () => void): Promise<DuckConnection> =>
  import('./duckdb').then((m) => m.openDuckDB(onProgress, onSpawn));

/** A read that failed on the way (a dropped connection, an aborted range request), worth trying again. */
export const isTransient = (err: unknown): boolean =>
  /NetworkError|Range request|network error|Failed to fetch|ERR_[A-Z_]+|HTTP 5\d\d|status 5\d\d|timed? ?out/i.test(
    err instanceof Error ? err.message : String(err),
  );

/** Waits between attempts of a failed read: short first, so one blip costs a user nothing they notice. */
const RETRY_DELAYS_MS = [150, 600, 2000];

/** Runs `fn`, again after each delay while it fails with a transient error; the last error is thrown. */
export async function retrying<T>(fn: () => Promise<T>, delays: readonly number[] = RETRY_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= delays.length || !isTransient(err)) throw err;
      await new Promise((ok) => setTimeout(ok, delays[attempt]));
    }
  }
}

/**
 * DuckDB-WASM behind a queue: one statement at a time on one connection, stale view queries dropped
 * before they run, results cached per data epoch. Framework-free, so views and tests can share it.
 */
export class Engine {
  #conn: Promise<DuckConnection> | null = null;
  #status: EngineStatus = { state: 'loading', progress: { loaded: 0, total: 0 } };
  #listeners = new Set<(s: EngineStatus) => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #latest = new Map<string, number>();
  #seq = 0;
  #cache = new Map<string, Table>();
  #epoch = 0;
  #recover: ((conn: DuckConnection) => Promise<void>) | null = null;
  #spawned!: () => void;
  #spawn = new Promise<void>((ok) => (this.#spawned = ok));

  constructor(private readonly open: (p: (p: LoadProgress) => void, onSpawn: () => void) => Promise<DuckConnection> = openLazily) {}

  /**
   * Resolves once the engine's worker runs and its module is arriving (or the start has failed), so
   * the page can let it start before long main-thread work (hydration): a worker created just before
   * such work only starts, and only fetches its script, once the main thread is free again.
   */
  get spawned(): Promise<void> {
    return this.#spawn;
  }

  get status(): EngineStatus {
    return this.#status;
  }

  /** Bumped whenever registered data changes, so views can re-query. */
  get epoch(): number {
    return this.#epoch;
  }

  subscribe(fn: (s: EngineStatus) => void): () => void {
    this.#listeners.add(fn);
    fn(this.#status);
    return () => this.#listeners.delete(fn);
  }

  #set(status: EngineStatus): void {
    this.#status = status;
    for (const fn of this.#listeners) fn(status);
  }

  /** Starts the worker once; later calls return the same connection. */
  start(): Promise<DuckConnection> {
    if (!this.#conn) {
      const t0 = performance.now();
      const spawned = () => this.#spawned();
      this.#conn = this.open((progress) => this.#set({ state: 'loading', progress }), spawned).then(
        async (conn) => {
          spawned();
          this.#set({ state: 'ready', version: await conn.version(), startedMs: performance.now() - t0 });
          return conn;
        },
        (err) => {
          spawned();
          const e = toEngineError(err);
          this.#set({ state: 'error', message: e.message });
          throw e;
        },
      );
    }
    return this.#conn;
  }

  /**
   * Sets what to do before a query is tried again after a failed read: DuckDB-WASM keeps a file's
   * state after a failed range request, so the files must be registered afresh (see catalog.ts).
   */
  onTransientFailure(recover: (conn: DuckConnection) => Promise<void>): void {
    this.#recover = recover;
  }

  /** Runs a statement, tried again (after recovering the files) while it fails on the way. */
  async run(conn: DuckConnection, sql: string): Promise<Table> {
    let first = true;
    return retrying(async () => {
      if (!first) await this.#recover?.(conn);
      first = false;
      return conn.query(sql);
    });
  }

  /** Runs `fn` with exclusive use of the connection, in submission order. */
  exclusive<T>(fn: (conn: DuckConnection) => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => fn(await this.start()));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Runs SQL and returns Arrow; see QueryOptions for superseding and caching. */
  async query(sql: string, { key, cache = false }: QueryOptions = {}): Promise<Table> {
    const seq = ++this.#seq;
    if (key) this.#latest.set(key, seq);
    const stale = () => key !== undefined && this.#latest.get(key) !== seq;
    const cacheKey = `${this.#epoch}\u0000${sql}`;
    const hit = cache ? this.#cache.get(cacheKey) : undefined;
    if (hit) return hit;
    const table = await this.exclusive(async (conn) => {
      if (stale()) throw new SupersededError();
      try {
        // Parquet is read with range requests: one that fails on the way is tried again.
        return await this.run(conn, sql);
      } catch (err) {
        throw toEngineError(err);
      }
    });
    if (stale()) throw new SupersededError();
    if (cache) {
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(cacheKey, table);
    }
    return table;
  }

  /** Runs SQL with `?` parameters bound by DuckDB (for values that come from users or files). */
  queryParams(sql: string, params: unknown[]): Promise<Table> {
    return this.exclusive(async (conn) => {
      try {
        return await conn.queryParams(sql, params);
      } catch (err) {
        throw toEngineError(err);
      }
    });
  }

  /** Asks DuckDB to stop the statement being streamed (SQL console); other queries are unaffected. */
  async cancel(): Promise<boolean> {
    return (await this.start()).cancel();
  }

  /** Call after registering or dropping data: clears cached results and tells views to re-query. */
  invalidate(): void {
    this.#cache.clear();
    this.#epoch++;
    for (const fn of this.#listeners) fn(this.#status);
  }
}
