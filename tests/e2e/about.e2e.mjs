// The about page is where every number can be checked against the article: all published figures,
// each with its original quote.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
import { FACTS } from './expected.mjs';

const readFacts = (page) =>
  page.$$eval('table.facts-table tbody tr', (rows) =>
    rows.map((tr) => ({ id: tr.id.replace(/^fact-/, ''), cells: [...tr.cells].map((td) => td.textContent.trim()) })),
  );

test('the about page lists every published figure with its quote, in both languages', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    for (const [htmlLang, hash] of [
      ['zh-CN', '#/about'],
      ['en', '#/about?v=1&lang=en'],
    ]) {
      await open(hash);
      await page.waitForFunction((l) => document.documentElement.lang === l, htmlLang);
      await page.locator('table.facts-table tbody tr').first().waitFor();
      const rows = await readFacts(page);
      assert.equal(rows.length, FACTS.length, `one row per entry of data/facts.json (${htmlLang})`);
      const byId = new Map(rows.map((r) => [r.id, r.cells]));
      for (const f of FACTS) {
        const cells = byId.get(f.id);
        assert.ok(cells, `figure ${f.id} is listed (${htmlLang})`);
        assert.equal(cells.at(-1), f.quote, `quote of ${f.id} (${htmlLang})`);
        assert.ok(cells.includes(htmlLang === 'en' ? f.indicator_en : f.indicator_zh), `indicator of ${f.id} (${htmlLang})`);
      }
    }
  }),
);
