/**
 * The build step behind "paint before the engine": the unfiltered answers of every chart, from
 * native DuckDB over the built Parquet files with the app's own SQL, checked against DuckDB-WASM
 * (the engine the page runs), and written into index.html. A disagreement fails the build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, runnerImport, type Plugin } from 'vite';
import { FIRST_PAINT_ID, firstPaintQueries, type FirstPaint } from '../src/lib/charts/first-paint';
import { CHARTS } from '../src/lib/charts/registry';
import { allViewsSql, FIRMS, lorenzSql } from '../src/lib/sql';
import { DATA_VERSION_META, PRERENDER_ATTR, prerenderHashes } from '../src/lib/state/prerender';
import { tableOrigins, type Manifest } from '../src/lib/data/manifest';
import { openWasmDb } from './lib/wasm-db';

type Row = Record<string, unknown>;

/** Answers a query as the engine the page runs would: the check every first-paint answer must pass. */
export type Check = (sql: string) => Row[] | Promise<Row[]>;

const plain = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);
const rowText = (r: Row) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, plain(v)]));

/**
 * True when the statement's result is ordered: an ORDER BY outside any parentheses (one in a
 * subquery, such as the top-10 sum's, orders nothing the page sees).
 */
export function isOrdered(sql: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /^ORDER\s+BY\b/i.test(sql.slice(i, i + 9))) return true;
  }
  return false;
}

/** Equal values; with `tolerance`, numbers within that fraction of their size. */
const sameValue = (v: unknown, w: unknown, tolerance: number): boolean => {
  const [x, y] = [plain(v), plain(w)];
  if (x === y) return true;
  return typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
};
const sameRow = (r: Row, s: Row, tolerance: number): boolean => {
  const keys = Object.keys(r);
  return keys.length === Object.keys(s).length && keys.every((k) => k in s && sameValue(r[k], s[k], tolerance));
};
const sameRows = (a: Row[], b: Row[], tolerance: number): boolean =>
  a.length === b.length && a.every((r, i) => sameRow(r, b[i], tolerance));
const byText = (a: Row, b: Row): number => (rowText(a) < rowText(b) ? -1 : rowText(a) > rowText(b) ? 1 : 0);

/**
 * Throws when two engines' answers to `sql` differ: in their rows, or, for an ordered statement, in
 * their order (the page draws rows in the order the engine gives them); unordered answers are
 * compared as sorted lists. With `tolerance`, numbers may differ by that fraction of their size: a
 * sum of millions of doubles depends on the order the engine adds them in.
 */
export function compareAnswers(sql: string, native: Row[], engine: Row[], tolerance = 0): void {
  const ordered = isOrdered(sql);
  const sorted = (rows: Row[]) => [...rows].sort(byText);
  if (ordered ? sameRows(native, engine, tolerance) : sameRows(sorted(native), sorted(engine), tolerance)) return;
  const orderOnly = ordered && sameRows(sorted(native), sorted(engine), tolerance);
  throw new Error(
    `first paint: native DuckDB and DuckDB-WASM disagree${orderOnly ? ' on the order of the rows' : ''} of\n  ${sql}\n` +
      `  native: ${JSON.stringify(native, (_k, v: unknown) => plain(v)).slice(0, 400)}\n  wasm:   ${JSON.stringify(engine, (_k, v: unknown) => plain(v)).slice(0, 400)}\n` +
      '  The page would draw one answer and then the other: fix the query (a total ORDER BY) or the data before building.',
  );
}

/**
 * The answers of scale data that build-scale checks against DuckDB-WASM: every linked view's counts
 * and the totals (one scan answers them all) and the concentration curve; the small tables are the
 * bundled ones, checked by every build.
 */
export const scaleSample = (sql: string): boolean => sql === allViewsSql(FIRMS) || sql === lorenzSql('');

/**
 * Runs the first-paint queries over `dataDir` with native DuckDB and returns its answers; with
 * `verify` (true, or which statements to check), each is checked by `check` (DuckDB-WASM over the
 * same files, by default) and any difference throws; `tolerance`: see compareAnswers. Scale data
 * (`firmPage: false`: millions of rows) is checked on `scaleSample` by build-scale.
 */
export async function computeFirstPaint(
  dataDir: string,
  {
    verify = true,
    firmPage = true,
    check,
    tolerance = 0,
  }: { verify?: boolean | ((sql: string) => boolean); firmPage?: boolean; check?: Check; tolerance?: number } = {},
): Promise<FirstPaint> {
  const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const engine: Check | null = !verify ? null : (check ?? (await openWasmDb(dataDir)).query);
  const answers: Record<string, Row[]> = {};
  try {
    for (const t of manifest.tables) {
      await conn.run(`CREATE VIEW "${t.name}" AS SELECT * FROM read_parquet('${join(dataDir, t.file).replaceAll("'", "''")}')`);
    }
    for (const sql of firstPaintQueries({ firmPage })) {
      const rows = (await conn.runAndReadAll(sql))
        .getRowObjectsJS()
        .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      if (engine && (verify === true || (verify && verify(sql)))) compareAnswers(sql, rows, await engine(sql), tolerance);
      answers[sql] = rows;
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const origins = Object.fromEntries(manifest.tables.map((t) => [t.name, tableOrigins(manifest, t)]));
  return { dataVersion: manifest.dataVersion, answers, origins };
}

/** The classic script that picks the prerendered page before the first paint (src/pick.ts), minified. */
async function buildPick(root: string): Promise<string> {
  const out = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: join(root, 'src/pick.ts'), formats: ['iife'], name: 'jianghaiPick' },
    },
  });
  const [first] = Array.isArray(out) ? out : [out as Exclude<typeof out, unknown[]>];
  if (!('output' in first)) throw new Error('first paint: building src/pick.ts gave no output');
  return first.output[0].code;
}

/** Renders every prerendered page of index.html and embed.html with src/prerender.ts, as `<template>`s. */
async function prerenderPages(root: string, dataDir: string, fp: FirstPaint): Promise<Record<Page, string>> {
  const { module } = await runnerImport<typeof import('../src/prerender')>(join(root, 'src/prerender.ts'), {
    root,
    mode: 'production',
    logLevel: 'warn',
    plugins: [svelte()],
    resolve: { alias: { $data: dataDir } },
  });
  const attr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const templates = (page: Page) =>
    prerenderHashes(
      page,
      CHARTS.map((c) => c.id),
    )
      .map((hash) => `<template ${PRERENDER_ATTR}="${attr(hash)}">${module.prerender(fp, hash)}</template>`)
      .join('\n    ');
  return { index: templates('index'), embed: templates('embed') };
}

type Page = 'index' | 'embed';

/**
 * Vite plugin: puts the answers into index.html as JSON (never run as script: `<` is escaped), the
 * prerendered pages and the script that picks one, and writes embed.html: the same page with the
 * embeds prerendered (the Embed dialog's snippets open it, so a host can let articles frame it and
 * not the dashboard; README, "Deploying").
 */
export function firstPaintPlugin(dataDir: string): Plugin {
  let tag = '';
  let root = '';
  let pickRef = '';
  let pages: Record<Page, string> = { index: '', embed: '' };
  let version = '';
  return {
    name: 'jianghai-first-paint',
    apply: 'build',
    configResolved(c) {
      root = c.root;
    },
    async buildStart() {
      const fp = await computeFirstPaint(dataDir);
      version = fp.dataVersion;
      tag = `<script type="application/json" id="${FIRST_PAINT_ID}">${JSON.stringify(fp).replaceAll('<', '\\u003c')}</script>`;
      pickRef = this.emitFile({ type: 'asset', name: 'pick.js', source: await buildPick(root) });
      pages = await prerenderPages(root, dataDir, fp);
    },
    transformIndexHtml: (html) =>
      html
        .replace('</head>', `  <meta name="${DATA_VERSION_META}" content="${version}" />\n  </head>`)
        .replace('</body>', `${tag}\n  </body>`),
    writeBundle(options) {
      const dir = options.dir ?? join(root, 'dist');
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      const app = '<div id="app"></div>';
      if (!html.includes(app)) throw new Error(`first paint: index.html has no ${app} to prerender into`);
      // Deferred, ahead of the app's module: fetched at once with the rest of the head, run as soon as
      // the page is parsed, and first (deferred and module scripts run in document order).
      const module = /<script type="module"/;
      if (!module.test(html)) throw new Error('first paint: index.html has no module script to run the picker before');
      const pick = `<script defer src="./${this.getFileName(pickRef)}"></script>\n    `;
      for (const page of ['index', 'embed'] as const) {
        writeFileSync(
          join(dir, `${page}.html`),
          html.replace(app, `${app}\n    ${pages[page]}`).replace(module, (tag) => `${pick}${tag}`),
        );
      }
    },
  };
}
