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

test(
  'the about page says exactly what the table covers, and lists every other number of the page, in both languages',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const read = async () => ({
        sentence: (await page.locator('p.coverage').textContent()).trim(),
        others: (await page.locator('ul.coverage-others > li').allTextContents()).map((t) => t.trim()),
      });
      await open('#/about');
      await page.locator('p.coverage').waitFor();
      const zh = await read();
      assert.ok(zh.sentence.startsWith(`下表列出该版报道公布的${FACTS.length}个数字`), zh.sentence);
      assert.match(zh.sentence, /全部列举如下/);
      assert.equal(zh.others.length, 4, 'dates, names, places and parties, the Waihai event');
      for (const w of [
        '7月6日',
        '一年多来',
        '2016年以来',
        '二十大',
        '三大战略性新兴产业',
        '“1+3+2”',
        '五位一体',
        '两天一夜',
        '首个',
        '第一辑',
        '百余名',
        '16名',
        '80余幅',
        '20余名',
      ])
        assert.ok(zh.others.join('').includes(w), `the Chinese list names ${w}`);
      await open('#/about?v=1&lang=en');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      const en = await read();
      assert.ok(en.sentence.startsWith(`The table lists the ${FACTS.length} figures the page publishes about`), en.sentence);
      assert.match(en.sentence, /Every other number on the page is left out of it; here is the complete list/);
      assert.doesNotMatch(en.sentence, /lists all \d+ figures/);
      for (const w of [
        '6 July',
        'for over a year',
        'since 2016',
        '20th Party Congress',
        'three strategic emerging industries',
        '“1+3+2”',
        'five-in-one',
        'two days, one night',
        'first data-element',
        'volume one',
        '“over 100”',
        '16 listeners',
        '“over 80”',
        '“over 20”',
      ])
        assert.ok(en.others.join('').includes(w), `the English list names ${w}`);
    }),
);
