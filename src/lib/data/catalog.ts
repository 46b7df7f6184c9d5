import type { DuckConnection, Engine } from '../engine';
import { isTransient, retrying, toRows } from '../engine';
import { distinctProbeSql, distinctValuesSql, loadSlices, loadSliceSql, parquetViewSql, tableViewSql, type MemoryColumn } from '../sql';
import { offerAnswers } from './answers';
import { fetchPrefetched } from './prefetch';
import { fetchManifest, tableOrigins, type Manifest, type TableInfo } from './manifest';
import { asForeign, parseOrigins, PARQUET_KEY, type Origin } from './provenance';
import { clearProblem, setFile, setOrigins, setProblem, setView } from './registry';

/** URL of the bundled manifest, resolved against the page so the site works from any sub-path. */
export const bundledManifestUrl = (): string => new URL('data/manifest.json', document.baseURI).href;

/**
 * Above this many rows a table is loaded into memory once, with categories as ENUMs (one byte a
 * value): measured at 10 M rows, a group-by over Parquet read by range requests takes 0.6–1.3 s,
 * over the in-memory table 60–80 ms, after a 2.5–3.5 s load.
 */
const IN_MEMORY_ROWS = 250_000;
const MAX_ENUM = 255;

/**
 * Loads a dataset folder described by a manifest: each table becomes a DuckDB view over its Parquet
 * file, read with HTTP range requests (nothing is downloaded whole up front); large tables are then
 * materialised column by column in memory, without their free-text columns.
 */
let active: Manifest | null = null;
let activeUrl: string | null = null;

/** Data version (manifest checksum) of the dataset on screen, for frozen embeds; null before it loads. */
export const activeDataVersion = (): string | null => active?.dataVersion ?? null;

/**
 * The origins of each table of a manifest as seen from this page: what another site says of its
 * rows is that site's claim, so every view built on them names the site. A table the manifest says
 * nothing about may say it in its Parquet file's key-value metadata (files this app writes do):
 * its footer is read before the page falls back to "no source given".
 */
async function originsByTable(manifest: Manifest, manifestUrl: string, pageOrigin: string, fetchFn?: typeof fetch): Promise<Map<string, Origin[]>> {
  const manifestHost = new URL(manifestUrl).origin === pageOrigin ? null : new URL(manifestUrl).host;
  return new Map(
    await Promise.all(
      manifest.tables.map(async (t): Promise<[string, Origin[]]> => {
        const url = new URL(t.file, manifestUrl);
        const host = manifestHost ?? (url.origin === pageOrigin ? null : url.host);
        let stated = tableOrigins(manifest, t);
        if (stated.length === 0) stated = await fileOrigins(url.href, t.bytes, fetchFn);
        return [t.name, host ? asForeign(stated, host) : stated];
      }),
    ),
  );
}

/** Origins a Parquet file on a server states in its key-value metadata; none when it states none or cannot be read. */
async function fileOrigins(url: string, bytes: unknown, fetchFn?: typeof fetch): Promise<Origin[]> {
  try {
    // The manifest's byte count saves a HEAD request; a wrong one only makes the footer unreadable.
    const byteLength = typeof bytes === 'number' && Number.isInteger(bytes) && bytes > 12 ? bytes : undefined;
    // Loaded only here: the footer parser (hyparquet) would cost the first paint about 5 KiB (brotli).
    const { readKvMetadataFromUrl } = await import('./parquet-meta');
    const json = (await readKvMetadataFromUrl(url, { byteLength, fetch: fetchFn }))[PARQUET_KEY];
    return json ? parseOrigins(JSON.parse(json)) : [];
  } catch {
    // The file may not be Parquet at all, or unreachable: its registration will say so.
    return [];
  }
}

/** Enters a dataset's origins in the catalog without the engine (embeds that draw from small.json). */
export async function describeDataset(manifestUrl: string, pageOrigin = location.origin, fetchFn: typeof fetch = fetch): Promise<Manifest> {
  const manifest = await fetchManifest(manifestUrl, fetchFn);
  active = manifest;
  for (const [name, origins] of await originsByTable(manifest, manifestUrl, pageOrigin, fetchFn)) setOrigins(name, origins);
  return manifest;
}

/**
 * Registers every table of a dataset, each on its own: a missing or broken file is recorded as that
 * table's problem (with its URL and HTTP status) and disables only the views that read it. Only a
 * manifest that cannot be read fails the whole dataset.
 */
export async function registerDataset(engine: Engine, manifestUrl: string, pageOrigin = location.origin): Promise<Manifest> {
  activeUrl = manifestUrl;
  let manifest: Manifest;
  try {
    manifest = await fetchManifest(manifestUrl, fetchPrefetched);
    clearProblem('');
  } catch (err) {
    setProblem('', { kind: 'manifest', url: manifestUrl, detail: (err as Error).message });
    throw err;
  }
  active = manifest;
  const origins = await originsByTable(manifest, manifestUrl, pageOrigin);
  // A dataset folder on this site may carry its unfiltered answers: the views draw from them while
  // the engine starts and large tables load (another site's numbers wait for the engine).
  const sameSite = new URL(manifestUrl).origin === pageOrigin;
  if (manifest.firstPaint && sameSite) {
    for (const [name, o] of origins) setOrigins(name, o);
    offerAnswers(manifest.firstPaint.answers, engine);
  }
  await engine.exclusive(async (conn) => {
    for (const t of manifest.tables) await registerTable(conn, t, manifestUrl, origins.get(t.name) ?? []);
  });
  engine.invalidate();
  return manifest;
}

/**
 * Registers these tables of the dataset on screen again (a Retry after a failed file, or after the
 * SQL console dropped a view); the whole dataset when its manifest failed.
 */
export async function retryTables(engine: Engine, tables: readonly string[]): Promise<void> {
  if (!activeUrl) return;
  if (!active) {
    await registerDataset(engine, activeUrl);
    return;
  }
  const manifest = active;
  const url = activeUrl;
  const origins = await originsByTable(manifest, url, location.origin);
  await engine.exclusive(async (conn) => {
    for (const t of manifest.tables) if (tables.includes(t.name)) await registerTable(conn, t, url, origins.get(t.name) ?? []);
  });
  engine.invalidate();
}

/** Registrations of each table that failed: a new attempt uses a new file name (see registerTable). */
const failures = new Map<string, number>();

async function registerTable(conn: DuckConnection, t: TableInfo, manifestUrl: string, origins: Origin[]): Promise<void> {
  const url = new URL(t.file, manifestUrl);
  // DuckDB-WASM 1.28 never answers a second registration of a file it failed to open, so a retry
  // after a failure registers the file under a name of its own.
  const failed = failures.get(t.name) ?? 0;
  const fileName = failed ? `${t.name}.${failed}.parquet` : `${t.name}.parquet`;
  setOrigins(t.name, origins);
  setFile(fileName, t.name);
  setFile(url.href, t.name);
  try {
    await registerFile(conn, fileName, url.href);
    await retrying(async () => {
      try {
        return await conn.query(parquetViewSql(t.name, fileName));
      } catch (err) {
        // A read that failed on the way leaves the file's state behind: start it afresh before a retry.
        if (isTransient(err)) await registerFile(conn, fileName, url.href);
        throw err;
      }
    });
    if (t.rows > IN_MEMORY_ROWS) {
      const mem = await materialise(conn, t, fileName);
      setOrigins(mem, origins);
      setView(t.name, [mem]);
    }
    clearProblem(t.name);
  } catch (err) {
    failures.set(t.name, failed + 1);
    setProblem(t.name, { kind: 'file', table: t.name, url: url.href, status: await httpStatus(url.href), detail: (err as Error).message.split('\n')[0] });
  }
}

/** Files registered by URL, so they can be registered afresh after a failed read. */
const urlFiles = new Map<string, string>();

/** (Re)registers `name` as the file at `url`, replacing any state left by an earlier failed read. */
async function registerFile(conn: DuckConnection, name: string, url: string): Promise<void> {
  await conn.registerURL(name, url);
  urlFiles.set(name, url);
}

/** Before a query is tried again after a failed read, every file registered by URL starts afresh. */
export function recoverFiles(engine: Engine): void {
  engine.onTransientFailure(async (conn) => {
    for (const [name, url] of urlFiles) await registerFile(conn, name, url);
  });
}

/** The HTTP status a file answers with, to say why DuckDB could not open it; null when unreachable. */
async function httpStatus(url: string): Promise<number | null> {
  try {
    return (await fetch(url, { method: 'HEAD', cache: 'no-store' })).status;
  } catch {
    return null;
  }
}

/** Loads a large table into memory and points its view at it; returns the in-memory table's name. */
async function materialise(conn: DuckConnection, t: TableInfo, fileName: string): Promise<string> {
  const text = t.columns.filter((c) => c.type === 'VARCHAR' && c.name !== 'id');
  // Category values come from the manifest when it lists them; otherwise one scan finds them, after
  // a probe of the first rows has set free text (names, ids) aside: it would cost tens of bytes a row.
  const values = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const c of text) {
    if (c.values) values.set(c.name, c.values);
    else unknown.push(c.name);
  }
  if (unknown.length) {
    const probe = toRows(await conn.query(distinctProbeSql(fileName, unknown)))[0];
    const categorical = unknown.filter((_, i) => Number(probe[`c${i}`]) <= MAX_ENUM);
    if (categorical.length) {
      const lists = toRows(await conn.query(distinctValuesSql(fileName, categorical)))[0];
      categorical.forEach((n, i) => {
        const l = (lists[`l${i}`] as unknown[] | null) ?? [];
        if (l.length <= MAX_ENUM) values.set(n, l.map(String));
      });
    }
  }
  // Free text that is not a category stays out of memory.
  const columns: MemoryColumn[] = t.columns
    .filter((c) => c.type !== 'VARCHAR' || values.has(c.name))
    .map((c) => (values.has(c.name) ? { name: c.name, values: values.get(c.name) } : { name: c.name }));
  const mem = `${t.name}__memory`;
  // In the slices the manifest gives (ranges of a column the file is sorted by, so each slice reads
  // its own row groups), with progress after each; in one statement otherwise.
  const slices = loadSlices(t);
  reportLoad({ table: t.name, done: 0, total: slices.length });
  for (let i = 0; i < slices.length; i++) {
    await conn.query(loadSliceSql(mem, fileName, columns, slices[i], i === 0));
    reportLoad({ table: t.name, done: i + 1, total: slices.length });
  }
  await conn.query(tableViewSql(t.name, mem));
  reportLoad(null);
  return mem;
}

/** How far the loading of a large table into memory has come (null: nothing loading). */
export type LoadState = { table: string; done: number; total: number } | null;
let load: LoadState = null;
const loadListeners = new Set<(s: LoadState) => void>();

function reportLoad(s: LoadState): void {
  load = s;
  for (const fn of loadListeners) fn(s);
}

export function onLoad(fn: (s: LoadState) => void): () => void {
  loadListeners.add(fn);
  fn(load);
  return () => loadListeners.delete(fn);
}
