import type { DuckConnection, Engine } from '../engine';
import { toRows } from '../engine';
import { quoteIdent, quoteLiteral } from '../sql';
import { fetchManifest, tableOrigins, type Manifest, type TableInfo } from './manifest';
import { asForeign, type Origin } from './provenance';
import { setFile, setOrigins, setView } from './registry';

/** URL of the bundled manifest, resolved against the page so the site works from any sub-path. */
export const bundledManifestUrl = (): string => new URL('data/manifest.json', document.baseURI).href;

/**
 * Above this many rows a table is loaded into memory once, with categories as ENUMs (one byte a
 * value): measured at 10 M rows, a group-by over Parquet read by range requests takes 0.6–1.3 s,
 * over the in-memory table 60–80 ms, after a 2.5–3.5 s load.
 */
export const IN_MEMORY_ROWS = 250_000;
const MAX_ENUM = 255;

/**
 * Loads a dataset folder described by a manifest: each table becomes a DuckDB view over its Parquet
 * file, read with HTTP range requests (nothing is downloaded whole up front); large tables are then
 * materialised column by column in memory, without their free-text columns.
 */
let active: Manifest | null = null;

/** Data version (manifest checksum) of the dataset on screen, for frozen embeds; null before it loads. */
export const activeDataVersion = (): string | null => active?.dataVersion ?? null;

/**
 * The origins of each table of a manifest as seen from this page: what another site says of its
 * rows is that site's claim, so every view built on them names the site.
 */
function originsByTable(manifest: Manifest, manifestUrl: string, pageOrigin: string): Map<string, Origin[]> {
  const manifestHost = new URL(manifestUrl).origin === pageOrigin ? null : new URL(manifestUrl).host;
  return new Map(
    manifest.tables.map((t) => {
      const url = new URL(t.file, manifestUrl);
      const host = manifestHost ?? (url.origin === pageOrigin ? null : url.host);
      return [t.name, host ? asForeign(tableOrigins(manifest, t), host) : tableOrigins(manifest, t)];
    }),
  );
}

/** Enters a dataset's origins in the catalog without the engine (embeds that draw from small.json). */
export async function describeDataset(manifestUrl: string, pageOrigin = location.origin): Promise<Manifest> {
  const manifest = await fetchManifest(manifestUrl);
  active = manifest;
  for (const [name, origins] of originsByTable(manifest, manifestUrl, pageOrigin)) setOrigins(name, origins);
  return manifest;
}

export async function registerDataset(engine: Engine, manifestUrl: string, pageOrigin = location.origin): Promise<Manifest> {
  const manifest = await fetchManifest(manifestUrl);
  active = manifest;
  const originsOf = originsByTable(manifest, manifestUrl, pageOrigin);
  await engine.exclusive(async (conn) => {
    for (const t of manifest.tables) {
      const url = new URL(t.file, manifestUrl);
      const fileName = `${t.name}.parquet`;
      const origins = originsOf.get(t.name) ?? [];
      await conn.registerURL(fileName, url.href);
      await conn.query(`CREATE OR REPLACE VIEW ${quoteIdent(t.name)} AS SELECT * FROM read_parquet(${quoteLiteral(fileName)})`);
      setOrigins(t.name, origins);
      setFile(fileName, t.name);
      setFile(url.href, t.name);
      if (t.rows > IN_MEMORY_ROWS) {
        const mem = await materialise(conn, t, fileName);
        setOrigins(mem, origins);
        setView(t.name, [mem]);
      }
    }
  });
  engine.invalidate();
  return manifest;
}

/** Loads a large table into memory and points its view at it; returns the in-memory table's name. */
async function materialise(conn: DuckConnection, t: TableInfo, fileName: string): Promise<string> {
  const src = `read_parquet(${quoteLiteral(fileName)}, file_row_number = true)`;
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
    const probe = toRows(await conn.query(`SELECT ${unknown.map((n, i) => `count(DISTINCT ${quoteIdent(n)}) AS c${i}`).join(', ')} FROM (SELECT * FROM ${src} LIMIT 10000)`))[0];
    const categorical = unknown.filter((_, i) => Number(probe[`c${i}`]) <= MAX_ENUM);
    if (categorical.length) {
      const lists = toRows(await conn.query(`SELECT ${categorical.map((n, i) => `list_sort(list_distinct(list(${quoteIdent(n)}))) AS l${i}`).join(', ')} FROM ${src}`))[0];
      categorical.forEach((n, i) => {
        const l = (lists[`l${i}`] as unknown[] | null) ?? [];
        if (l.length <= MAX_ENUM) values.set(n, l.map(String));
      });
    }
  }
  // The row number stands in for a dropped text id: views sort and page by it.
  const select: string[] = [`CAST(file_row_number + 1 AS INTEGER) AS ${quoteIdent('id')}`];
  for (const c of t.columns) {
    const col = quoteIdent(c.name);
    if (c.name === 'id') continue;
    if (c.type !== 'VARCHAR') select.push(col);
    else if (values.has(c.name)) select.push(`CAST(${col} AS ENUM(${values.get(c.name)!.map(quoteLiteral).join(', ')})) AS ${col}`);
  }
  const mem = `${t.name}__memory`;
  await conn.query(`CREATE OR REPLACE TABLE ${quoteIdent(mem)} AS SELECT ${select.join(', ')} FROM ${src}`);
  await conn.query(`CREATE OR REPLACE VIEW ${quoteIdent(t.name)} AS SELECT * FROM ${quoteIdent(mem)}`);
  return mem;
}
