// Paint before the engine (issue 9): every chart of #/ and of an embed draws from the answers the
// build wrote into the page, in both languages, while the wasm module has not even arrived; the
// engine then takes over with the same marks and no layout shift.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, TIMEOUT, subpathSite, withPage } from './harness.mjs';
import { chartsPainted, chartsReady, engineAnswered, holdRequests, readChart } from './page.mjs';
import { CHART_IDS } from './expected.mjs';

/** Marks, labels and the source line of every chart, and the page's height, in one round trip. */
const snapshotOf = async (page) => ({
  charts: await Promise.all(CHART_IDS.map((id) => readChart(page, id))),
  height: await page.evaluate(() => document.documentElement.scrollHeight),
  kpis: await page.locator('.kpi').count(),
  firms: await page.locator('[data-chart-id="firm-table"] tbody tr').count(),
});

test(
  'with the wasm module held back, every chart, KPI tile and the firm list are painted, in Chinese and English',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, context, open, logSince }) => {
      const wasm = await holdRequests(context, '**/*.wasm');
      for (const hash of ['#/', '#/?lang=en']) {
        // A new document each time: a hash change alone would switch the language of the page already drawn.
        await page.goto('about:blank');
        await open(hash);
        await chartsPainted(page);
        const before = await snapshotOf(page);
        assert.equal(before.kpis, 12);
        assert.equal(before.firms, 25, 'the first page of the firm list');
        for (const c of before.charts) {
          assert.ok(c.marks.length > 0, `${c.title} is drawn`);
          assert.match(c.source, hash.includes('en') ? /Source: Jiangmen Daily/ : /来源: 《江门日报》/, `${c.title} names its source`);
        }
        assert.equal(logSince().filter((e) => e.path.endsWith('.wasm') && e.status === 200).length, 0, 'no wasm byte has arrived');
      }
      // The engine takes over: the same marks, the same source lines, no shift of the page.
      const before = await snapshotOf(page);
      wasm.release();
      await engineAnswered(page);
      const after = await snapshotOf(page);
      assert.deepEqual(after, before, 'the engine draws exactly what the first paint drew');
    }),
);

test('an embed of a linked view paints before the engine, and a filtered link waits for it', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, context, open }) => {
    const wasm = await holdRequests(context, '**/*.wasm');
    await open('#/embed/output-distribution?v=2&lang=en');
    await chartsPainted(page, ['output-distribution']);
    await open('#/?v=2&lang=en&area=%E5%A4%96%E6%B5%B7%E8%A1%97%E9%81%93');
    await page.locator('figure.chart[data-chart-id="schools"][data-state="ready"]').waitFor();
    // The build answered only the unfiltered table: a filtered view shows nothing until the engine.
    assert.equal(await page.locator('figure.chart[data-chart-id="firms-by-segment"] .mark').count(), 0);
    wasm.release();
    await chartsReady(page);
  }),
);

/**
 * Records every layout shift of each document of the context from its first byte (`window.__shifts`:
 * value and the class names of the elements that moved).
 */
const recordShifts = (context) =>
  context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__shifts.push({
          value: e.value,
          moved: e.sources.map((s) => s.node?.className?.baseVal ?? s.node?.className ?? s.node?.nodeName),
        });
    }).observe({ type: 'layout-shift', buffered: true });
  });
const shiftsOf = (pageOrFrame) => pageOrFrame.evaluate(() => window.__shifts.filter((s) => s.value > 0));

/**
 * Position and size of every chart, tile, list, note and menu, and of the page. With `svgWidth: false`
 * a chart's drawing may be wider than it was: an embed's frame width is not known when the page is
 * built, so its chart is prerendered at the dashboard's width and redrawn to fill the frame, at the
 * same height (nothing moves).
 */
const boxesOf = (pageOrFrame, { svgWidth = true } = {}) =>
  pageOrFrame.evaluate(
    (svgWidth) => [
      document.documentElement.scrollHeight,
      ...[
        ...document.querySelectorAll('figure.chart, li.kpi, section.firm-table, .notes, .chart-menu, svg.chart-svg, .foot, .embed-back'),
      ].map((el) => {
        const r = el.getBoundingClientRect();
        const box = [r.x, r.y + scrollY, svgWidth || el.tagName !== 'svg' ? r.width : 0, r.height].map(Math.round);
        return `${el.closest('[data-chart-id]')?.dataset.chartId ?? ''} ${el.getAttribute('class')}: ${box}`;
      }),
    ],
    svgWidth,
  );

/** The app's main module (index-<hash>.js): held back, the page shows only what the HTML holds. */
const MAIN_JS = '**/assets/index-*.js';

test(
  'the page is prerendered: with no app script run, #/ shows every chart, KPI tile and the firm list in the language of its link; the app hydrates it and the engine takes over without moving a box',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, context, server }) => {
      await recordShifts(context);
      for (const [hash, lang, title] of [
        ['#/', 'zh-CN', '江海区新一代电子信息产业集群'],
        ['#/?v=2&lang=en', 'en', 'Jianghai electronic-information cluster'],
      ]) {
        const wasm = await holdRequests(context, '**/*.wasm');
        const main = await holdRequests(context, MAIN_JS);
        // A new document each time (from one hash to another is the same document); the held module
        // also holds the load event back.
        await page.goto('about:blank');
        await page.goto(server.url + hash, { waitUntil: 'commit' });
        await chartsPainted(page);
        const html = await page.evaluate(() => ({
          app: window.__jianghai,
          lang: document.documentElement.lang,
          title: document.querySelector('h1')?.textContent,
          kpis: document.querySelectorAll('li.kpi').length,
          firms: document.querySelectorAll('[data-chart-id="firm-table"] tbody tr').length,
        }));
        assert.deepEqual(html, { app: undefined, lang, title, kpis: 12, firms: 25 }, 'the HTML alone shows the whole dashboard');
        const painted = await boxesOf(page);
        const nodes = await page.evaluate(() => {
          const all = document.querySelectorAll('#app .mark, #app li.kpi, #app tbody tr');
          for (const el of all) el.prerendered = true;
          return all.length;
        });
        main.release();
        await page.waitForFunction(() => window.__jianghai?.app);
        assert.equal(await page.evaluate(() => window.__jianghai.app), 'hydrated');
        assert.equal(
          await page.evaluate(
            () => [...document.querySelectorAll('#app .mark, #app li.kpi, #app tbody tr')].filter((el) => el.prerendered).length,
          ),
          nodes,
          'hydrating keeps every prerendered mark, tile and row',
        );
        assert.deepEqual(await boxesOf(page), painted, 'hydrating moves nothing');
        wasm.release();
        await engineAnswered(page);
        assert.deepEqual(await boxesOf(page), painted, 'the engine taking over moves nothing');
        assert.deepEqual(await shiftsOf(page), [], 'no layout shift from the first byte to the engine');
      }
    }),
);

test(
  'a link to a state the build did not prerender shows nothing of another state, then the app draws the state asked for',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, context, server }) => {
      for (const [path, drawn] of [
        [
          '#/?v=2&lang=en&area=%E5%A4%96%E6%B5%B7%E8%A1%97%E9%81%93',
          async () => assert.equal(await page.locator('.selection-bar .chip').count(), 1),
        ],
        ['#/about', () => page.locator('main h2').first().waitFor()],
        ['embed.html#/embed/firms-by-segment?v=2&static=1', async () => assert.equal(await page.locator('.chart-menu').count(), 0)],
        // Marks are coloured for the theme, and only the light embeds are prerendered.
        [
          'embed.html#/embed/schools?v=2&theme=dark',
          async () => assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark'),
        ],
      ]) {
        const main = await holdRequests(context, MAIN_JS);
        await page.goto('about:blank');
        await page.goto(server.url + path, { waitUntil: 'commit' });
        // The picker (deferred, before the held module) has run once no prerendered page is left.
        await page.waitForFunction(() => document.readyState !== 'loading' && document.querySelectorAll('template').length === 0);
        assert.equal(await page.evaluate(() => document.getElementById('app').innerHTML), '', `${path}: no prerendered page is shown`);
        main.release();
        await page.waitForFunction(() => window.__jianghai?.app);
        assert.equal(await page.evaluate(() => window.__jianghai.app), 'mounted');
        await drawn();
        await engineAnswered(page);
      }
    }),
);

test(
  'an embed in an article paints from its HTML, posts one height and never moves, live or frozen, light or following a light system',
  { timeout: TIMEOUT },
  async () => {
    const { server } = await subpathSite();
    await withPage({ server }, async ({ page, context }) => {
      await recordShifts(context);
      // Today's data version: a frozen embed of it is the same page as a live one.
      const version = /name="jianghai:data-version" content="([0-9a-f]+)"/.exec(readFileSync(join(DIST, 'embed.html'), 'utf8'))[1];
      for (const [hash, id, theme] of [
        ['#/embed/firms-by-segment', 'firms-by-segment', 'light'],
        // theme=auto on a system that is not dark (headless Chromium) is the light page.
        [`#/embed/output-distribution?v=2&lang=en&dv=${version}&theme=auto`, 'output-distribution', 'auto'],
        ['#/embed/schools?v=2&lang=en', 'schools', 'light'],
      ]) {
        const main = await holdRequests(context, MAIN_JS);
        await page.goto('about:blank');
        await page.goto(`${server.url}host.html${hash}`, { waitUntil: 'commit' });
        const frame = await (await page.waitForSelector('iframe#embed')).contentFrame();
        await chartsPainted(frame, [id]);
        assert.deepEqual(
          await frame.evaluate(() => [window.__jianghai, document.documentElement.dataset.theme]),
          [undefined, theme],
          `${hash}: painted from the HTML, in its theme`,
        );
        const painted = await boxesOf(frame, { svgWidth: false });
        main.release();
        await frame.waitForFunction(() => window.__jianghai?.app);
        assert.equal(await frame.evaluate(() => window.__jianghai.app), 'hydrated');
        await engineAnswered(frame);
        assert.deepEqual(await boxesOf(frame, { svgWidth: false }), painted, `${hash}: nothing moved`);
        assert.equal(
          await frame.evaluate(() => document.querySelector('svg.chart-svg').getBoundingClientRect().width),
          await frame.evaluate(() => document.querySelector('.chart-body').getBoundingClientRect().width),
          `${hash}: the chart fills the frame`,
        );
        assert.deepEqual(await shiftsOf(frame), [], `${hash}: no layout shift`);
        const heights = await page.evaluate(() => [
          ...new Set(window.__messages.filter((m) => m.data?.type === 'jianghai-embed:height').map((m) => m.data.height)),
        ]);
        assert.equal(heights.length, 1, `${hash}: the host is told one height (${heights.join(', ')})`);
      }
    });
  },
);
