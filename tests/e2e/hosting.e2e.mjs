// How the site behaves once hosted: from a sub-path, inside an article's iframe, on a phone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, subpathSite, withPage } from './harness.mjs';
import { CHART_IDS } from './expected.mjs';
import { chartsReady, engineAnswered } from './page.mjs';

test('the site works from a sub-path: every asset and data file loads and the charts render', { timeout: TIMEOUT }, async () => {
  const { server } = await subpathSite();
  await withPage({ server, base: '/sub/dir/' }, async ({ page, open, logSince }) => {
    await open('#/?lang=en');
    await chartsReady(page);
    await engineAnswered(page);
    const paths = logSince().map((e) => e.path);
    assert.ok(paths.length > 0);
    const outside = paths.filter((p) => !p.startsWith('/sub/dir/'));
    assert.deepEqual(outside, [], 'requests escaped the sub-path');
    assert.ok(paths.some((p) => p.endsWith('.wasm')) && paths.some((p) => p.endsWith('.parquet')));
    // withPage also asserts that no request was answered 404.
  });
});

test('the embed view posts its height to the parent page', { timeout: TIMEOUT }, async () => {
  const { server } = await subpathSite();
  await withPage({ server }, async ({ page, open }) => {
    await open('host.html#/embed/firms-by-segment');
    const iframe = await (await page.waitForSelector('iframe#embed')).contentFrame();
    await chartsReady(iframe, ['firms-by-segment']);
    const height = await iframe.evaluate(() => Math.ceil(document.querySelector('.embed').getBoundingClientRect().height));
    assert.ok(height > 200, `the embedded chart is drawn (height ${height})`);
    // The last message must carry the drawn height, not only the placeholder's.
    const handle = await page.waitForFunction(
      (h) => window.__messages.find((m) => m.data?.type === 'jianghai-embed:height' && m.data.height === h),
      height,
    );
    const msg = await handle.jsonValue();
    assert.deepEqual(msg.data, { type: 'jianghai-embed:height', chartId: 'firms-by-segment', height });
    assert.equal(msg.origin, server.origin);
    // The provenance travels with the embed: title, source line and the modelled mark.
    const fig = iframe.locator('figure.chart');
    assert.ok((await fig.locator('.chart-title').textContent()).trim());
    assert.match(await fig.locator('.source-line').textContent(), /江门日报/);
    assert.equal(await fig.locator('.modelled-mark').count(), 1);
  });
});

test('a 360 x 740 phone screen has no horizontal overflow and draws every chart', { timeout: TIMEOUT }, () =>
  withPage({ viewport: { width: 360, height: 740 } }, async ({ page, open }) => {
    for (const [htmlLang, hash] of [
      ['zh-CN', '#/'],
      ['en', '#/?lang=en'],
    ]) {
      await open(hash);
      await page.waitForFunction((l) => document.documentElement.lang === l, htmlLang);
      await chartsReady(page);
      const { scrollWidth, wide } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        wide: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > 360.5)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`),
      }));
      assert.ok(scrollWidth <= 360, `page is ${scrollWidth}px wide in ${htmlLang}; widest elements: ${wide.join(', ')}`);
      assert.equal(await page.locator('figure.chart').count(), CHART_IDS.length);
    }
  }),
);
