// Generates a province-scale firm table with the bundled schema, for benchmarks and for trying the
// app on big data:  node scripts/build-scale.mjs --rows 1000000 [--out data/scale/1m]   (npm run data:scale -- --rows N)
// The folder gets firms.parquet (sorted by output, row groups of 122,880 rows, so a range on output
// reads few row groups), copies of the small bundled tables, and a manifest.json; open the app with
// #/?data=<url of that manifest.json>. Output is git-ignored: regenerate it, never commit it.
// The scale firms are modelled on the bundled model's shares but NOT calibrated to the published
// totals, so their provenance (manifest and Parquet key-value metadata) claims no published figure.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { runnerImport } from 'vite';
import { ARTICLE } from './lib/schema.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  let rows = 1_000_000;
  let out = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') rows = Number(argv[++i]);
    else if (argv[i] === '--out') out = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; usage: node scripts/build-scale.mjs --rows N [--out DIR]`);
  }
  if (!Number.isInteger(rows) || rows < 1 || rows > 100_000_000) throw new Error('--rows must be a whole number from 1 to 100,000,000');
  const label = rows % 1_000_000 === 0 ? `${rows / 1_000_000}m` : rows % 1000 === 0 ? `${rows / 1000}k` : String(rows);
  return { rows, out: out ?? join(root, 'data', 'scale', label) };
}

/** Provenance of the scale firms: same article, no facts (145 / 36 / 1 / 270 亿 do not hold here). */
const PROVENANCE = {
  kind: 'modelled',
  source: ARTICLE,
  facts: [],
  rows: { zh: '规模测试用模拟企业明细', en: 'scale-test modelled firm rows' },
};
const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;
// Same key-value entry as scripts/build-data.mjs writes, so the file says what it is once copied.
const KV_METADATA = `KV_METADATA {"jianghai:provenance": ${sqlString(JSON.stringify(PROVENANCE))}}`;

const sha256 = (file) =>
  new Promise((ok, ko) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => ok(h.digest('hex')))
      .on('error', ko);
  });

const { rows, out } = parseArgs(process.argv.slice(2));
mkdirSync(out, { recursive: true });
const t0 = Date.now();
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
// Shares follow the bundled model: segment and subdistrict mix, about 8.6 % above designated size,
// heavy-tailed (log-normal) output with the above-size line at 2,000 万元.
await conn.run(`SELECT setseed(0.20230707)`);
const file = join(out, 'firms.parquet');
await conn.run(`
  COPY (
    WITH base AS (
      SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7
      FROM range(${rows}) t(i)
    ), shaped AS (
      SELECT *, greatest(1, round(exp(5.45 + 1.55 * sqrt(-2 * ln(greatest(r3, 1e-12))) * cos(2 * pi() * r4))))::INTEGER AS o FROM base
    )
    SELECT
      printf('S%09d', i + 1) AS id,
      printf('模拟企业%09d', i + 1) AS name,
      CASE WHEN r1 < 0.3093 THEN '电子关键元器件' WHEN r1 < 0.4937 THEN '印刷电路板' WHEN r1 < 0.7287 THEN '智能家电'
           WHEN r1 < 0.8453 THEN '汽车电子' ELSE 'LED照明器件' END AS segment,
      CASE WHEN r2 < 0.3641 THEN '江南街道' WHEN r2 < 0.7109 THEN '外海街道' ELSE '礼乐街道' END AS area,
      CASE WHEN o >= 2000 THEN '规上' ELSE '规下' END AS scale_class,
      CASE WHEN r5 < 0.0006 THEN '国家级小巨人' WHEN r5 < 0.0214 THEN '省级专精特新' ELSE '无' END AS srdi_level,
      r5 > 0.99995 AS single_champion,
      o AS output_2022,
      greatest(3, round(o * (0.4 + r6) / 8))::INTEGER AS employees,
      (1985 + floor(r7 * 38))::INTEGER AS founded,
      TRUE AS modelled
    FROM shaped
    ORDER BY output_2022, id
  ) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARQUET_VERSION V1, ${KV_METADATA})`);

const manifest = JSON.parse(readFileSync(join(root, 'data', 'manifest.json'), 'utf8'));
// Only the firms entry is rewritten; the other tables' entries must already be in the v2 shape.
if (manifest.version !== 2) {
  throw new Error(`data/manifest.json is version ${manifest.version}, this script writes version 2: run npm run data first`);
}
for (const t of manifest.tables) {
  if (t.name === 'firms') {
    t.rows = rows;
    t.bytes = statSync(file).size;
    t.sha256 = await sha256(file);
    // Listing category values lets the app type them as ENUMs without scanning the file first.
    for (const c of t.columns) {
      if (['segment', 'area', 'scale_class', 'srdi_level'].includes(c.name)) {
        const r = await conn.runAndReadAll(`SELECT list_sort(list_distinct(list(${c.name}))) AS v FROM '${file.replaceAll("'", "''")}'`);
        c.values = r.getRowObjectsJson()[0].v;
      }
    }
    t.provenance = PROVENANCE;
    // Loading into memory goes in about ten slices of output (the file is sorted by it), each
    // reading its own row groups, so the page can show how far it has come.
    const q = await conn.runAndReadAll(
      `SELECT quantile_disc(output_2022, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) AS q, min(output_2022) AS lo, max(output_2022) AS hi FROM '${file.replaceAll("'", "''")}'`,
    );
    const { q: inner, lo, hi } = q.getRowObjectsJson()[0];
    t.load = { column: 'output_2022', bounds: [...new Set([Number(lo), ...inner.map(Number), Number(hi)])] };
    t.description = {
      zh: `规模测试用模拟企业表（${rows}行），结构与内置数据相同。`,
      en: `Scale-test modelled firm table (${rows} rows), same schema as the bundled data.`,
    };
  } else copyFileSync(join(root, 'data', t.file), join(out, t.file));
}
manifest.dataVersion = `scale-${rows}`;
// The unfiltered answers of every view, from the app's own SQL (loaded through Vite, as the build
// does), so the page paints at once while the engine loads millions of rows.
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
const { module } = await runnerImport(join(root, 'scripts', 'first-paint.ts'), { configFile: false, logLevel: 'warn' });
// A sample of them (scaleSample: the linked views' counts and totals, the concentration curve) is
// checked against DuckDB-WASM, the engine the page runs, which reads the whole file into memory to
// do so (seconds at 10 M rows); the sums of squares may differ in their last digits.
const { answers } = await module.computeFirstPaint(out, { verify: module.scaleSample, firmPage: false, tolerance: 1e-9 });
manifest.firstPaint = { answers };
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(
  `wrote ${rows.toLocaleString('en')} firms to ${file} (${(statSync(file).size / 2 ** 20).toFixed(1)} MiB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
