// Paint before the engine (issue 9): every chart of #/ and of an embed draws from the answers the
// build wrote into the page, in both languages, while the wasm module has not even arrived; the
// engine then takes over with the same marks and no layout shift.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
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
