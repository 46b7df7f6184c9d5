// Every chart of the explore view, in both languages: drawn from the engine with the expected marks,
// labelled, captioned with title and source, marked when it rests on modelled rows, and its table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
import { CHARTS, CHART_IDS, FIRMS, MENU } from './expected.mjs';
import { chartsReady, engineAnswered, figure, readChart, tooltipCount } from './page.mjs';

const sorted = (xs) => [...xs].sort();
const distinct = (xs) => sorted(new Set(xs));

function assertMarks(id, chart, lang) {
  const want = CHARTS[id];
  assert.equal(chart.state, 'ready', `${id} state`);
  if (want.marks === null) assert.ok(chart.marks.length > 10, `${id}: one mark per non-empty bin, got ${chart.marks.length}`);
  else assert.equal(chart.marks.length, want.marks, `${id}: number of marks`);
  if (want.rectMarks !== false) {
    for (const m of chart.marks) {
      assert.equal(m.tag, 'rect', `${id}: marks are rect.mark`);
      assert.match(m.title, /\d/, `${id}: every mark tells its value (<title> or aria-label)`);
    }
  }
  if (want.rows) assert.deepEqual(distinct(chart.marks.map((m) => m.row)), sorted(want.rows), `${id}: data-row values`);
  if (want.distinctRows) assert.equal(distinct(chart.marks.map((m) => m.row)).length, want.distinctRows, `${id}: distinct rows`);
  if (want.series) assert.deepEqual(distinct(chart.marks.map((m) => m.series)), sorted(want.series), `${id}: data-series values`);
  if (want.series && want.rows)
    assert.equal(chart.marks.length, want.rows.length * want.series.length, `${id}: one mark per row and series`);
  if (want.labels) {
    const labels = want.labels[lang];
    assert.deepEqual(sorted(chart.rowLabels), sorted(Object.values(labels)), `${id}: row labels (${lang})`);
    // The tooltip names the row as the label does, which ties each label to its mark.
    for (const m of chart.marks) assert.ok(m.title.startsWith(labels[m.row]), `${id}: tooltip "${m.title}" starts with "${labels[m.row]}"`);
  }
  if (want.countsFirms) {
    const total = chart.marks.reduce((a, m) => a + tooltipCount(m.title), 0);
    assert.equal(total, FIRMS, `${id}: tooltip counts add up to the published number of firms`);
  }
  assert.deepEqual(chart.menu, MENU[lang], `${id}: menu buttons (${lang})`);
}

for (const [lang, hash] of [
  ['zh', '#/'],
  ['en', '#/?v=1&lang=en'],
]) {
  test(
    `each chart is drawn with its expected marks, labels and menu in ${lang === 'zh' ? 'Chinese' : 'English'}`,
    { timeout: TIMEOUT },
    () =>
      withPage({}, async ({ page, open }) => {
        await open(hash);
        await chartsReady(page);
        const ids = await page.$$eval('figure.chart', (figs) => figs.map((f) => f.dataset.chartId));
        assert.deepEqual(ids, CHART_IDS, 'charts in page order');
        for (const id of CHART_IDS) assertMarks(id, await readChart(page, id), lang);
      }),
  );
}

test(
  'every chart has a caption with its title, a source line linking to the about page, and the modelled mark where it rests on modelled rows',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const langs = [
        ['zh-CN', '#/', /来源.*江门日报/, '#/about'],
        ['en', '#/?lang=en', /Source.*Jiangmen Daily/, '#/about?lang=en'],
      ];
      for (const [htmlLang, hash, source, about] of langs) {
        // The second visit is a hash change on the same document: wait for the language to switch.
        await open(hash);
        await page.waitForFunction((l) => document.documentElement.lang === l, htmlLang);
        await chartsReady(page);
        for (const id of CHART_IDS) {
          const c = await readChart(page, id);
          assert.ok(c.title, `${id}: title`);
          assert.match(c.source, source, `${id}: source line`);
          assert.equal(c.sourceHref, about, `${id}: source links to the about page`);
          assert.equal(c.modelled, CHARTS[id].modelled, `${id}: modelled mark`);
        }
      }
      // The source link leads to the quotes: follow one.
      await figure(page, 'schools').locator('.source-line a').click();
      await page.locator('table.facts-table').waitFor();
    }),
);

test('"Show table" reveals a table with one row per category inside the chart', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/?lang=en');
    await chartsReady(page);
    for (const id of CHART_IDS) {
      const fig = figure(page, id);
      const button = fig.getByRole('button', { name: 'Show table' });
      assert.equal(await fig.locator('table').count(), 0, `${id}: no table before the click`);
      await button.click();
      await fig.locator('table').waitFor();
      const rows = await fig.locator('table tbody tr').count();
      const { tableRows } = CHARTS[id];
      if (tableRows === undefined) assert.ok(rows > 0, `${id}: table rows`);
      else assert.equal(rows, tableRows ?? (await readChart(page, id)).marks.length, `${id}: table rows`);
      assert.equal(await fig.getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded'), 'true');
    }
  }),
);

test('Parquet files are read with HTTP range requests', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open, logSince }) => {
    await open('#/');
    await chartsReady(page);
    await engineAnswered(page);
    const parquet = logSince().filter((e) => e.path.endsWith('.parquet'));
    const firms = parquet.filter((e) => e.path === '/data/firms.parquet' && e.method === 'GET');
    assert.ok(firms.length > 0, 'firms.parquet was read');
    for (const e of parquet) {
      assert.ok(e.range, `${e.method} ${e.path} without a Range header`);
      assert.equal(e.status, 206, `${e.method} ${e.path} ${e.range}`);
    }
  }),
);

test('the Embed button offers a snippet whose page shows the chart on its own', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/?lang=en');
    await chartsReady(page);
    await figure(page, 'output-distribution').getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const snippet = await dialog.locator('#embed-snippet').inputValue();
    assert.match(snippet, /<iframe src="[^"]*#\/embed\/output-distribution[^"]*"/);
    assert.match(snippet, /jianghai-embed:height/);
    const src = /src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.goto(src);
    await chartsReady(page, ['output-distribution']);
    assert.equal(await figure(page, 'output-distribution').count(), 1);
    assert.equal(await page.locator('header nav').count(), 0, 'the embed view has no site navigation');
  }),
);

test('a malformed or unknown hash still opens the dashboard', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/nowhere/NOT_AN_ID?v=999&lang=xx&%E0%A4%A=1&filter=%ZZ');
    await chartsReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal((await page.locator('li.kpi').count()) > 0, true);
  }),
);
