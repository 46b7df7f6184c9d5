// Accessibility (issue 3): axe-core finds no serious or critical violation on any view in either
// language, with a selection, the chart tables and the embed dialog open; and the main flows work
// on a 360 x 740 touch screen without sideways scrolling.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, TIMEOUT, withPage } from './harness.mjs';
import { assertLinked, chartsReady, figure, selectionsIn, settled, withContrast } from './page.mjs';

// Evaluated through the DevTools protocol: the page's CSP refuses an injected script tag, as it should.
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core on the document (or the elements matching `within`) and fails with every serious or
 * critical violation, readably.
 */
async function assertAxeClean(page, where, within = null) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async (sel) => {
    const { violations } = await window.axe.run(sel ?? document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: `${v.id} (${v.impact}): ${v.help}`,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
        more: Math.max(0, v.nodes.length - 5),
      }));
  }, within);
  const report = found
    .map((v) => [v.rule, ...v.nodes.map((n) => `    ${n}`), ...(v.more ? [`    ... and ${v.more} more`] : [])].join('\n'))
    .join('\n');
  assert.equal(found.length, 0, `axe on ${where}:\n${report}`);
}

const T = {
  zh: { htmlLang: 'zh-CN', show: '显示表格', embed: '嵌入', close: '关闭', statement: 'SQL 语句' },
  en: { htmlLang: 'en', show: 'Show table', embed: 'Embed', close: 'Close', statement: 'SQL statement' },
};

for (const lang of ['zh', 'en']) {
  const t = T[lang];
  const q = `lang=${lang}`;
  test(`axe finds no serious or critical violation on any view in ${lang === 'zh' ? 'Chinese' : 'English'}`, { timeout: TIMEOUT * 2 }, () =>
    withPage({}, async ({ page, open }) => {
      // One document: later views are hash changes, as when a reader follows the navigation.
      await open(`#/?${q}`);
      await page.waitForFunction((l) => document.documentElement.lang === l, t.htmlLang);
      await chartsReady(page);
      await assertAxeClean(page, `#/?${q}`);

      // A selection in two views, every chart's table shown, then the embed dialog over it all.
      await figure(page, 'firms-by-segment').locator('rect.pickable[data-row="汽车电子"]').click();
      await figure(page, 'firms-by-area').locator('rect.pickable[data-row="外海街道"]').click();
      await settled(page);
      const show = page.getByRole('button', { name: t.show, exact: true });
      while ((await show.count()) > 0) await show.first().click();
      await assertAxeClean(page, 'the explore view with a selection and every table shown');
      await figure(page, 'founding-years').getByRole('button', { name: t.embed, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // The page behind was checked just above; the dialog on its own is enough.
      await assertAxeClean(page, 'the embed dialog', 'dialog');
      await dialog.getByRole('button', { name: t.close, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });

      await open(`#/about?${q}`);
      await page.locator('table.facts-table tbody tr').first().waitFor();
      await assertAxeClean(page, `#/about?${q}`);

      await open(`#/data?${q}`);
      await page.locator('input[type=file]').waitFor({ state: 'attached' });
      await assertAxeClean(page, `#/data?${q}`);

      // The console with a result on screen.
      await open(`#/sql?${q}`);
      const editor = page.getByLabel(t.statement);
      await editor.fill('SELECT segment, count(*) AS n FROM firms GROUP BY segment ORDER BY n DESC');
      await editor.press('Control+Enter');
      await page.locator('.result-table tbody td').first().waitFor();
      await assertAxeClean(page, `#/sql?${q} with a result`);

      for (const embed of [`#/embed/firms-by-segment?${q}`, `#/embed/output-distribution?v=2&${q}&theme=dark`]) {
        await open(embed);
        await chartsReady(page, 1);
        await assertAxeClean(page, embed);
      }
    }),
  );
}

/** A finger dragging from one point to another (Playwright's touchscreen only taps). */
async function touchDrag(page, from, to, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const overflow = (page) =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`),
  }));

test(
  'on a 360 x 740 touch screen a tap selects a bar, a dragged thumb filters, the embed dialog fits, the firm table scrolls in its frame, and the page never scrolls sideways',
  { timeout: TIMEOUT },
  () =>
    withPage({ viewport: { width: 360, height: 740 }, touch: true }, async ({ page, open }) => {
      await open('#/?lang=en');
      await chartsReady(page);
      await figure(page, 'firms-by-segment').locator('rect.pickable[data-row="汽车电子"]').tap();
      await assertLinked(page, { segment: ['汽车电子'] });

      // Drag the From thumb of the founding years about a third of the way along its track.
      const thumb = figure(page, 'founding-years').getByLabel('From');
      await thumb.scrollIntoViewIfNeeded();
      const box = await thumb.boundingBox();
      const y = box.y + box.height / 2;
      await touchDrag(page, { x: box.x + 4, y }, { x: box.x + box.width * 0.35, y });
      await settled(page);
      const sels = selectionsIn(new URL(page.url()).hash);
      assert.ok(sels.founded, `the drag set a founding-year filter: ${page.url()}`);
      const seen = await assertLinked(page, sels);
      assert.equal(seen.ranges.founded, `${sels.founded[0]} – ${sels.founded[1]}`);

      let o = await overflow(page);
      assert.ok(o.scrollWidth <= 360, `the page is ${o.scrollWidth}px wide; widest: ${o.wide.join(', ')}`);

      await figure(page, 'firms-by-area').getByRole('button', { name: 'Embed', exact: true }).tap();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const fit = await dialog.evaluate((d) => ({ right: d.getBoundingClientRect().right, scroll: d.scrollWidth, client: d.clientWidth }));
      assert.ok(fit.right <= 360 && fit.scroll <= fit.client, `the dialog fits the screen: ${JSON.stringify(fit)}`);
      o = await overflow(page);
      assert.ok(o.scrollWidth <= 360, `with the dialog open the page is ${o.scrollWidth}px wide; widest: ${o.wide.join(', ')}`);
      await dialog.getByRole('button', { name: 'Close', exact: true }).tap();
      await dialog.waitFor({ state: 'detached' });

      // In Chinese the firm table scrolls sideways inside its frame instead of squeezing its columns to a
      // character or two (汽车电子 one character a line): every column fits a four-character name.
      await open('#/?v=2&lang=zh');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      await settled(page);
      const table = await page.locator('[data-chart-id="firm-table"]').evaluate((s) => {
        const wrap = s.querySelector('.table-wrap');
        const cells = [...s.querySelectorAll('tbody tr:first-child td')];
        const em = parseFloat(getComputedStyle(cells[0]).fontSize);
        return {
          scroll: wrap.scrollWidth,
          client: wrap.clientWidth,
          narrowest: Math.min(...cells.map((c) => c.getBoundingClientRect().width)) / em,
        };
      });
      assert.ok(table.scroll > table.client, `the table scrolls inside its frame: ${JSON.stringify(table)}`);
      assert.ok(table.narrowest >= 4, `every column is at least 4 em wide: ${JSON.stringify(table)}`);
      o = await overflow(page);
      assert.ok(o.scrollWidth <= 360, `in Chinese the page is ${o.scrollWidth}px wide; widest: ${o.wide.join(', ')}`);
    }),
);

/** Contrast of each number drawn inside a bar against that bar, as drawn (CSS applied). */
const insideLabels = (page) =>
  withContrast(page, () => {
    const { ratio } = window.__contrast;
    const marks = [...document.querySelectorAll('svg.chart-svg rect.mark')].map((m) => ({ m, r: m.getBoundingClientRect() }));
    return [...document.querySelectorAll('svg.chart-svg text.value')].flatMap((t) => {
      const r = t.getBoundingClientRect();
      const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
      const under = marks.find(({ r: b }) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom);
      if (!under) return [];
      const [fg, bg] = [getComputedStyle(t).fill, getComputedStyle(under.m).fill];
      return [
        {
          text: t.textContent,
          muted: under.m.getAttribute('aria-pressed') === 'false' && under.m.classList.contains('muted'),
          fg,
          bg,
          ratio: +ratio(fg, bg).toFixed(2),
        },
      ];
    });
  });

test('numbers inside bars are readable on their bar, selected or muted, in the light and the dark theme', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    // A selected stack next to muted ones, among them bars whose own colour takes white numbers.
    const hash = `#/embed/firms-by-scale-srdi?v=2&lang=en&segment=${encodeURIComponent('汽车电子')}&breakdown=${encodeURIComponent('规上|无')}`;
    for (const theme of ['light', 'dark']) {
      await open(`${hash}&theme=${theme}`);
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      await chartsReady(page, 1);
      const labels = await insideLabels(page);
      assert.ok(
        labels.some((l) => l.muted) && labels.some((l) => !l.muted),
        `labels on muted and on selected bars: ${JSON.stringify(labels)}`,
      );
      const poor = labels.filter((l) => l.ratio < 4.5);
      assert.deepEqual(poor, [], `numbers inside bars below 4.5:1 in the ${theme} theme`);
    }
  }),
);

/** Contrast against the chart's background of each drawn bar, selected (pressed) or muted, as drawn. */
const barStrength = (page) =>
  withContrast(page, () => {
    const ratio = (x, y) => +window.__contrast.ratio(x, y).toFixed(2);
    const bg = getComputedStyle(document.querySelector('figure.chart')).backgroundColor;
    return [...document.querySelectorAll('svg.chart-svg rect.mark')].map((m) => ({
      key: `${m.dataset.row}|${m.dataset.series}`,
      pressed: m.getAttribute('aria-pressed') === 'true',
      muted: m.classList.contains('muted'),
      fill: getComputedStyle(m).fill,
      bg,
      ratio: ratio(getComputedStyle(m).fill, bg),
    }));
  });

test(
  'a selected bar reads stronger than the muted ones in the light and the dark embed, the grey "No SRDI title" bar included',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const cases = [
        ['firms-by-segment', `segment=${encodeURIComponent('智能家电')}`],
        ['firms-by-scale-srdi', `breakdown=${encodeURIComponent('规上|无')}`],
      ];
      for (const theme of ['light', 'dark']) {
        for (const [id, sel] of cases) {
          // A new document for each link: an open embed keeps the selection of the link it was loaded with.
          await open(`#/embed/${id}?v=2&lang=en&${sel}&theme=${theme}`);
          await page.reload();
          await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
          await chartsReady(page, 1);
          const bars = await barStrength(page);
          const selected = bars.filter((b) => b.pressed && !b.muted);
          const muted = bars.filter((b) => b.muted && !b.pressed);
          const where = `${id} in the ${theme} theme: ${JSON.stringify(bars)}`;
          assert.equal(selected.length, 1, `one selected bar, ${where}`);
          assert.equal(muted.length, bars.length - 1, `every other bar muted, ${where}`);
          const weakest = Math.min(...selected.map((b) => b.ratio));
          const strongest = Math.max(...muted.map((b) => b.ratio));
          assert.ok(weakest >= 3, `the selected bar stands out from the background at 3:1 or more, ${where}`);
          assert.ok(weakest >= 2 * strongest, `the selected bar has at least twice the contrast of any muted bar, ${where}`);
        }
      }
    }),
);
