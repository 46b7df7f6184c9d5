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
import { copyToParquetSql, quoteIdent, quoteLiteral, TABLE_NAMES_SQL } from '../../sql';
import { sourceLinesOf } from '../checks/lines';
import { adoptTable, applyFirmMapping, loadedTables, onLoadedTables, removeTable, type LoadedTable } from '../import/load';
import type { FirmMapping } from '../import/mapping';
import { readKvMetadata, withKvMetadata } from '../parquet-meta';
import { parseOrigins, PARQUET_KEY, type Origin } from '../provenance';
import { originsOf } from '../registry';
import { firmSource, onFirmSource } from '../source';
import {
  emptyIndex,
  orphanBlobs,
  readIndexText,
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
  /** The stored index could not be read: the saved tables it named are lost. */
  | { code: 'index'; detail: string }
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
/** Index writes in this tab happen one after another. */
let writes: Promise<unknown> = Promise.resolve();

/** Name of the Web Lock that tabs of this site hold while they change the store. */
const LOCK = 'jianghai-saved';

/**
 * Runs `fn` holding the site-wide lock where the browser has the Web Locks API, so that another tab
 * does not change the index (or delete blobs as orphans) between our read and our write.
 */
function locked<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks?.request ? locks.request(LOCK, fn) : fn();
}

/**
 * The index as the store has it now: another tab of this site may have saved or forgotten tables
 * since this one last looked. A damaged file keeps this tab's own copy rather than losing it too.
 */
async function freshIndex(): Promise<SavedIndex> {
  const { index, damaged } = readIndexText(await store!.readIndex());
  return damaged === null ? index : state.index;
}

/**
 * Changes the index one change after another in this tab and, under the lock, one tab after
 * another: each change starts from the index the store holds at that moment (so a table another tab
 * just saved is kept, not overwritten by this tab's older copy).
 */
function serial<T>(fn: (index: SavedIndex) => Promise<T>): Promise<T> {
  const run = writes.then(() =>
    locked(async () => {
      const current = await freshIndex();
      // Another tab's saves and forgets show in this one's list too, even when this change does nothing.
      if (JSON.stringify(current) !== JSON.stringify(state.index)) set({ index: current });
      return fn(current);
    }),
  );
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

const message = (err: unknown): string => (err as Error)?.message ?? String(err);
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
      await conn.query(copyToParquetSql(name, file));
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
    await serial(async (current) => {
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
        const { index, replaced } = withTable(current, entry);
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
    else problem({ code: 'write', table: t.name, detail: message(err) });
  } finally {
    set({ saving: state.saving.filter((n) => n !== t.name) });
    await estimate();
  }
}

/** Deletes a table's saved copy (the table stays in this page). */
export function forgetSaved(name: string): Promise<void> {
  if (!store) return Promise.resolve();
  return serial(async (current) => {
    if (!current.tables.some((t) => t.name === name)) return;
    const { index, removed } = withoutTable(current, name);
    await commit(index);
    if (removed) await store!.remove(removed);
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
  if (store)
    await serial(async () => {
      await commit(emptyIndex());
      for (const key of await store!.keys()) await store!.remove(key);
      set({ problems: [] });
    });
  for (const n of names) if (loadedTables().some((t) => t.name === n)) await removeTable(engine, n);
  await estimate();
}

/** Records the mapping the explorer now runs on, so the next visit opens on it too. */
export function rememberMapping(table: string, label: string, mapping: FirmMapping, outputFactor: number): Promise<void> {
  if (!store) return Promise.resolve();
  return serial(async (current) => {
    const m: SavedMapping = { table, label, mapping: { ...mapping }, outputFactor, active: true };
    if (!current.tables.some((t) => t.name === table)) pendingMapping = m;
    await commit(withMapping(current, m));
  });
}

const TYPE = /^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?(\[\])?$/i;

/** Reads one saved table back into the engine under its name, with its saved column types. */
async function restoreTable(engine: Engine, t: SavedTable): Promise<void> {
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
    // Checked here, under the engine's lock: a table imported while the restore runs may have taken
    // the name since the restore began, and it is the user's, not ours to replace.
    const names = toRows(await conn.query(TABLE_NAMES_SQL)).map((r) => String(r.table_name).toLowerCase());
    if (names.includes(t.name.toLowerCase())) throw new Error(`a table named “${t.name}” already exists`);
    await conn.registerBuffer(file, bytes);
    try {
      // One statement: it creates the whole table or nothing, so a failure leaves nothing to drop.
      await conn.query(`CREATE TABLE ${quoteIdent(t.name)} AS SELECT ${select.join(', ') || '*'} FROM read_parquet(${quoteLiteral(file)})`);
    } finally {
      await conn.dropFile(file).catch(() => undefined);
    }
  });
  await adoptTable(engine, { name: t.name, file: t.file, kind: t.kind as LoadedTable['kind'], sheet: t.sheet }, origins, t.lines);
}

/**
 * Opens the device store, reads every saved table back into the engine, re-applies the mapping if
 * the explorer was on it, then saves each table imported later (or during the restore) and forgets
 * each one removed. Call after the bundled data is registered (main.ts when tables are saved, the
 * workbench when it opens); later calls return the same promise, unless it failed: then they retry.
 */
export function startDevice(engine: Engine, open: () => Promise<DeviceStore | null> = openStore): Promise<void> {
  started ??= start(engine, open).catch((err: unknown) => {
    started = null;
    throw err;
  });
  return started;
}

async function start(engine: Engine, open: () => Promise<DeviceStore | null>): Promise<void> {
  // Tables in the page before the restore are not this device's to save; any imported while it runs are.
  const before = loadedTables().map((t) => t.name);
  store = await open();
  if (!store) {
    set({ problems: [{ code: 'unavailable' }] });
    return;
  }
  const index = await locked(async () => {
    const { index, damaged } = readIndexText(await store!.readIndex());
    if (damaged !== null) problem({ code: 'index', detail: damaged });
    // Blobs of a damaged index are not orphans of ours to judge; a readable one's leftovers are.
    else for (const key of orphanBlobs(index, await store!.keys())) await store!.remove(key);
    return index;
  });
  noteSavedTables(index.tables.length);
  set({ store: store.kind, index, persisted: (await storage()?.persisted?.().catch(() => null)) ?? null });
  await estimate();

  set({ restoring: { done: 0, total: index.tables.length } });
  const restored: string[] = [];
  for (const t of index.tables) {
    try {
      await restoreTable(engine, t);
      restored.push(t.name);
    } catch (err) {
      problem({ code: 'restore', table: t.name, detail: message(err) });
    }
    set({ restoring: { done: restored.length, total: index.tables.length } });
  }
  const m = state.index.mapping;
  if (m?.active && restored.includes(m.table)) {
    try {
      await applyFirmMapping(engine, m.table, m.label, m.mapping, { outputFactor: m.outputFactor });
    } catch (err) {
      problem({ code: 'restore', table: m.table, detail: message(err) });
    }
  }
  set({ restoring: null, restored });
  follow(engine, new Set([...before, ...restored]));
}

/**
 * From now on: save what is imported, forget what is removed, note when the explorer leaves the
 * registry. `known` are the tables not to save: those in the page before the restore and those it
 * read back; any other table already loaded (imported while the restore ran) is saved at once.
 */
function follow(engine: Engine, known: Set<string>): void {
  const a = onLoadedTables((list) => {
    const now = new Set(list.map((t) => t.name));
    // A table new to the list is saved, replacing an older copy of the same name (one that could
    // not be read back because the name was taken first, say). Its source lines came with it.
    for (const t of list) if (!known.has(t.name)) void saveTable(engine, t);
    for (const name of known) if (!now.has(name)) forgetSaved(name).catch((err: unknown) => problem({ code: 'write', table: name, detail: message(err) }));
    known = now;
  });
  const b = onFirmSource(() => {
    if (!store) return;
    const src = firmSource();
    serial(async (current) => {
      const m = current.mapping;
      const active = src.kind === 'user' && src.table === m?.table;
      if (m && m.active !== active) await commit(withMapping(current, { ...m, active }));
    }).catch((err: unknown) => problem({ code: 'write', table: state.index.mapping?.table ?? '', detail: message(err) }));
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
