/**
 * Imported tables and the firm mapping kept on this device (issue 10, part 2). A table, once in the
 * engine, is written out by DuckDB as Parquet (its origins in the file's key-value metadata, as
 * every Parquet file this app writes) into the device store (store.ts), and a small index names it
 * (saved-index.ts). The next visit reads them back into the engine after the bundled data, without
 * holding up the first paint, and points the explorer at the mapped registry again if it was on it.
 * Nothing is sent anywhere: the store is the browser's own storage for this site.
 *
 * Framework-free observable state, like the engine and the firm source.
 */
import type { Engine } from '../../engine';
import { toRows } from '../../engine';
import { quoteIdent, quoteLiteral, TABLE_NAMES_SQL } from '../../sql';
import { setSourceLines, sourceLinesOf } from '../checks/lines';
import { adoptTable, applyFirmMapping, loadedTables, onLoadedTables, removeTable, type LoadedTable } from '../import/load';
import type { FirmMapping } from '../import/mapping';
import { readKvMetadata, withKvMetadata } from '../parquet-meta';
import { parseOrigins, PARQUET_KEY, type Origin } from '../provenance';
import { originsOf } from '../registry';
import { firmSource, onFirmSource } from '../source';
import {
  emptyIndex,
  orphanBlobs,
  parseIndex,
  withMapping,
  withoutTable,
  withTable,
  type SavedIndex,
  type SavedMapping,
  type SavedTable,
} from './saved-index';
import { noteSavedTables } from './flag';
import { isQuotaError, openStore, type DeviceStore } from './store';

/** What went wrong, as data: the workbench words it in the page's language. */
export type DeviceProblem =
  | { code: 'unavailable' }
  | { code: 'quota'; table: string; needed: number; free: number | null }
  | { code: 'write'; table: string; detail: string }
  | { code: 'restore'; table: string; detail: string };

export interface DeviceState {
  /** Where tables are kept; null while opening or when the browser offers no storage. */
  store: DeviceStore['kind'] | null;
  index: SavedIndex;
  /** navigator.storage.estimate(): bytes this site uses and may use. */
  usage: number | null;
  quota: number | null;
  /** Whether the browser promised to keep the site's storage (navigator.storage.persist()). */
  persisted: boolean | null;
  /** Tables being written out now. */
  saving: string[];
  /** While saved tables are read back: how many of how many. */
  restoring: { done: number; total: number } | null;
  /** Names read back on this visit. */
  restored: string[];
  problems: DeviceProblem[];
}

let state: DeviceState = {
  store: null,
  index: emptyIndex(),
  usage: null,
  quota: null,
  persisted: null,
  saving: [],
  restoring: null,
  restored: [],
  problems: [],
};
const listeners = new Set<(s: DeviceState) => void>();
const set = (patch: Partial<DeviceState>) => {
  state = { ...state, ...patch };
  for (const fn of listeners) fn(state);
};

export const deviceState = (): DeviceState => state;

export function onDevice(fn: (s: DeviceState) => void): () => void {
  listeners.add(fn);
  fn(state);
  return () => listeners.delete(fn);
}

/** The browser's storage manager; absent in Node (tests) and some private modes. */
const storage = (): StorageManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage);

let store: DeviceStore | null = null;
/** Unsubscribers of `follow`, for resetDevice. */
let unfollow: (() => void)[] = [];
/** A mapping applied while its table was still being written: recorded once the table is saved. */
let pendingMapping: SavedMapping | null = null;
let started: Promise<void> | null = null;
/** Index writes happen one after another, each from the index the previous one left. */
let writes: Promise<unknown> = Promise.resolve();

function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = writes.then(fn);
  writes = run.catch(() => undefined);
  return run;
}

async function commit(index: SavedIndex): Promise<void> {
  await store!.writeIndex(JSON.stringify(index));
  noteSavedTables(index.tables.length);
  set({ index });
}

async function estimate(): Promise<void> {
  const e = await storage()?.estimate?.().catch(() => null);
  if (e) set({ usage: e.usage ?? null, quota: e.quota ?? null });
}

const problem = (p: DeviceProblem) => set({ problems: [...state.problems.filter((x) => !('table' in x) || !('table' in p) || x.table !== p.table), p] });
const clearProblems = (table: string) => set({ problems: state.problems.filter((p) => !('table' in p) || p.table !== table) });

let blobSeq = 0;
const newBlobKey = (name: string) =>
  `t${Date.now().toString(36)}${(++blobSeq).toString(36)}${Math.random().toString(36).slice(2, 6)}-${[...name].filter((c) => /\w/.test(c)).join('').slice(0, 24)}`;

/** The table as a Parquet file written by DuckDB, its origins in the key-value metadata. */
async function parquetOf(engine: Engine, name: string, origins: readonly Origin[]): Promise<Uint8Array> {
  const file = `__save_${++blobSeq}.parquet`;
  const bytes = await engine.exclusive(async (conn) => {
    try {
      await conn.query(`COPY ${quoteIdent(name)} TO ${quoteLiteral(file)} (FORMAT PARQUET)`);
      return await conn.copyFileToBuffer(file);
    } finally {
      await conn.dropFile(file).catch(() => undefined);
    }
  });
  return origins.length ? withKvMetadata(bytes, { [PARQUET_KEY]: JSON.stringify(origins) }) : bytes;
}

/**
 * Writes one loaded table to the device. A full disk leaves the index and any earlier copy as they
 * were (the new copy has a name of its own until the index names it) and reports a quota problem.
 */
export async function saveTable(engine: Engine, t: LoadedTable): Promise<void> {
  if (!store) return;
  set({ saving: [...state.saving, t.name] });
  clearProblems(t.name);
  const key = newBlobKey(t.name);
  try {
    const origins = originsOf([t.name]);
    const bytes = await parquetOf(engine, t.name, origins);
    await estimate();
    const free = state.quota !== null && state.usage !== null ? Math.max(0, state.quota - state.usage) : null;
    if (free !== null && bytes.length > free) {
      problem({ code: 'quota', table: t.name, needed: bytes.length, free });
      return;
    }
    await serial(async () => {
      try {
        await store!.put(key, bytes);
        const entry: SavedTable = {
          name: t.name,
          file: t.file,
          kind: t.kind,
          sheet: t.sheet,
          rows: t.rows,
          columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
          origins,
          blob: key,
          bytes: bytes.length,
          savedAt: new Date().toISOString(),
          lines: sourceLinesOf(t.name),
        };
        const { index, replaced } = withTable(state.index, entry);
        const mapped = pendingMapping?.table === t.name ? pendingMapping : null;
        await commit(mapped ? withMapping(index, mapped) : index);
        if (mapped) pendingMapping = null;
        if (replaced) await store!.remove(replaced);
      } catch (err) {
        await store!.remove(key).catch(() => undefined);
        throw err;
      }
    });
    if (state.persisted !== true) set({ persisted: (await storage()?.persist?.().catch(() => false)) ?? false });
  } catch (err) {
    if (isQuotaError(err)) problem({ code: 'quota', table: t.name, needed: 0, free: null });
    else problem({ code: 'write', table: t.name, detail: (err as Error)?.message ?? String(err) });
  } finally {
    set({ saving: state.saving.filter((n) => n !== t.name) });
    await estimate();
  }
}

/** Deletes a table's saved copy (the table stays in this page). */
export function forgetSaved(name: string): Promise<void> {
  return serial(async () => {
    if (!store || !state.index.tables.some((t) => t.name === name)) return;
    const { index, removed } = withoutTable(state.index, name);
    await commit(index);
    if (removed) await store.remove(removed);
    clearProblems(name);
    await estimate();
  });
}

/** Forgets a table on this device and takes it out of the page; a mapped registry gives the explorer back to the bundled data. */
export async function forgetTable(engine: Engine, name: string): Promise<void> {
  await forgetSaved(name);
  if (loadedTables().some((t) => t.name === name)) await removeTable(engine, name);
}

/** Forgets every saved table and the mapping. */
export async function forgetAll(engine: Engine): Promise<void> {
  const names = state.index.tables.map((t) => t.name);
  await serial(async () => {
    if (!store) return;
    await commit(emptyIndex());
    for (const key of await store.keys()) await store.remove(key);
    set({ problems: [] });
  });
  for (const n of names) if (loadedTables().some((t) => t.name === n)) await removeTable(engine, n);
  await estimate();
}

/** Records the mapping the explorer now runs on, so the next visit opens on it too. */
export function rememberMapping(table: string, label: string, mapping: FirmMapping, outputFactor: number): Promise<void> {
  return serial(async () => {
    if (!store) return;
    const m: SavedMapping = { table, label, mapping: { ...mapping }, outputFactor, active: true };
    if (!state.index.tables.some((t) => t.name === table)) pendingMapping = m;
    await commit(withMapping(state.index, m));
  });
}

const TYPE = /^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?(\[\])?$/i;

/** Reads one saved table back into the engine under its name, with its saved column types. */
async function restoreTable(engine: Engine, t: SavedTable, existing: Set<string>): Promise<void> {
  if (existing.has(t.name.toLowerCase())) throw new Error(`a table named “${t.name}” already exists`);
  const bytes = await store!.get(t.blob);
  if (!bytes) throw new Error('its saved copy is missing');
  let origins: Origin[] = t.origins;
  try {
    const json = readKvMetadata(bytes)[PARQUET_KEY];
    if (json) origins = parseOrigins(JSON.parse(json));
  } catch {
    // A copy whose metadata cannot be read keeps the origins the index recorded.
  }
  const file = `__restore_${++blobSeq}.parquet`;
  const select = t.columns.map((c) => (TYPE.test(c.type) ? `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)));
  await engine.exclusive(async (conn) => {
    await conn.registerBuffer(file, bytes);
    try {
      await conn.query(`CREATE TABLE ${quoteIdent(t.name)} AS SELECT ${select.join(', ') || '*'} FROM read_parquet(${quoteLiteral(file)})`);
    } catch (err) {
      await conn.query(`DROP TABLE IF EXISTS ${quoteIdent(t.name)}`).catch(() => undefined);
      throw err;
    } finally {
      await conn.dropFile(file).catch(() => undefined);
    }
  });
  setSourceLines(t.name, t.lines);
  await adoptTable(engine, { name: t.name, file: t.file, kind: t.kind as LoadedTable['kind'], sheet: t.sheet }, origins);
}

/**
 * Opens the device store, reads every saved table back into the engine, re-applies the mapping if
 * the explorer was on it, then saves each table imported later and forgets each one removed. Call
 * after the bundled data is registered (main.ts when tables are saved, the workbench when it opens);
 * later calls return the same promise.
 */
export function startDevice(engine: Engine, open: () => Promise<DeviceStore | null> = openStore): Promise<void> {
  started ??= (async () => {
    store = await open();
    if (!store) {
      set({ problems: [{ code: 'unavailable' }] });
      return;
    }
    const index = parseIndex(JSON.parse((await store.readIndex()) ?? 'null'));
    noteSavedTables(index.tables.length);
    set({ store: store.kind, index, persisted: (await storage()?.persisted?.().catch(() => null)) ?? null });
    for (const key of orphanBlobs(index, await store.keys())) await store.remove(key);
    await estimate();

    const existing = new Set(toRows(await engine.query(TABLE_NAMES_SQL)).map((r) => String(r.table_name).toLowerCase()));
    set({ restoring: { done: 0, total: index.tables.length } });
    const restored: string[] = [];
    for (const t of index.tables) {
      try {
        await restoreTable(engine, t, existing);
        restored.push(t.name);
      } catch (err) {
        problem({ code: 'restore', table: t.name, detail: (err as Error)?.message ?? String(err) });
      }
      set({ restoring: { done: restored.length, total: index.tables.length } });
    }
    const m = state.index.mapping;
    if (m?.active && restored.includes(m.table)) {
      try {
        await applyFirmMapping(engine, m.table, m.label, m.mapping, { outputFactor: m.outputFactor });
      } catch (err) {
        problem({ code: 'restore', table: m.table, detail: (err as Error)?.message ?? String(err) });
      }
    }
    set({ restoring: null, restored });
    follow(engine);
  })();
  return started;
}

/** From now on: save what is imported, forget what is removed, note when the explorer leaves the registry. */
function follow(engine: Engine): void {
  let known = new Set(loadedTables().map((t) => t.name));
  const a = onLoadedTables((list) => {
    const now = new Set(list.map((t) => t.name));
    for (const t of list) {
      // A table new to the list is saved, replacing an older copy of the same name (one that could
      // not be read back because the name was taken first, say).
      if (!known.has(t.name)) {
        // After the importer's own follow-up (its source lines) in the same task.
        setTimeout(() => void saveTable(engine, t), 0);
      }
    }
    for (const name of known) if (!now.has(name)) void forgetSaved(name);
    known = now;
  });
  const b = onFirmSource(() => {
    const m = state.index.mapping;
    const src = firmSource();
    const active = src.kind === 'user' && src.table === m?.table;
    if (m && m.active !== active) void serial(() => commit(withMapping(state.index, { ...m, active })));
  });
  unfollow = [a, b];
}

/** For tests: forget the store and the state. */
export function resetDevice(): void {
  for (const fn of unfollow) fn();
  unfollow = [];
  store = null;
  started = null;
  pendingMapping = null;
  writes = Promise.resolve();
  state = { store: null, index: emptyIndex(), usage: null, quota: null, persisted: null, saving: [], restoring: null, restored: [], problems: [] };
}
