// Every filter works from the keyboard alone (issue 3): bars are buttons reached with Tab, histograms
// have a two-thumb range control, chips and the table's headers and pager are buttons; focus is
// always visible. Each step is checked against native DuckDB like the pointer tests (assertLinked).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
import { assertFocusVisible, assertLinked, chartsReady, figure, tabTo } from './page.mjs';

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el.getAttribute('aria-label') || el.id || el.textContent.trim();
  });
const press = async (page, key, times = 1) => {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
};

test(
  'bars are reached with Tab; Enter and Space select one, Shift+Enter adds one, Enter on the only selected bar clears',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      await open('#/?lang=en');
      await chartsReady(page);
      const tabs = await tabTo(page, 'figure[data-chart-id="firms-by-segment"] rect.pickable');
      assert.ok(tabs > 5, `the bars come after the navigation and the figures above them (${tabs} presses)`);
      await assertFocusVisible(page, 'a bar');
      assert.match(await focused(page), /^Key electronic components: 520 firms/, 'the largest segment comes first');

      await press(page, 'Enter');
      await assertLinked(page, { segment: ['电子关键元器件'] });
      assert.match(await focused(page), /^Key electronic components/, 'focus stays on the bar');

      await press(page, 'Tab');
      await press(page, ' ');
      await assertLinked(page, { segment: ['智能家电'] });

      await press(page, 'Tab');
      await press(page, 'Shift+Enter');
      await assertLinked(page, { segment: ['智能家电', '印刷电路板'] });

      await press(page, 'Enter');
      await assertLinked(page, { segment: ['印刷电路板'] });
      await press(page, 'Enter');
      await assertLinked(page, {});

      // The stacked bars of the next chart work the same way.
      await tabTo(page, 'figure[data-chart-id="firms-by-scale-srdi"] rect.pickable');
      const key = await page.evaluate(() => `${document.activeElement.dataset.row}|${document.activeElement.dataset.series}`);
      await press(page, ' ');
      await assertLinked(page, { breakdown: [key] });
      await assertFocusVisible(page, 'a stacked bar');
    }),
);

test('the range thumbs move the output and founding-year filters with ArrowRight, ArrowLeft, End and Home', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/?lang=en');
    await chartsReady(page);
    const from = figure(page, 'output-distribution').getByLabel('From');
    const [min, max, step] = await from.evaluate((i) => [i.min, i.max, i.step].map(Number));
    assert.ok(step > 0 && max > min + 4 * step, `output thumbs span ${min}..${max} in steps of ${step}`);

    await tabTo(page, '#output-distribution-lo');
    await assertFocusVisible(page, 'the From thumb');
    await press(page, 'ArrowRight', 3);
    await assertLinked(page, { output: [min + 3 * step, max] });
    await press(page, 'ArrowLeft');
    await assertLinked(page, { output: [min + 2 * step, max] });

    await press(page, 'Tab');
    assert.equal(await focused(page), 'output-distribution-hi', 'Tab goes from the From thumb to the To thumb');
    await press(page, 'ArrowLeft', 2);
    const narrowed = await assertLinked(page, { output: [min + 2 * step, max - 2 * step] });
    assert.equal(narrowed.chips[0].text, `Output band: ${narrowed.ranges.output}`, 'the output and the chip say the same range');
    await press(page, 'End');
    await assertLinked(page, { output: [min + 2 * step, max] });

    // Home on From brings the range back to the whole axis: no filter at all.
    await press(page, 'Shift+Tab');
    await press(page, 'Home');
    const all = await assertLinked(page, {});
    assert.equal(all.ranges.output, 'All');
    assert.doesNotMatch(new URL(page.url()).hash, /output=/);

    await tabTo(page, '#founding-years-lo');
    const years = await page.locator('#founding-years-lo').evaluate((i) => [Number(i.min), Number(i.max)]);
    await press(page, 'ArrowRight', 15);
    await press(page, 'Tab');
    await press(page, 'ArrowLeft', 14);
    const founded = await assertLinked(page, { founded: [years[0] + 15, years[1] - 14] });
    assert.equal(founded.ranges.founded, `${years[0] + 15} – ${years[1] - 14}`);
    assert.match(new URL(page.url()).hash, new RegExp(`founded=${years[0] + 15}\\.\\.${years[1] - 14}`));
  }),
);

test('a chip\'s remove button and "Clear all filters" work from the keyboard', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    const enc = encodeURIComponent;
    await open(`#/?v=2&lang=en&segment=${enc('汽车电子')}&area=${enc('外海街道')}&founded=2000..2011`);
    await chartsReady(page);
    await assertLinked(page, { segment: ['汽车电子'], area: ['外海街道'], founded: [2000, 2011] });

    await tabTo(page, 'button[aria-label="Remove filter: Subdistrict"]');
    await assertFocusVisible(page, "a chip's remove button");
    await press(page, 'Enter');
    const left = await assertLinked(page, { segment: ['汽车电子'], founded: [2000, 2011] });
    assert.deepEqual(
      left.chips.map((c) => c.remove),
      ['Remove filter: Segment', 'Remove filter: Founded'],
    );

    await tabTo(page, '.selection-bar .clear-all');
    await assertFocusVisible(page, '"Clear all filters"');
    await press(page, ' ');
    assert.deepEqual((await assertLinked(page, {})).chips, []);
  }),
);

test("the table's sort headers and pager work from the keyboard, and focus stays on the control pressed", { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/?lang=en');
    await chartsReady(page);
    // Founded is the eighth column.
    await tabTo(page, '[data-chart-id="firm-table"] th:nth-child(8) button.sort');
    await assertFocusVisible(page, 'a sort header');
    await press(page, 'Enter');
    assert.deepEqual((await assertLinked(page, {}, { sort: 'founded DESC' })).sorted, ['Founded ▼ descending']);
    await press(page, 'Enter');
    assert.deepEqual((await assertLinked(page, {}, { sort: 'founded ASC' })).sorted, ['Founded ▲ ascending']);
    assert.match(await focused(page), /^Founded/);

    await tabTo(page, '[data-chart-id="firm-table"] .pager button:last-of-type');
    await assertFocusVisible(page, 'the Next button');
    await press(page, 'Enter');
    await press(page, 'Enter');
    assert.equal((await assertLinked(page, {}, { sort: 'founded ASC', page: 2 })).pager, 'Page 3 of 68');
    assert.equal(await focused(page), 'Next');
    await tabTo(page, '[data-chart-id="firm-table"] .pager button:first-of-type', { back: true });
    await press(page, ' ');
    await assertLinked(page, {}, { sort: 'founded ASC', page: 1 });
  }),
);
