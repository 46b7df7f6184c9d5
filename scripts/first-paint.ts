/**
 * The build step behind "paint before the engine": the unfiltered answers of every chart, from
 * native DuckDB over the built Parquet files with the app's own SQL, checked against DuckDB-WASM
 * (the engine the page runs), and written into index.html. A disagreement fails the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Plugin } from 'vite';
import { FIRST_PAINT_ID, firstPaintQueries, type FirstPaint } from '../src/lib/charts/first-paint';
import { tableOrigins, type Manifest } from '../src/lib/data/manifest';
import { openWasmDb } from './lib/wasm-db';

type Row = Record<string, unknown>;

const plain = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);
const canonical = (rows: Row[]) => rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, plain(v)]))).sort();

/**
 * Runs the first-paint queries over `dataDir` with native DuckDB and returns its answers; with
 * `verify`, DuckDB-WASM answers them too and any difference throws. Scale data (`firmPage: false`,
 * `verify: false`: millions of rows) is checked by the engine when it takes over in the page.
 */
export async function computeFirstPaint(dataDir: string, { verify = true, firmPage = true } = {}): Promise<FirstPaint> {
  const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const wasm = verify ? await openWasmDb(dataDir) : null;
  const answers: Record<string, Row[]> = {};
  try {
    for (const t of manifest.tables) {
      await conn.run(`CREATE VIEW "${t.name}" AS SELECT * FROM read_parquet('${join(dataDir, t.file).replaceAll("'", "''")}')`);
    }
    for (const sql of firstPaintQueries({ firmPage })) {
      const rows = (await conn.runAndReadAll(sql))
        .getRowObjectsJS()
        .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      const engine = wasm?.query(sql);
      if (engine && JSON.stringify(canonical(rows)) !== JSON.stringify(canonical(engine))) {
        throw new Error(
          `first paint: native DuckDB and DuckDB-WASM disagree on\n  ${sql}\n  native: ${JSON.stringify(rows).slice(0, 400)}\n  wasm:   ${JSON.stringify(engine).slice(0, 400)}`,
        );
      }
      answers[sql] = rows;
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const origins = Object.fromEntries(manifest.tables.map((t) => [t.name, tableOrigins(manifest, t)]));
  return { dataVersion: manifest.dataVersion, answers, origins };
}

/** Vite plugin: puts the answers into index.html as JSON (never run as script: `<` is escaped). */
export function firstPaintPlugin(dataDir: string): Plugin {
  let tag = '';
  return {
    name: 'jianghai-first-paint',
    apply: 'build',
    async buildStart() {
      const fp = await computeFirstPaint(dataDir);
      tag = `<script type="application/json" id="${FIRST_PAINT_ID}">${JSON.stringify(fp).replaceAll('<', '\\u003c')}</script>`;
    },
    transformIndexHtml: (html) => html.replace('</body>', `${tag}\n  </body>`),
  };
}
