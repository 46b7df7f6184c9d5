// Provenance travels with the data (issue 8): a dataset from a second origin is named on every view,
// embed and export built from it; modelled rows keep their mark through the console's CSV and
// Parquet exports and a re-import; a constant or the user's own rows carry none.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { serve } from '../../scripts/serve.mjs';
import { DIST, TIMEOUT, siteAccepting, withPage } from './harness.mjs';
import { brush, chartsReady, consoleRun, csvParts, downloadOf, figure, readChart } from './page.mjs';

/** The source another site's manifest gives for its own (changed) numbers. */
const BUREAU = {
  publisher: { zh: '示例统计局', en: 'Example Statistics Bureau' },
  title: { zh: '示例数据集', en: 'Example dataset' },
  date: '2026-01-15',
  url: null,
};

let dir;
let foreign;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jianghai-provenance-e2e-'));
  // Two folders on a second origin, both with 99,999 seats at each school and 50x every project:
  // `own/` names its own source, `copy/` keeps this site's manifest word for word.
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  // `bare/` states no origin in its manifest: the page must read its Parquet files' metadata (audit G12d).
  for (const name of ['own', 'copy', 'bare']) {
    const out = join(dir, name);
    // Only the plain files: a stale .br or .gz copy of the manifest would be served in place of the edited one.
    cpSync(join(DIST, 'data'), out, { recursive: true, filter: (src) => !src.includes(join('data', 'v')) && !/\.(br|gz)$/.test(src) });
    const q = (f) => `'${join(out, f).replaceAll("'", "''")}'`;
    await conn.run(`CREATE OR REPLACE TABLE s AS SELECT * REPLACE (99999 AS seats) FROM read_parquet(${q('schools.parquet')})`);
    await conn.run(`COPY s TO ${q('schools.parquet')} (FORMAT parquet)`);
    await conn.run(
      `CREATE OR REPLACE TABLE p AS SELECT * REPLACE (completed_wan * 50 AS completed_wan) FROM read_parquet(${q('projects.parquet')})`,
    );
    await conn.run(`COPY p TO ${q('projects.parquet')} (FORMAT parquet)`);
    if (name === 'bare') {
      const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      delete m.source;
      for (const t of m.tables) delete t.provenance;
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));
    }
    if (name === 'own') {
      const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      for (const t of m.tables) t.provenance = { ...t.provenance, source: BUREAU };
      m.source = {
        title_zh: BUREAU.title.zh,
        title_en: BUREAU.title.en,
        publisher: '示例统计局 Example Statistics Bureau',
        date: BUREAU.date,
        file: '',
      };
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));
    }
  }
  conn.closeSync();
  db.closeSync();
  foreign = await serve(dir, { cors: true });
});
after(async () => {
  await foreign?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const host = () => new URL(foreign.url).host;
const hasArticle = (s) => /Jiangmen Daily|江门日报/.test(s);

test(
  "another origin's dataset is named on every chart, the firm list and the page, and never under the newspaper's name",
  { timeout: TIMEOUT * 2 },
  async () =>
    withPage({ server: await siteAccepting([foreign.origin]), origins: [foreign.origin] }, async ({ page, open }) => {
      // The PNG is drawn from an SVG made in the page: keep each SVG handed to an image (audit G10).
      await page.addInitScript(() => {
        window.__svgs = [];
        const make = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob) => {
          if (blob instanceof Blob && blob.type === 'image/svg+xml') blob.text().then((t) => window.__svgs.push(t));
          return make(blob);
        };
      });
      await open(`#/?lang=en&data=${encodeURIComponent(`${foreign.url}own/manifest.json`)}`);
      await chartsReady(page);
      const ids = await page.locator('figure.chart').evaluateAll((figs) => figs.map((f) => f.dataset.chartId));
      for (const id of ids) {
        const c = await readChart(page, id);
        assert.ok(c.source.includes(host()), `${id} names ${host()}: ${c.source}`);
        assert.ok(!hasArticle(c.source), `${id} does not say Jiangmen Daily: ${c.source}`);
        assert.equal(await figure(page, id).locator('.foreign-mark').count(), 1, `${id} carries the external-data mark`);
      }
      // The changed numbers are what is drawn, under that site's name.
      const schools = await readChart(page, 'schools');
      assert.ok(
        schools.marks.some((m) => m.title.includes('99,999')),
        "the other site's seats are drawn",
      );
      assert.ok(schools.source.includes('Example Statistics Bureau'), "with that site's own source");
      // Notes and subtitles quoting the article's totals describe this site's rows, not these.
      assert.equal(
        await figure(page, 'projects-investment').locator('.subtitle').count(),
        0,
        'no "27.79 亿元" subtitle over changed projects',
      );
      assert.equal(await figure(page, 'firms-by-scale-srdi').locator('.subtitle').count(), 0);
      assert.match(await page.locator('[data-chart-id="firm-table"] .source-line').textContent(), new RegExp(host().replace('.', '\\.')));
      assert.match(await page.locator('.data-banner').textContent(), new RegExp(`data from ${host().replace('.', '\\.')}`));
      assert.ok(!hasArticle(await page.locator('.selection-bar').textContent()));
      assert.equal(await page.locator('.selection-bar .foreign-mark').count(), 1, 'the selection bar carries the external mark');
      assert.equal(await page.locator('li.kpi').count(), 0, "the article's figure tiles are not shown beside another site's numbers");

      // Exports say the same: SVG and CSV of the changed schools.
      const svg = (
        await downloadOf(page, figure(page, 'schools').getByRole('button', { name: 'Download SVG', exact: true }))
      ).bytes.toString('utf8');
      assert.ok(svg.includes(host()) && !hasArticle(svg), 'the SVG names the other site and not the newspaper');
      const csv = csvParts(
        (await downloadOf(page, figure(page, 'schools').getByRole('button', { name: 'Download CSV', exact: true }))).bytes,
      );
      assert.ok(
        csv.preamble.some((l) => l.includes(host())),
        csv.preamble.join(' | '),
      );
      assert.ok(!csv.preamble.some(hasArticle));
      assert.equal(csv.provenance[0].kind, 'foreign');

      // The PNG: drawn from an SVG that names the other site, at the size of that SVG.
      const png = (await downloadOf(page, figure(page, 'schools').getByRole('button', { name: 'Download PNG', exact: true }))).bytes;
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
      const drawn = await page.evaluate(() => window.__svgs.at(-1));
      assert.ok(drawn.includes(host()) && !hasArticle(drawn), 'the SVG the PNG is drawn from names the other site, not the newspaper');
      const [w, h] = [/width="([\d.]+)"/.exec(drawn)[1], /height="([\d.]+)"/.exec(drawn)[1]].map(Number);
      const scale = Math.max(2, 1200 / Math.max(w, h));
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [Math.round(w * scale), Math.round(h * scale)], 'the PNG is that SVG');

      // The embed dialog warns, and the snippet's embed names the site too.
      await figure(page, 'schools').getByRole('button', { name: 'Embed', exact: true }).click();
      const dialog = page.locator('dialog.embed-dialog');
      assert.match(await dialog.locator('.embed-foreign').textContent(), new RegExp(host().replace('.', '\\.')));
      // Another site's data cannot be frozen (a data= link reads that manifest whatever dv says): the dialog says why.
      assert.equal(await dialog.getByRole('radio', { name: /^Frozen/ }).isDisabled(), true, 'frozen is refused');
      assert.match(await dialog.locator('#embed-no-freeze').textContent(), new RegExp(`Cannot be frozen.*${host().replace('.', '\\.')}`));
      const snippet = await dialog.locator('#embed-snippet').inputValue();
      assert.match(snippet, new RegExp(`title="[^"]*data from ${host().replace('.', '\\.')}`));
      const src = /src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
      assert.ok(src.includes('data='), 'the embed reads the same data');
      await page.goto(src);
      await chartsReady(page, ['schools']);
      const embedded = await readChart(page, 'schools');
      assert.ok(embedded.source.includes(host()) && !hasArticle(embedded.source), embedded.source);
      assert.equal(await figure(page, 'schools').locator('.foreign-mark').count(), 1, 'the embed carries the external mark');
      assert.ok(!src.includes('dv='), 'the snippet is not frozen');
    }),
);

test(
  "a copy of this site's manifest on another origin is still that origin's claim, marked and attributed",
  { timeout: TIMEOUT },
  async () =>
    withPage({ server: await siteAccepting([foreign.origin]), origins: [foreign.origin] }, async ({ page, open }) => {
      await open(`#/?data=${encodeURIComponent(`${foreign.url}copy/manifest.json`)}`);
      await chartsReady(page);
      for (const id of await page.locator('figure.chart').evaluateAll((figs) => figs.map((f) => f.dataset.chartId))) {
        const c = await readChart(page, id);
        assert.ok(c.source.includes(`来源: 来自 ${host()} 的数据`), `${id}: ${c.source}`);
        assert.ok(c.source.includes('本站未核实'), `${id} says the claim is not checked: ${c.source}`);
        assert.equal(await figure(page, id).locator('.foreign-mark').count(), 1);
      }
      // The firms there claim to be the calibrated model: their words are not repeated on them.
      assert.equal(await figure(page, 'output-distribution').locator('.notes').count(), 0);
    }),
);

test('a data= link to a site the deployment does not accept is refused and the page shows its own data', { timeout: TIMEOUT }, () =>
  withPage({ origins: [foreign.origin], allowErrors: true }, async ({ page, open }) => {
    const mark = foreign.log.length;
    // The built site as it comes: this site's own data only, until its operator lists another.
    await open(`#/?lang=en&data=${encodeURIComponent(`${foreign.url}own/manifest.json`)}`);
    await page.locator('[role=alert]', { hasText: 'does not accept data from' }).waitFor();
    await page.waitForFunction(() => document.querySelector('figure.chart[data-chart-id="schools"]')?.dataset.state === 'ready');
    const schools = await readChart(page, 'schools');
    assert.equal(schools.source, 'Source: Jiangmen Daily, 7 July 2023');
    assert.ok(!schools.marks.some((m) => m.title.includes('99,999')));
    assert.deepEqual(foreign.log.slice(mark), [], 'nothing was read from the refused site');
  }),
);

test(
  'console results of modelled rows carry the mark into CSV and Parquet, and a re-imported export keeps it on the charts',
  { timeout: TIMEOUT * 2 },
  () =>
    withPage({}, async ({ page, open }) => {
      await open('#/sql?lang=en');
      const editor = page.getByLabel('SQL statement');
      await page.waitForFunction(() => window.__jianghai?.ready);
      await page.evaluate(() => window.__jianghai.ready);
      const run = async (sql, rows) => {
        await editor.fill(sql);
        await editor.press('Control+Enter');
        await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('.sql-status')?.textContent ?? ''), rows);
      };
      const strip = page.locator('[data-testid=result-provenance]');

      await run('SELECT area, count(*) AS firms FROM firms GROUP BY area ORDER BY area', '^3 rows');
      assert.equal(await strip.locator('.modelled-mark').count(), 1, 'the result of modelled firms is marked on screen');
      assert.match(await strip.textContent(), /modelled firm rows/);
      const csv = csvParts((await downloadOf(page, page.getByRole('button', { name: 'Export CSV' }))).bytes);
      assert.ok(
        csv.preamble.some((l) => l.startsWith('Modelled data')),
        csv.preamble.join(' | '),
      );
      assert.equal(csv.header, 'area,firms');

      // A constant, and a table made from one, have no origin: no mark, a plain CSV.
      await run('CREATE OR REPLACE TABLE answers AS SELECT 42 AS answer; SELECT * FROM answers', '^1 row');
      assert.equal(await strip.count(), 0, 'no provenance line on a constant');
      const plain = csvParts((await downloadOf(page, page.getByRole('button', { name: 'Export CSV' }))).bytes);
      assert.deepEqual([plain.preamble, plain.header, plain.rows], [[], 'answer', ['42']]);

      // A table made from modelled rows stays modelled.
      await run(
        "CREATE OR REPLACE TABLE big_firms AS SELECT * FROM firms WHERE scale_class = '规上'; SELECT count(*) AS n FROM big_firms",
        '^1 row',
      );
      assert.equal(await strip.locator('.modelled-mark').count(), 1, 'a table built from modelled rows is marked');

      // Parquet export: the origins are in the file's key-value metadata.
      await run('SELECT * FROM firms', '^1,681 rows');
      const pq = await downloadOf(page, page.getByRole('button', { name: 'Export Parquet' }));
      const path = join(dir, 'firms-export.parquet');
      writeFileSync(path, pq.bytes);
      const db = await DuckDBInstance.create(':memory:');
      const kv = (
        await (await db.connect()).runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${path}')`)
      ).getRowObjectsJson();
      db.closeSync();
      const stated = JSON.parse(kv.find((r) => r.k === 'jianghai:provenance').v);
      assert.equal(stated[0].kind, 'modelled');

      // Import it as a user would and map it: the firm charts stay marked as modelled.
      await page.getByRole('link', { name: 'Data', exact: true }).click();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'firms-export.parquet', mimeType: 'application/octet-stream', buffer: pq.bytes });
      const row = page.locator('.loaded-table', { hasText: 'firms-export.parquet' });
      await row.waitFor();
      await row.getByRole('button', { name: 'Map as firm data' }).click();
      await row.getByRole('button', { name: 'Show the explorer on this table' }).click();
      await row.locator('.mapping-result').waitFor();
      await page.getByRole('link', { name: 'Explore', exact: true }).click();
      await chartsReady(page);
      const seg = await readChart(page, 'firms-by-segment');
      assert.equal(seg.modelled, true, 'the re-imported modelled rows keep the mark');
      assert.match(seg.source, /Your imported data: firms-export\.parquet/);
      assert.equal(
        await figure(page, 'firms-by-scale-srdi').locator('.subtitle').count(),
        0,
        'no published totals quoted over a re-import',
      );
    }),
);

test("a console query of the user's own table names the file and carries no mark", { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/data?lang=en');
    await page.waitForFunction(() => window.__jianghai?.ready);
    await page.evaluate(() => window.__jianghai.ready);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from('name,output\r\nA,1\r\nB,2\r\n') });
    await page.locator('.staged').getByRole('button', { name: 'Load as table' }).click();
    await page.locator('.loaded-table', { hasText: 'mine.csv' }).waitFor();
    await page.getByRole('link', { name: 'SQL', exact: true }).click();
    const editor = page.getByLabel('SQL statement');
    await editor.fill('SELECT * FROM mine');
    await editor.press('Control+Enter');
    await page.waitForFunction(() => /^2 rows/.test(document.querySelector('.sql-status')?.textContent ?? ''));
    const strip = page.locator('[data-testid=result-provenance]');
    assert.match(await strip.textContent(), /Your imported data: mine\.csv/);
    assert.equal(await strip.locator('.modelled-mark, .foreign-mark').count(), 0);
    const csv = csvParts((await downloadOf(page, page.getByRole('button', { name: 'Export CSV' }))).bytes);
    assert.deepEqual([csv.preamble, csv.header], [[], 'name,output']);
  }),
);

test(
  'a console COPY of modelled firms to a file, read back, is still marked on screen and in its CSV (audit G1a)',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      await open('#/sql?lang=en');
      await page.waitForFunction(() => window.__jianghai?.ready);
      await page.evaluate(() => window.__jianghai.ready);
      const editor = page.getByLabel('SQL statement');
      const run = async (sql, rows) => {
        await editor.fill(sql);
        await editor.press('Control+Enter');
        await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('.sql-status')?.textContent ?? ''), rows);
      };
      const strip = page.locator('[data-testid=result-provenance]');
      const csvOf = async () => csvParts((await downloadOf(page, page.getByRole('button', { name: 'Export CSV' }))).bytes);

      await run("COPY firms TO 'copied.parquet' (FORMAT PARQUET); SELECT * FROM 'copied.parquet'", '^1,681 rows');
      assert.equal(await strip.locator('.modelled-mark').count(), 1, 'rows read back from the copied Parquet file are marked');
      const csv = await csvOf();
      assert.ok(
        csv.preamble.some((l) => l.startsWith('Modelled data')),
        csv.preamble.join(' | '),
      );
      assert.equal(csv.provenance[0].kind, 'modelled');

      await run(
        "COPY (SELECT id, segment FROM firms WHERE scale_class = '规上') TO 'big.csv' (HEADER); SELECT * FROM read_csv_auto('big.csv', header = true)",
        '^145 rows',
      );
      assert.equal(await strip.locator('.modelled-mark').count(), 1, 'rows read back from the copied CSV are marked');
      assert.ok((await csvOf()).preamble.some((l) => l.startsWith('Modelled data')));
    }),
);

/** The key-value metadata of a Parquet file, read with native DuckDB. */
async function parquetKv(bytes, name) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const db = await DuckDBInstance.create(':memory:');
  try {
    const rows = (
      await (await db.connect()).runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${path}')`)
    ).getRowObjectsJson();
    return Object.fromEntries(rows.map((r) => [r.k, r.v]));
  } finally {
    db.closeSync();
  }
}

test(
  'the selection bar says the whole modelled table as published, a brushed selection as its plain sum, both marked (audit G7)',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      await open('#/');
      await chartsReady(page);
      const bar = page.locator('.selection-bar');
      assert.equal((await bar.locator('[data-stat=output]').textContent()).trim(), '超270亿元');
      assert.equal(await bar.locator('.modelled-mark').count(), 1, 'the whole table is marked as modelled');
      // The firm list under it: the same source line as the charts, its mark and the placeholder-name note.
      const list = page.locator('[data-chart-id="firm-table"] .source-line');
      assert.equal(await list.locator('.modelled-mark').count(), 1, 'the firm list is marked as modelled');
      assert.match(await list.textContent(), /来源: 《江门日报》2023年7月7日；企业明细为模拟数据\s*企业名称为占位名，数字为模拟值。/);
      await brush(page, 'output-distribution', 0.45, 0.7);
      const output = (await bar.locator('[data-stat=output]').textContent()).trim();
      assert.match(output, /^[\d,.]+(万|亿)元$/, `a selection is its plain sum, with no 超: ${output}`);
      assert.equal(await bar.locator('.modelled-mark').count(), 1, 'the selection is still marked as modelled');
    }),
);

test(
  "a console query of another site's schools is marked and names that site on screen, in its CSV and in its Parquet metadata (audit G10)",
  { timeout: TIMEOUT },
  async () =>
    withPage({ server: await siteAccepting([foreign.origin]), origins: [foreign.origin] }, async ({ page, open }) => {
      await open(`#/sql?lang=en&data=${encodeURIComponent(`${foreign.url}own/manifest.json`)}`);
      await page.waitForFunction(() => window.__jianghai?.ready);
      await page.evaluate(() => window.__jianghai.ready);
      await consoleRun(page, 'SELECT name_en, seats FROM schools ORDER BY name_en', '^2 rows');
      const strip = page.locator('[data-testid=result-provenance]');
      assert.equal(await strip.locator('.foreign-mark').count(), 1, 'the result carries the external mark');
      assert.ok((await strip.textContent()).includes(host()), 'and names the site');
      const csv = csvParts((await downloadOf(page, page.getByRole('button', { name: 'Export CSV' }))).bytes);
      assert.ok(
        csv.preamble.some((l) => l.includes(host())),
        csv.preamble.join(' | '),
      );
      assert.ok(!csv.preamble.some(hasArticle), 'the CSV does not name the newspaper as the source');
      const kv = await parquetKv(
        (await downloadOf(page, page.getByRole('button', { name: 'Export Parquet' }))).bytes,
        'schools-foreign.parquet',
      );
      const stated = JSON.parse(kv['jianghai:provenance']);
      assert.deepEqual(
        stated.map((o) => [o.kind, o.host]),
        [['foreign', host()]],
      );
    }),
);

test(
  "a data= manifest that states no origin: each Parquet file's own metadata names it, as that site's claim (audit G12d)",
  { timeout: TIMEOUT },
  async () =>
    withPage({ server: await siteAccepting([foreign.origin]), origins: [foreign.origin] }, async ({ page, open }) => {
      await open(`#/?lang=en&data=${encodeURIComponent(`${foreign.url}bare/manifest.json`)}`);
      await chartsReady(page);
      const seg = await readChart(page, 'firms-by-segment');
      assert.ok(
        seg.source.includes(
          `Data from ${host()} (that site names its source as: Jiangmen Daily, 7 July 2023; modelled firm rows; not checked`,
        ),
        seg.source,
      );
      assert.equal(seg.modelled, true, "the file's modelled rows keep the mark");
      assert.equal(await figure(page, 'firms-by-segment').locator('.foreign-mark').count(), 1);
      // The changed schools file was rewritten without metadata: that site gives no source, and the page says so.
      assert.ok((await readChart(page, 'schools')).source.includes(`Data from ${host()} (no source given)`));
    }),
);

test(
  'frozen, static and engine-free embeds carry the modelled mark where the rows are modelled, and the source line (audit G9)',
  { timeout: TIMEOUT * 2 },
  () =>
    withPage({}, async ({ page, context, server, open }) => {
      const version = JSON.parse(readFileSync(join(DIST, 'data', 'manifest.json'), 'utf8')).dataVersion;
      // A new document each time: a link that differs only in its hash would not load the page again.
      const fresh = async (path) => {
        await page.goto('about:blank');
        await open(path);
      };
      const check = async (id, modelled, how) => {
        await chartsReady(page, [id]);
        const c = await readChart(page, id);
        assert.equal(c.modelled, modelled, `${how} ${id}: modelled mark ${modelled ? 'shown' : 'absent'}`);
        assert.ok(c.source.includes('Source: Jiangmen Daily, 7 July 2023'), `${how} ${id}: ${c.source}`);
      };
      for (const [query, how] of [
        [`&dv=${version}`, 'frozen'],
        ['&static=1', 'static'],
      ]) {
        for (const [id, modelled] of [
          ['firms-by-segment', true],
          ['concentration', true],
          ['projects-investment', true],
          ['schools', false],
        ]) {
          await fresh(`embed.html#/embed/${id}?v=2&lang=en${query}`);
          await check(id, modelled, how);
        }
      }
      // Without the build's answers in the page, a frozen embed of a small chart draws from that
      // version's small.json and never starts the engine.
      await context.route(`${server.url}embed.html`, async (route) => {
        const res = await route.fetch();
        const html = (await res.text()).replace(/<script type="application\/json" id="jianghai-first-paint">[\s\S]*?<\/script>/, '');
        await route.fulfill({ response: res, body: html });
      });
      const mark = server.log.length;
      for (const [id, modelled] of [
        ['projects-investment', true],
        ['schools', false],
      ]) {
        await fresh(`embed.html#/embed/${id}?v=2&lang=en&dv=${version}`);
        await check(id, modelled, 'engine-free');
      }
      const paths = server.log.slice(mark).map((e) => e.path);
      assert.ok(paths.includes(`/data/v/${version}/small.json`), `small.json was read: ${paths.join(' ')}`);
      assert.ok(!paths.some((p) => p.endsWith('.wasm')), 'the engine never started');
    }),
);
