// State in the URL (issue 3): every selection, brush, sort, page and the language live in the hash, so
// a reload, back and forward, and the same link in another browser show exactly what was on screen;
// hostile or malformed values are taken as plain values, ignored or clamped, and never run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
import { assertLinked, brush, chartsReady, figure, readLinked, selectionsIn, settled } from './page.mjs';

const enc = encodeURIComponent;

/** The table's sort and page as a link states them, in the shape assertLinked takes. */
function tableIn(hash) {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const [column, dir] = (q.get('sort') ?? 'output_2022.desc').split('.');
  return { sort: `${column} ${dir.toUpperCase()}`, page: Number(q.get('page') ?? 0) };
}

/**
 * What is on screen, settled: the linked views (bars in drawing order), KPIs, chips, range outputs,
 * table, language and every axis label.
 */
async function snapshot(page) {
  await settled(page);
  return {
    ...(await readLinked(page)),
    lang: await page.evaluate(() => document.documentElement.lang),
    axes: await page.$$eval('figure.chart svg.chart-svg .grid text', (ts) => ts.map((t) => t.textContent)),
  };
}

/** Counts the rows of `firms` in the page's engine: the table a hostile value would have to damage. */
const firmsRows = (page, where = '') => page.evaluate((w) => window.__jianghai.query(`SELECT * FROM firms ${w}`), where);

/**
 * Builds a state by hand (two segments, a brush on each histogram, a sort and a page) and returns a
 * snapshot after each step, with the hash it left.
 */
async function buildState(page, open) {
  await open('#/?lang=en');
  await chartsReady(page);
  const steps = [await snapshot(page)];
  await figure(page, 'firms-by-segment').locator('rect.pickable[data-row="电子关键元器件"]').click();
  steps.push(await snapshot(page));
  await figure(page, 'firms-by-segment')
    .locator('rect.pickable[data-row="智能家电"]')
    .click({ modifiers: ['Shift'] });
  steps.push(await snapshot(page));
  await brush(page, 'output-distribution', 0.3, 0.75);
  steps.push(await snapshot(page));
  await brush(page, 'founding-years', 0.4, 0.9);
  steps.push(await snapshot(page));
  const table = page.locator('[data-chart-id="firm-table"]');
  await table.getByRole('button', { name: 'Founded' }).click();
  steps.push(await snapshot(page));
  await table.getByRole('button', { name: 'Next' }).click();
  steps.push(await snapshot(page));
  return steps;
}

test('back and forward restore every step exactly, and so do a reload and the same link in a fresh browser', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    const steps = await buildState(page, open);
    const last = steps.at(-1);
    const sels = selectionsIn(last.hash);
    assert.deepEqual(Object.keys(sels), ['segment', 'output', 'founded'], `every filter is in the link: ${decodeURIComponent(last.hash)}`);
    assert.deepEqual(tableIn(last.hash), { sort: 'founded DESC', page: 1 });
    // What is on screen is right before it is compared with what comes back.
    await assertLinked(page, sels, tableIn(last.hash));

    for (let i = steps.length - 2; i >= 0; i--) {
      await page.goBack();
      assert.deepEqual(await snapshot(page), steps[i], `back to step ${i}`);
    }
    await page.goForward();
    assert.deepEqual(await snapshot(page), steps[1], 'forward to step 1');
    for (let i = 2; i < steps.length; i++) await page.goForward();
    assert.deepEqual(await snapshot(page), last, 'forward to the last step');

    await page.reload();
    await chartsReady(page);
    assert.deepEqual(await snapshot(page), last, 'after a reload');

    const url = page.url();
    await withPage({}, async ({ page: other }) => {
      await other.goto(url);
      await chartsReady(other);
      assert.deepEqual(await snapshot(other), last, 'the same link in a fresh context');
    });
  }),
);

test(
  'quotes, SQL fragments and markup in a link are plain values: they match no firm, show as text, run nothing and leave the firms table whole',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const dialogs = [];
      page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
      const segments = [
        "'); DROP TABLE firms; --",
        '" OR 1=1 --',
        '<script>window.__xss=1</script>',
        '<img src=x onerror="window.__xss=2">',
      ];
      await open(
        `#/?v=2&lang=en&segment=${segments.map(enc).join(',')}&area=${enc("' OR ''='")}&sort=${enc('name;DROP TABLE firms.asc')}` +
          `&page=${enc('1;DELETE FROM firms')}&output=${enc('1..2; DROP TABLE firms')}&data=${enc('javascript:window.__xss=3')}&dv=${enc('../../etc')}`,
      );
      // No firm matches, so the histograms have no bins to draw: wait for every chart to be ready instead.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('figure.chart')].every((f) => f.dataset.state === 'ready') &&
          document.querySelector('[data-stat=count]'),
      );
      const seen = await snapshot(page);
      assert.equal(seen.count, '0', 'no firm has these segments');
      assert.deepEqual(seen.chips, [
        { text: `Segment: ${segments.join(', ')}`, remove: 'Remove filter: Segment' },
        { text: "Subdistrict: ' OR ''='", remove: 'Remove filter: Subdistrict' },
      ]);
      assert.deepEqual(seen.sorted, ['2022 output ▼ descending'], 'an unknown sort is ignored');
      assert.equal(seen.pager, 'Page 1 of 1', 'a page that is not a number is ignored');
      assert.equal(seen.ranges.output, 'All', 'a range with trailing SQL is ignored');
      const injected = await page.evaluate(() => ({
        xss: window.__xss ?? null,
        elements: document.querySelectorAll('.selection-bar script, .selection-bar img, body img[src="x"]').length,
      }));
      assert.deepEqual(injected, { xss: null, elements: 0 }, 'markup stayed text');
      assert.deepEqual(dialogs, []);

      assert.equal(await firmsRows(page), 1681, 'the firms table is whole');
      assert.equal(await firmsRows(page, "WHERE segment = '汽车电子'"), 196);
      await page.getByRole('button', { name: 'Clear all filters' }).click();
      await assertLinked(page, {});
    }),
);

test('an embed link with markup for a chart id shows an alert naming no chart, and runs nothing', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open(`#/embed/${enc('<img src=x onerror="window.__xss=1">')}?v=2&lang=en`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /There is no chart called/);
    assert.deepEqual(await page.evaluate(() => [window.__xss ?? null, document.querySelectorAll('img').length]), [null, 0]);
  }),
);

test('10,000-character values are dropped and an over-long link is cut, keeping the filters before the cut', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    const long = 'a'.repeat(10_000);
    await open(
      `#/?v=2&lang=en&area=${enc('江南街道')}&segment=${long},${enc('汽车电子')}&founded=${'9'.repeat(10_000)}..1` +
        `&${'x'.repeat(10_000)}=1&output=300..420`,
    );
    await chartsReady(page);
    // The output range lies beyond the 16,384-character cut: it does not apply.
    const seen = await assertLinked(page, { area: ['江南街道'], segment: ['汽车电子'] });
    assert.deepEqual(
      seen.chips.map((c) => c.text),
      ['Segment: Automotive electronics', 'Subdistrict: Jiangnan Subdistrict'],
    );
    assert.equal(await firmsRows(page), 1681);
  }),
);

test('values of the wrong type are ignored, and ranges beyond the limits are clamped', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open(
      '#/?v=abc&lang=fr&output=abc..def&founded=2011..2000&page=-3&sort=founded.sideways&theme=purple&segment=,,,&breakdown=&area=%E0%A4%A',
    );
    await chartsReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN', 'an unknown language falls back to Chinese');
    const seen = await assertLinked(page, {});
    assert.deepEqual(seen.chips, []);
    assert.deepEqual(seen.sorted, ['2022年产值 ▼ descending']);
    assert.equal(seen.pager, '第1页，共68页');

    // Ranges far outside the data are clamped to the limits of their axis, so they keep every firm.
    await open('#/?v=2&lang=en&output=-9999999..9999999&founded=-9999999..9999999');
    const clamped = await assertLinked(page, { output: [-200, 900], founded: [1800, 2100] });
    assert.equal(clamped.count, '1,681');
    assert.deepEqual(
      clamped.chips.map((c) => c.remove),
      ['Remove filter: Output band', 'Remove filter: Founded'],
    );
    assert.equal(clamped.chips[1].text, 'Founded: 1800 – 2100');
    assert.equal(await firmsRows(page), 1681);
  }),
);

test('a page number past the last page shows the last page', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/?v=2&lang=en&page=1e99');
    await chartsReady(page);
    await assertLinked(page, {}, { page: 67 });
  }),
);
