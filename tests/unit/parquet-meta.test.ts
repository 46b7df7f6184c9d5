/**
 * Parquet key-value metadata: written by patching files the app's engine (DuckDB-WASM 1.28.0 =
 * DuckDB 0.9.1) writes, read with hyparquet, and checked against both engines for real: native
 * DuckDB (@duckdb/node-api) must see the pairs, and both engines must still read the same rows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DuckDBInstance, type DuckDBConnection as NativeConnection } from '@duckdb/node-api';
import { ParquetMetadataError, readKvMetadata, withKvMetadata } from '../../src/lib/data/parquet-meta';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';

// Every type the SQL console can export, with NULLs in each nullable column and Chinese text.
const SOURCE_SQL = `
  SELECT n,
         CASE WHEN n % 7 = 3 THEN NULL ELSE n * 3 - 20 END::INTEGER AS i,
         (n * 10000000000 - 7)::BIGINT AS big,
         CASE WHEN n % 6 = 1 THEN NULL ELSE n / 3.0 END::DOUBLE AS d,
         CASE WHEN n % 4 = 0 THEN NULL ELSE '江海区电子信息 第' || n || '家' END AS s,
         CASE WHEN n % 9 = 2 THEN NULL ELSE n % 2 = 0 END AS b,
         CASE WHEN n % 8 = 5 THEN NULL ELSE DATE '2024-01-01' + n::INTEGER END AS day,
         CASE WHEN n % 5 = 0 THEN NULL WHEN n % 5 = 1 THEN [] ELSE [n, NULL, n + 1] END AS l
  FROM range(0, 60) t(n)`;

// Columns DuckDB-WASM hands back as Arrow dates and vectors are compared as their SQL text.
const WASM_ROWS = (file: string) => `SELECT * REPLACE (day::VARCHAR AS day, l::VARCHAR AS l) FROM read_parquet('${file}') ORDER BY n`;

const provenance = JSON.stringify({
  source: '江门市江海区统计局',
  query: "SELECT industry, sum(output) FROM firms WHERE district = '江海区' GROUP BY industry",
  exportedAt: '2024-06-01T08:00:00Z',
  app: 'jianghai-cluster-dashboard 0.1.0',
});

let wasm: WasmDb;
let native: NativeConnection;
let nativeInstance: DuckDBInstance;
let dir: string;
/** A file written by DuckDB-WASM's COPY, as the SQL console's export does. */
let original: Uint8Array;

beforeAll(async () => {
  wasm = await openWasmDb();
  dir = mkdtempSync(join(tmpdir(), 'parquet-meta-'));
  // The Node build of DuckDB-WASM writes COPY output to the real file system: keep it in the temp folder.
  const source = join(dir, 'kv-source.parquet');
  wasm.conn.query(`COPY (${SOURCE_SQL}) TO '${source}' (FORMAT PARQUET)`);
  original = new Uint8Array(readFileSync(source));
  nativeInstance = await DuckDBInstance.create(':memory:', { threads: '1' });
  native = await nativeInstance.connect();
});

afterAll(() => {
  native?.closeSync();
  nativeInstance?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
function tempFile(bytes: Uint8Array): string {
  const path = join(dir, `f${fileCount++}.parquet`);
  writeFileSync(path, bytes);
  return path;
}

/** The pairs native DuckDB sees. decode() because BLOB::VARCHAR escapes non-ASCII bytes as \xNN. */
async function nativeKv(path: string): Promise<Record<string, string>> {
  const rows = (
    await native.runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${path}')`)
  ).getRowObjectsJson() as { k: string; v: string }[];
  return Object.fromEntries(rows.map((r) => [r.k, r.v]));
}

async function nativeRows(path: string): Promise<unknown[]> {
  return (await native.runAndReadAll(`SELECT * FROM read_parquet('${path}') ORDER BY n`)).getRowObjectsJson();
}

function wasmRows(bytes: Uint8Array): Record<string, unknown>[] {
  const name = `kv-read-${fileCount++}.parquet`;
  wasm.db.registerFileBuffer(name, bytes.slice());
  try {
    return wasm.query(WASM_ROWS(name));
  } finally {
    wasm.db.dropFile(name);
  }
}

function manyPairs(count: number): Record<string, string> {
  const kv: Record<string, string> = {};
  for (let k = 0; k < count; k++) kv[`key.${k}`] = `值 ${k}`;
  return kv;
}

describe('withKvMetadata on a file DuckDB-WASM 0.9.1 wrote', () => {
  const kv: Record<string, string> = {
    'jianghai.provenance': provenance,
    来源: '江海区统计局《2023年统计年鉴》',
    empty: '',
    long: 'x'.repeat(20_000),
  };

  test('the app engine writes no key-value metadata of its own, so there is nothing to merge', () => {
    expect(readKvMetadata(original)).toEqual({});
  });

  test('the long JSON value needs a two-byte length varint and the long value a three-byte one', () => {
    expect(new TextEncoder().encode(provenance).length).toBeGreaterThan(127);
    expect(kv.long.length).toBeGreaterThan(16_383);
  });

  test('hyparquet reads back exactly the pairs that were added, in order', () => {
    const patched = withKvMetadata(original, kv);
    const read = readKvMetadata(patched);
    expect(read).toEqual(kv);
    expect(Object.keys(read)).toEqual(Object.keys(kv));
  });

  test('native DuckDB parquet_kv_metadata sees the same pairs, Chinese text included', async () => {
    expect(await nativeKv(tempFile(withKvMetadata(original, kv)))).toEqual(kv);
  });

  test('DuckDB-WASM 0.9.1 still reads the patched file and returns the same rows as the original', () => {
    const before = wasmRows(original);
    expect(before).toHaveLength(60);
    expect(before[1]).toMatchObject({ n: 1, s: '江海区电子信息 第1家', d: null, l: '[]' });
    expect(wasmRows(withKvMetadata(original, kv))).toEqual(before);
  });

  test('native DuckDB reads the same rows from the patched file as from the original', async () => {
    const before = await nativeRows(tempFile(original));
    expect(before).toHaveLength(60);
    expect(await nativeRows(tempFile(withKvMetadata(original, kv)))).toEqual(before);
  });

  test('only the footer changes: the data bytes are kept and the frame is rewritten', () => {
    const patched = withKvMetadata(original, kv);
    const footerLength = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset).getUint32(b.length - 8, true);
    const dataEnd = original.length - 8 - footerLength(original);
    expect(patched.subarray(0, dataEnd)).toEqual(original.subarray(0, dataEnd));
    expect(patched.length - 8 - footerLength(patched)).toBe(dataEnd);
    expect(new TextDecoder().decode(patched.subarray(patched.length - 4))).toBe('PAR1');
  });

  test('more than 15 pairs use the long list header and all reach both readers', async () => {
    const kv20 = { ...manyPairs(19), 'jianghai.provenance': provenance };
    const patched = withKvMetadata(original, kv20);
    expect(readKvMetadata(patched)).toEqual(kv20);
    expect(await nativeKv(tempFile(patched))).toEqual(kv20);
    expect(wasmRows(patched)).toEqual(wasmRows(original));
  });

  test('14 and 15 pairs, either side of the short list header limit, both round-trip', async () => {
    for (const count of [14, 15]) {
      const patched = withKvMetadata(original, manyPairs(count));
      expect(readKvMetadata(patched)).toEqual(manyPairs(count));
      expect(await nativeKv(tempFile(patched))).toEqual(manyPairs(count));
    }
  });

  test('an empty set of pairs gives an unchanged copy', () => {
    const copy = withKvMetadata(original, {});
    expect(copy).toEqual(original);
    expect(copy.buffer).not.toBe(original.buffer);
  });

  test('neither function mutates its input, and a view at an offset into a larger buffer works', () => {
    const backing = new Uint8Array(original.length + 10);
    backing.set(original, 3);
    const view = backing.subarray(3, 3 + original.length);
    const snapshot = backing.slice();
    const patched = withKvMetadata(view, kv);
    expect(readKvMetadata(view)).toEqual({});
    expect(backing).toEqual(snapshot);
    expect(readKvMetadata(patched)).toEqual(kv);
  });

  test('a key named __proto__ is kept as an ordinary key', () => {
    const read = readKvMetadata(withKvMetadata(original, JSON.parse('{"__proto__": "p", "a": "b"}')));
    expect(Object.keys(read)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });
});

describe('files written by native DuckDB', () => {
  test('readKvMetadata reads pairs native DuckDB wrote with KV_METADATA', async () => {
    const path = join(dir, 'native-kv.parquet');
    await native.run(`COPY (SELECT 1 AS n) TO '${path}' (FORMAT parquet, KV_METADATA {a: 'b', note: '江海区'})`);
    expect(readKvMetadata(new Uint8Array(readFileSync(path)))).toEqual({ a: 'b', note: '江海区' });
  });

  test('withKvMetadata refuses to merge into a file that already has key-value metadata', async () => {
    const path = join(dir, 'native-kv-merge.parquet');
    await native.run(`COPY (SELECT 1 AS n) TO '${path}' (FORMAT parquet, KV_METADATA {a: 'b'})`);
    const bytes = new Uint8Array(readFileSync(path));
    expect(() => withKvMetadata(bytes, { c: 'd' })).toThrow(ParquetMetadataError);
    expect(() => withKvMetadata(bytes, { c: 'd' })).toThrow(/already has key-value metadata/);
  });

  test('a second withKvMetadata on an already patched file is refused too', () => {
    const once = withKvMetadata(original, { a: 'b' });
    expect(() => withKvMetadata(once, { c: 'd' })).toThrow(/already has key-value metadata/);
  });

  test('a footer that ends with column_orders (field 7) is patched with the long field header', async () => {
    const path = join(dir, 'native-plain.parquet');
    await native.run(`COPY (${SOURCE_SQL}) TO '${path}' (FORMAT parquet)`);
    const bytes = new Uint8Array(readFileSync(path));
    const patched = withKvMetadata(bytes, { 'jianghai.provenance': provenance });
    const patchedPath = tempFile(patched);
    expect(await nativeKv(patchedPath)).toEqual({ 'jianghai.provenance': provenance });
    expect(await nativeRows(patchedPath)).toEqual(await nativeRows(path));
    expect(wasmRows(patched)).toEqual(wasmRows(bytes));
  });
});

describe('bytes that are not Parquet', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const frame = (footer: Uint8Array, length = footer.length) => {
    const out = new Uint8Array(12 + footer.length);
    out.set(utf8('PAR1'));
    out.set(footer, 4);
    new DataView(out.buffer).setUint32(4 + footer.length, length, true);
    out.set(utf8('PAR1'), 8 + footer.length);
    return out;
  };

  test('a CSV file is rejected with an error that names the missing PAR1 magic', () => {
    const csv = utf8('industry,output\n电子信息,12.5\n');
    expect(() => readKvMetadata(csv)).toThrow(ParquetMetadataError);
    expect(() => readKvMetadata(csv)).toThrow(/Not a Parquet file.*PAR1/);
    expect(() => withKvMetadata(csv, { a: 'b' })).toThrow(/Not a Parquet file.*PAR1/);
  });

  test('a file too short to hold the Parquet frame is rejected', () => {
    expect(() => readKvMetadata(utf8('PAR1PAR1'))).toThrow(/shorter than the 12-byte Parquet frame/);
    expect(() => readKvMetadata(new Uint8Array())).toThrow(/Not a Parquet file/);
  });

  test('a truncated Parquet file is rejected because its trailing magic is gone', () => {
    expect(() => readKvMetadata(original.subarray(0, original.length - 100))).toThrow(/PAR1/);
  });

  test('a footer length past the start of the file is reported as out of range', () => {
    const bad = frame(new Uint8Array([0x15, 0x02, 0x00]), 0xffffff);
    expect(() => readKvMetadata(bad)).toThrow(/footer length 16777215 is out of range/);
    expect(() => withKvMetadata(bad, { a: 'b' })).toThrow(/footer length 16777215 is out of range/);
    expect(() => readKvMetadata(frame(new Uint8Array([0x00]), 0))).toThrow(/footer length 0 is out of range/);
  });

  test('a footer that is not a FileMetaData struct is reported as unparsable', () => {
    const garbage = frame(new Uint8Array([0xff, 0xff, 0xff, 0xff]));
    expect(() => readKvMetadata(garbage)).toThrow(/Parquet footer could not be parsed/);
    expect(() => withKvMetadata(garbage, { a: 'b' })).toThrow(/Parquet footer could not be parsed/);
  });

  test('a footer with bytes after the FileMetaData STOP is not patched', () => {
    // The original footer plus one trailing byte inside the footer length, as a signed footer has.
    const footerLength = new DataView(original.buffer, original.byteOffset).getUint32(original.length - 8, true);
    const footer = original.subarray(original.length - 8 - footerLength, original.length - 8);
    const padded = frame(Uint8Array.from([...footer, 0x00]));
    expect(() => withKvMetadata(padded, { a: 'b' })).toThrow(/does not end where FileMetaData ends/);
  });
});
