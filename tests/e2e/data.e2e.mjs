// Bring your own data (issue 5): files generated here are imported through the file input, mapped,
// charted and queried in real Chromium; every bad input must end in an alert that names the file
// and leave the tables loaded before it intact; no request may carry file content or leave the origin.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as XLSX from '@e965/xlsx';
import { DuckDBInstance } from '@duckdb/node-api';
import { TIMEOUT, withPage } from './harness.mjs';
import { chartsReady, csvParts, downloadOf, figure, readChart } from './page.mjs';

const XSS = '<img src=x onerror=alert(1)>';
/** A string that appears only inside the fixtures: if it shows up in a request, file content left the page. */
const MARKER = 'ZQXJ-marker-7731';

// GBK encoder from the platform decoder (Node has full ICU): every two-byte code decoded once.
function gbk(s) {
  const map = new Map();
  const dec = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [a, b]);
    }
  }
  const out = [];
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out.push(c);
    else out.push(...map.get(ch));
  }
  return Buffer.from(out);
}

const FIRMS_CSV = [
  '企业名称,细分领域,所属街道,是否规上,专精特新,2022年产值（万元）,从业人员,成立年份',
  `${XSS},印刷电路板,外海街道,是,省级专精特新,"1,234",120,2015`,
  `${MARKER}公司,汽车电子,江南街道,否,无,3.5亿,80,2010`,
  '丙公司,汽车电子,礼乐街道,规上,国家级专精特新小巨人,"12,000",1500,2001',
  '丁公司,智能家电,礼乐街道,否,无,850,30,2019',
  `戊公司,${XSS},礼乐街道,否,无,90,12,2020`,
].join('\r\n');

let dir;
const files = {};
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jianghai-data-e2e-'));
  files.utf8 = {
    name: '企业名录.csv',
    mimeType: 'text/csv',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FIRMS_CSV)]),
  };
  files.gbk = {
    name: 'gbk名录.csv',
    mimeType: 'text/csv',
    buffer: gbk(`名称,街道,产值（万元）\r\n江门甲电子,外海街道,100\r\n江门乙电子,礼乐街道,"2,000"\r\n`),
  };
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet([
    ['江海区企业名录', null, null],
    ['名称', '街道', '产值（万元）'],
    ['甲', '江南街道', 100],
    ['乙', null, 200],
    ['丙', '礼乐街道', 300],
  ]);
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 2 } },
    { s: { r: 2, c: 1 }, e: { r: 3, c: 1 } },
  ];
  XLSX.utils.book_append_sheet(wb, ws, '企业');
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['项目', '投资（万元）'],
      ['P1', 5],
      ['P2', 7],
    ]),
    '项目',
  );
  files.xlsx = {
    name: '名录.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })),
  };
  const parquetPath = join(dir, 'p.parquet');
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await inst.connect();
  await conn.run(
    `COPY (SELECT i AS id, '项目' || i AS "名称", i * 1.5 AS "投资" FROM range(1, 51) t(i)) TO '${parquetPath}' (FORMAT PARQUET)`,
  );
  conn.closeSync?.();
  const parquet = readFileSync(parquetPath);
  files.parquet = { name: '项目.parquet', mimeType: 'application/octet-stream', buffer: parquet };
  files.json = {
    name: 'schools.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify([
        { 学校: '江海小学', 学位: 1620, 开学: '2024-09' },
        { 学校: '高新一小', 学位: 2160, 开学: '2024-09' },
      ]),
    ),
  };
  const random = Buffer.alloc(4096);
  for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
  files.bad = {
    empty: { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
    truncated: {
      name: 'truncated.parquet',
      mimeType: 'application/octet-stream',
      buffer: parquet.subarray(0, Math.floor(parquet.length / 2)),
    },
    randomParquet: { name: 'random.parquet', mimeType: 'application/octet-stream', buffer: random },
    randomXlsx: { name: 'random.xlsx', mimeType: 'application/octet-stream', buffer: random },
    badJson: { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('[\n{"a": 1},\n{"a" 2}\n]') },
  };
  files.messy = {
    name: 'messy.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      ['名称,产值,产值,,员工', '甲,"1,234",1,x,10', '乙,5.6万,2,y,约20', '丙,abc,3', '丁,100,4,z,30,extra,more', '戊,—,5,w,40'].join('\n'),
    ),
  };
  // Sparse: 2 GiB on paper, nothing on disk; the page must refuse it from its size alone.
  files.hugePath = join(dir, 'huge.csv');
  writeFileSync(files.hugePath, '');
  truncateSync(files.hugePath, 2 * 1024 ** 3);
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

/** Records every request: none may carry a body or mention the fixtures' content. */
function watchRequests(context) {
  const seen = [];
  context.on('request', (r) => seen.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() }));
  return () => {
    const bad = seen.filter(
      (r) =>
        r.body !== null || !['GET', 'HEAD'].includes(r.method) || decodeURIComponent(r.url).includes(MARKER) || r.url.includes('%E4%BC%81'),
    );
    assert.deepEqual(
      bad.map((r) => `${r.method} ${r.url}`),
      [],
      'a request carried file content',
    );
  };
}

const input = (page) => page.locator('input[type=file]');

/** Picks a file and waits until the page has answered: a preview, a loaded table or an alert naming it. */
async function pick(page, picked) {
  const name = typeof picked === 'string' ? picked.split('/').pop() : picked.name;
  await input(page).setInputFiles(picked);
  await page.waitForFunction(
    (name) =>
      !document.querySelector('.import-progress') &&
      [...document.querySelectorAll('.staged h3, .data-view [role=alert], .loaded-table')].some((el) => el.textContent.includes(name)),
    name,
  );
}

const alerts = (page) => page.locator('.data-view [role=alert]').allTextContents();
const loadedNames = (page) => page.locator('.loaded-table .table-name').allTextContents();

async function loadStaged(page) {
  const n = (await loadedNames(page)).length;
  await page.locator('.staged').first().getByRole('button', { name: 'Load as table' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.loaded-table').length > n, n);
}

async function openData(open, page) {
  await open('#/data?lang=en');
  await page.locator('.loaded').waitFor();
  await page.waitForFunction(() => window.__jianghai && window.__jianghai.ready);
  await page.evaluate(() => window.__jianghai.ready);
}

test(
  'UTF-8, GBK, xlsx (two sheets, merged cells), Parquet and JSON files load as tables, with nothing sent anywhere',
  { timeout: TIMEOUT * 2 },
  () =>
    withPage({}, async ({ page, context, open, logSince }) => {
      const xlsxChunk = () => logSince().filter((e) => /\/assets\/xlsx[^/]*\.js/.test(e.path)).length;
      const check = watchRequests(context);
      await openData(open, page);

      await pick(page, files.utf8);
      const staged = page.locator('.staged');
      assert.match(await staged.textContent(), /5 rows, 8 columns/);
      assert.match(await staged.textContent(), /Encoding: UTF-8 \(from the byte-order mark\)/);
      // The markup in a firm name is shown as text, never parsed as HTML.
      assert.equal(await page.locator('.staged td', { hasText: XSS }).count(), 2);
      assert.equal(await page.locator('.staged img').count(), 0);
      await loadStaged(page);

      await pick(page, files.gbk);
      assert.match(await page.locator('.staged').textContent(), /GB18030/);
      assert.equal(await page.locator('.staged td', { hasText: '江门甲电子' }).count(), 1);
      await loadStaged(page);

      // The xlsx reader is its own chunk, fetched only when a workbook is opened.
      assert.equal(xlsxChunk(), 0);
      await pick(page, files.xlsx);
      assert.equal(xlsxChunk(), 1);
      const x = page.locator('.staged');
      assert.deepEqual(
        await x
          .getByLabel(/^Sheet/)
          .locator('option')
          .allTextContents(),
        ['企业', '项目'],
      );
      assert.match(await x.textContent(), /1 merged cell ranges were filled/);
      assert.deepEqual(await x.locator('tbody tr td:nth-child(2)').allTextContents(), ['江南街道', '江南街道', '礼乐街道']);
      await x.getByLabel(/^Sheet/).selectOption('项目');
      await page.waitForFunction(() => document.querySelector('.staged th .col-name')?.textContent === '项目');
      assert.equal(await page.locator('.staged').getByLabel('Table name').inputValue(), '名录_项目');
      await loadStaged(page);

      await pick(page, files.parquet);
      // The JSON file is dropped on the drop zone rather than picked.
      await page.evaluate(
        ({ name, text }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'application/json' }));
          document.querySelector('.drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        { name: files.json.name, text: files.json.buffer.toString() },
      );
      await page.locator('.staged h3', { hasText: files.json.name }).waitFor();
      await loadStaged(page);

      // 'schools' is a bundled table, so the JSON file's table gets another name.
      assert.deepEqual(await loadedNames(page), ['企业名录', 'gbk名录', '名录_项目', '项目', 'schools_2']);
      assert.match(await page.locator('.loaded-table[data-table="项目"]').textContent(), /50 rows, 3 columns/);
      assert.match(await page.locator('.loaded-table[data-table="schools_2"]').textContent(), /2 rows, 3 columns/);
      const sums = await page.evaluate(async () => {
        const q = window.__jianghai.query;
        return [await q('SELECT * FROM "项目"'), await q('SELECT * FROM "gbk名录" WHERE "产值（万元）" = 2000')];
      });
      assert.deepEqual(sums, [50, 1]);
      assert.deepEqual(await alerts(page), []);

      // Removing one table leaves the others.
      await page.getByRole('button', { name: 'Remove table “gbk名录”' }).click();
      await page.waitForFunction(() => !document.querySelector('.loaded-table[data-table="gbk名录"]'));
      // The Remove button went with its table: focus is on the list's heading, not lost.
      await page.waitForFunction(() => document.activeElement?.id === 'loaded-h');
      assert.deepEqual(await loadedNames(page), ['企业名录', '名录_项目', '项目', 'schools_2']);
      assert.equal(await page.evaluate(() => window.__jianghai.query('SELECT * FROM "企业名录"')), 5);
      check();
    }),
);

test('bad inputs each get an alert naming the file and what to do, and earlier tables survive', { timeout: TIMEOUT * 2 }, () =>
  withPage({}, async ({ page, context, open }) => {
    const check = watchRequests(context);
    await openData(open, page);
    await pick(page, files.parquet);
    const survivor = async () => assert.equal(await page.evaluate(() => window.__jianghai.query('SELECT * FROM "项目"')), 50);

    const cases = [
      [files.bad.empty, 'empty.csv', /is empty/],
      [files.bad.truncated, 'truncated.parquet', /incomplete Parquet file/],
      [files.bad.randomParquet, 'random.parquet', /not a Parquet file/],
      [files.bad.randomXlsx, 'random.xlsx', /not an Excel workbook/],
      [files.bad.badJson, 'broken.json', /not valid JSON: syntax error at line 3/],
      [files.hugePath, 'huge.csv', /2 GB, over the 200 MB limit/],
    ];
    const produced = [];
    for (const [file, name, re] of cases) {
      await pick(page, file);
      const [text] = await alerts(page);
      assert.ok(text.includes(`“${name}”`), `the alert names ${name}: ${text}`);
      assert.match(text, re);
      produced.push(`${name}: ${text.replace(/×$/, '').trim()}`);
      assert.deepEqual(await loadedNames(page), ['项目']);
      await survivor();
    }

    // A messy CSV is not refused: its problems are counted and shown, row by row.
    await pick(page, files.messy);
    const staged = page.locator('.staged');
    const text = await staged.textContent();
    assert.match(text, /5 rows, 5 columns/);
    assert.match(text, /Column 3’s header “产值” is repeated; it is named “产值_2”/);
    assert.match(text, /Column 4’s header is empty; it is named “column_4”/);
    assert.match(text, /Row 4 has only 3 of 5 values/);
    assert.match(text, /Row 5 has 7 values for 5 columns; the extra values “extra, more” were dropped/);
    assert.equal(await staged.locator('.summary strong').textContent(), '2 rows with problems');
    // Three of four output values are numbers: not enough to decide for the user. Made numeric,
    // the 万 value is converted and "abc" is shown as the row that loses a value.
    await staged.getByLabel('Type of column “产值”').selectOption('number');
    await page.waitForFunction(() => /“abc” is not a number/.test(document.querySelector('.staged')?.textContent ?? ''));
    assert.match(await staged.textContent(), /Row 4, column “产值”: “abc” is not a number; it will be left empty/);
    assert.match(await staged.textContent(), /1 values written with 万\/亿 were converted/);
    assert.equal(await staged.locator('.summary strong').textContent(), '2 rows with problems');
    await staged.getByLabel('Type of column “员工”').selectOption('integer');
    await page.waitForFunction(() => document.querySelector('.staged .summary strong')?.textContent === '3 rows with problems');
    await loadStaged(page);
    const [row] = await page.evaluate(async () => {
      await window.__jianghai.query('SELECT 1');
      return [await window.__jianghai.query(`SELECT * FROM messy WHERE "产值" = 56000 AND "员工" IS NULL`)];
    });
    assert.equal(row, 1);
    await survivor();
    check();
    console.log(`# bad inputs tried:\n${produced.map((p) => `#   ${p}`).join('\n')}`);
  }),
);

test(
  'a mapped firm table drives the explorer without the modelled mark, and restoring brings the bundled data back',
  { timeout: TIMEOUT * 2 },
  () =>
    withPage({}, async ({ page, context, open }) => {
      const check = watchRequests(context);
      await openData(open, page);
      await pick(page, files.utf8);
      await loadStaged(page);
      const item = page.locator('.loaded-table[data-table="企业名录"]');
      await item.getByRole('button', { name: 'Map as firm data' }).click();
      assert.equal(await item.getByLabel('Segment').inputValue(), '细分领域');
      assert.equal(await item.getByLabel('Output 2022').inputValue(), '2022年产值（万元）');
      await item.getByRole('button', { name: 'Show the explorer on this table' }).click();
      await item.locator('.mapping-result').waitFor();
      assert.match(await item.locator('.mapping-result').textContent(), /Explore now shows the 5 firms/);

      await page.getByRole('link', { name: 'Explore', exact: true }).click();
      await page.waitForFunction(() => document.querySelector('figure.chart[data-chart-id="firms-by-segment"]')?.dataset.state === 'ready');
      await chartsReady(page, await page.locator('figure.chart').count());
      const seg = await readChart(page, 'firms-by-segment');
      assert.equal(seg.modelled, false, 'the modelled mark goes with the user’s data');
      // Words quoting the article's totals describe the modelled rows, not the user's (audit G8).
      assert.equal(await figure(page, 'output-distribution').locator('.notes').count(), 0, 'no "over 270 亿元" note on an import');
      assert.equal(await figure(page, 'firms-by-scale-srdi').locator('.subtitle').count(), 0, 'no "145 above designated size" subtitle');
      assert.deepEqual(seg.marks.map((m) => m.row).sort(), ['印刷电路板', '智能家电', '汽车电子', XSS].sort());
      // Markup from the file is text everywhere: the label, the tooltip, the exported SVG.
      assert.ok(seg.rowLabels.includes(XSS), `row labels ${seg.rowLabels}`);
      assert.ok(
        seg.marks.some((m) => m.title.startsWith(`${XSS}:`)),
        'the tooltip shows the name literally',
      );
      assert.equal(await page.locator('figure.chart img, svg image').count(), 0);
      const svg = (
        await downloadOf(page, figure(page, 'firms-by-segment').getByRole('button', { name: 'Download SVG', exact: true }))
      ).bytes.toString('utf8');
      assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the SVG escapes the name');
      assert.ok(!svg.includes('<img'), 'the SVG holds no img element');
      assert.ok(!svg.includes('Modelled data'), 'no modelled mark on the user’s data');

      await open('#/data?lang=en');
      await page.getByRole('button', { name: 'Restore the bundled data' }).click();
      await page.waitForFunction(
        () =>
          /bundled firm table/.test(document.querySelector('.firm-source')?.textContent ?? '') &&
          !!document.querySelector('.loaded .modelled-mark'),
      );
      await page.getByRole('link', { name: 'Explore', exact: true }).click();
      await page.waitForFunction(() => document.querySelector('figure.chart[data-chart-id="firms-by-segment"]')?.dataset.state === 'ready');
      const back = await readChart(page, 'firms-by-segment');
      assert.equal(back.modelled, true);
      assert.equal(back.marks.length, 5);
      check();
    }),
);

test(
  'SQL console: examples, quoted insert of Chinese names, Ctrl+Enter, errors with position, exports, damage and reset',
  { timeout: TIMEOUT * 2 },
  () =>
    withPage({}, async ({ page, context, open }) => {
      const check = watchRequests(context);
      await openData(open, page);
      await pick(page, files.utf8);
      await loadStaged(page);
      await page.getByRole('link', { name: 'SQL', exact: true }).click();
      const editor = page.getByLabel('SQL statement');
      await editor.waitFor();

      // Click-to-insert quotes names, Chinese included.
      await editor.fill('SELECT  FROM 企业名录 ORDER BY 1');
      await editor.evaluate((el) => el.setSelectionRange(7, 7));
      await page.locator('.schema summary', { hasText: '企业名录' }).click();
      await page.getByRole('button', { name: 'Insert column name 企业名称 (VARCHAR)' }).click();
      assert.equal(await editor.inputValue(), 'SELECT "企业名称" FROM 企业名录 ORDER BY 1');
      await editor.press('Control+Enter');
      await page.waitForFunction(() => /5 rows/.test(document.querySelector('.sql-status')?.textContent ?? ''));
      assert.equal(await page.locator('.result-table td', { hasText: XSS }).count(), 1);
      assert.equal(await page.locator('.result-table img').count(), 0);

      // An error names the position and can take the cursor there.
      await editor.fill('SELECT segment,\n  count(*) AS n\nFROM firms\nGROUP BY segmnt');
      await editor.press('Control+Enter');
      const alert = page.locator('.sql-view [role=alert]');
      await alert.waitFor();
      assert.match(await alert.textContent(), /segmnt/);
      assert.match(await alert.textContent(), /line 4, column 10/);
      await alert.getByRole('button', { name: 'Go to the error' }).click();
      assert.equal(await editor.evaluate((el) => el.selectionStart), 52);

      // Examples run on the bundled tables.
      await page.getByLabel('Example queries').selectOption({ label: 'Key projects in total (27.79 亿元, 5.82 % above plan)' });
      await page.getByRole('button', { name: /^Run/ }).click();
      await page.waitForFunction(() => /1 row /.test(document.querySelector('.sql-status')?.textContent ?? ''));
      assert.deepEqual(await page.locator('.result-table tbody td').allTextContents(), ['27.79', '5.82']);

      // Exports: CSV with a BOM that names the modelled project rows it sums, Parquet that DuckDB reads back.
      const csv = await downloadOf(page, page.getByRole('button', { name: 'Export CSV' }));
      assert.equal(csv.name, 'query-result.csv');
      const parts = csvParts(csv.bytes);
      assert.ok(
        parts.preamble.some((l) => l.startsWith('Modelled data')),
        parts.preamble.join(' | '),
      );
      assert.deepEqual([parts.header, ...parts.rows], ['completed_yi,pct_above_plan', '27.79,5.82']);
      const pq = await downloadOf(page, page.getByRole('button', { name: 'Export Parquet' }));
      assert.equal(pq.name, 'query-result.parquet');
      assert.equal(pq.bytes.subarray(0, 4).toString(), 'PAR1');
      const pqPath = join(dir, 'back.parquet');
      writeFileSync(pqPath, pq.bytes);
      const inst = await DuckDBInstance.create(':memory:');
      const rows = (await (await inst.connect()).runAndReadAll(`SELECT * FROM '${pqPath}'`)).getRowObjectsJson();
      assert.deepEqual(rows, [{ completed_yi: 27.79, pct_above_plan: 5.82 }]);

      // Large results are virtualised: every row is reachable, few are in the DOM.
      await editor.fill('SELECT range AS i, range * 2 AS twice FROM range(50000)');
      await editor.press('Control+Enter');
      await page.waitForFunction(() => /50,000 rows/.test(document.querySelector('.sql-status')?.textContent ?? ''));
      const table = page.locator('.result-table');
      assert.equal(await table.getAttribute('aria-rowcount'), '50001');
      assert.ok((await table.locator('tbody tr:not(.spacer)').count()) < 200);
      await page.locator('.result-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForFunction(() => [...document.querySelectorAll('.result-table td')].some((td) => td.textContent === '99998'));
      assert.equal(await table.locator('tr[aria-rowindex="50001"] td').first().textContent(), '49999');

      // A long query can be cancelled.
      await editor.fill('SELECT count(*) FROM range(100000000000) a');
      await page.getByRole('button', { name: /^Run/ }).click();
      await page.getByRole('progressbar', { name: 'Running the query' }).waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForFunction(() => /cancelled/.test(document.querySelector('.sql-status')?.textContent ?? ''), null, {
        timeout: 30_000,
      });

      // Damage, then reset: the bundled views come back, imported tables stay.
      await editor.fill('DROP VIEW firms; DROP VIEW projects; CREATE OR REPLACE VIEW facts AS SELECT 1 AS x;');
      await editor.press('Control+Enter');
      await page.waitForFunction(() => /Done/.test(document.querySelector('.sql-status')?.textContent ?? ''));
      await page.getByRole('button', { name: 'Reset bundled tables' }).click();
      await page.waitForFunction(() => /restored/.test(document.querySelector('.sql-status')?.textContent ?? ''));
      const counts = await page.evaluate(async () => {
        const q = window.__jianghai.query;
        return [
          await q('SELECT * FROM firms'),
          await q('SELECT * FROM projects'),
          await q('SELECT * FROM facts'),
          await q('SELECT * FROM 企业名录'),
        ];
      });
      assert.deepEqual(counts, [1681, 20, 29, 5]);
      check();
    }),
);

test('alerts speak the page language: a refused file in Chinese', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/data');
    await page.locator('.loaded').waitFor();
    await input(page).setInputFiles(files.bad.randomXlsx);
    const alert = page.locator('.data-view [role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /“random\.xlsx”不是 Excel 工作簿.*另存为 \.xlsx/);
  }),
);

test("a console statement past the engine's memory limit says so and names the limit, and the console goes on", { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/sql?lang=en');
    const editor = page.getByLabel('SQL statement');
    const run = async (sql, done) => {
      await editor.fill(sql);
      await editor.press('Control+Enter');
      await page.waitForFunction(done);
    };
    const status = () => /Done|rows?\b/.test(document.querySelector('.sql-status')?.textContent ?? '');
    // The default limit (2 GB here) would take seconds to reach; the mechanism is the same at 64 MB.
    await run("SET memory_limit = '64MB'", status);
    await run(
      'CREATE TABLE big AS SELECT range AS i, range::VARCHAR AS s FROM range(20000000)',
      () => !!document.querySelector('.sql-view [role=alert]'),
    );
    const alert = await page.locator('.sql-view [role=alert]').textContent();
    assert.match(alert, /Out of Memory/);
    assert.match(alert, /memory_limit = 64\.0MB/);
    assert.match(alert, /narrow it or add a LIMIT/);
    await run('SELECT 42 AS answer', () => document.querySelector('.result-table tbody td')?.textContent === '42');
  }),
);
