// Linked views over the firms (issue 3): every view filters every other view, from the pointer, and
// each number on screen is checked against native DuckDB over the same Parquet file (assertLinked).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
import { firmsSql } from './expected.mjs';
import { assertLinked, brush, chartsReady, countsOf, figure, selectionsIn, settled } from './page.mjs';

const bar = (page, id, row, series) =>
  figure(page, id).locator(`rect.mark.pickable[data-row="${row}"]${series ? `[data-series="${series}"]` : ''}`);
const hashOf = (page) => decodeURIComponent(new URL(page.url()).hash);
const tooltip = (page, id) => figure(page, id).locator('.tooltip');

test(
  'a click on a segment bar filters every other view, the count, the concentration and the firm table; the clicked view keeps its counts and highlights the bar; Shift adds, a second click clears',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      await open('#/?lang=en');
      await chartsReady(page);
      const all = await assertLinked(page, {});
      assert.equal(all.count, '1,681');

      await bar(page, 'firms-by-segment', '汽车电子').click();
      const one = await assertLinked(page, { segment: ['汽车电子'] });
      assert.equal(one.count, '196', 'the published data has 196 automotive-electronics firms');
      assert.deepEqual(
        countsOf(one, 'segment'),
        countsOf(all, 'segment'),
        'the clicked view counts every segment, not only its own selection',
      );
      assert.match(hashOf(page), /[?&]segment=汽车电子(&|$)/);
      assert.deepEqual(one.chips, [{ text: 'Segment: Automotive electronics', remove: 'Remove filter: Segment' }]);

      await bar(page, 'firms-by-segment', '智能家电').click({ modifiers: ['Shift'] });
      await assertLinked(page, { segment: ['汽车电子', '智能家电'] });

      // A second view combines with the first: a stacked segment of the size x SRDI breakdown.
      await bar(page, 'firms-by-scale-srdi', '规上', '无').click();
      await assertLinked(page, { segment: ['汽车电子', '智能家电'], breakdown: ['规上|无'] });

      // A plain click on one of two selected bars keeps only that bar; a second click clears the view.
      await bar(page, 'firms-by-segment', '智能家电').click();
      await assertLinked(page, { segment: ['智能家电'], breakdown: ['规上|无'] });
      await bar(page, 'firms-by-segment', '智能家电').click();
      await bar(page, 'firms-by-scale-srdi', '规上', '无').click();
      const cleared = await assertLinked(page, {});
      assert.deepEqual(cleared.chips, []);
      assert.deepEqual(cleared.views, all.views, 'after clearing, every view is drawn as at the start');
    }),
);

test(
  'dragging across the output histogram filters every other view to the brushed bins; a click without a drag clears the brush',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      await open('#/?lang=en&area=%E6%B1%9F%E5%8D%97%E8%A1%97%E9%81%93');
      await chartsReady(page);
      const before = await assertLinked(page, { area: ['江南街道'] });

      await brush(page, 'output-distribution', 0.45, 0.7);
      const sels = selectionsIn(new URL(page.url()).hash);
      assert.ok(sels.output, `the brush is in the link: ${hashOf(page)}`);
      const [lo, hi] = sels.output;
      assert.ok(lo >= 0 && hi > lo + 50, `a brush over a quarter of the axis spans more than half a decade: ${lo}..${hi}`);
      const after = await assertLinked(page, { area: ['江南街道'], output: [lo, hi] });
      assert.deepEqual(countsOf(after, 'output'), countsOf(before, 'output'), 'the brushed view keeps its own counts');
      assert.ok(Number(after.count.replaceAll(',', '')) < Number(before.count.replaceAll(',', '')));
      assert.equal(await figure(page, 'output-distribution').locator('rect.brush-selection').count(), 1, 'the brush is drawn');
      const chip = after.chips.find((c) => c.remove === 'Remove filter: Output band');
      assert.ok(chip, `an output chip: ${JSON.stringify(after.chips)}`);
      assert.equal(chip.text, `Output band: ${after.ranges.output}`, 'the chip and the range control say the same range');

      // A click without a drag clears the brush, as in d3-brush.
      const box = await figure(page, 'output-distribution').locator('rect.brush').boundingBox();
      await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.8);
      await assertLinked(page, { area: ['江南街道'] });
      assert.doesNotMatch(hashOf(page), /output=/);
    }),
);

test(
  'the filter chips of a link list every active filter; each remove button drops only its own, and "Clear all filters" drops the rest and brings back every bin',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const sels = { segment: ['汽车电子', 'LED照明器件'], area: ['外海街道'], output: [300, 420], founded: [2000, 2011] };
      await open(
        `#/?v=2&lang=en&segment=${sels.segment.map(encodeURIComponent).join(',')}&area=${encodeURIComponent('外海街道')}&output=300..420&founded=2000..2011`,
      );
      await chartsReady(page);
      const start = await assertLinked(page, sels);
      assert.deepEqual(
        start.chips.map((c) => c.remove),
        ['Segment', 'Subdistrict', 'Output band', 'Founded'].map((n) => `Remove filter: ${n}`),
      );
      assert.deepEqual(
        start.chips.slice(0, 2).map((c) => c.text),
        ['Segment: Automotive electronics, LED lighting devices', 'Subdistrict: Waihai Subdistrict'],
      );
      assert.equal(start.chips[3].text, `Founded: ${start.ranges.founded}`);

      await page.getByRole('button', { name: 'Remove filter: Subdistrict' }).click();
      const { area, ...rest } = sels;
      const removed = await assertLinked(page, rest);
      assert.deepEqual(
        removed.chips.map((c) => c.remove),
        ['Segment', 'Output band', 'Founded'].map((n) => `Remove filter: ${n}`),
      );
      assert.doesNotMatch(hashOf(page), /area=/);

      await page.getByRole('button', { name: 'Remove filter: Output band' }).click();
      await assertLinked(page, { segment: sels.segment, founded: sels.founded });

      await page.getByRole('button', { name: 'Clear all filters' }).click();
      const cleared = await assertLinked(page, {});
      assert.deepEqual(cleared.chips, []);
      assert.equal(await page.getByRole('button', { name: 'Clear all filters' }).count(), 0, 'nothing left to clear');
      assert.deepEqual(cleared.ranges, { output: 'All', founded: 'All' });
      // The link's filters left out the newest firms and the largest outputs; once cleared, the range
      // thumbs reach them (assertLinked above has checked that their bins are drawn).
      const [last] = await firmsSql('SELECT max(founded) AS year, max(floor(log10(output_2022) * 100))::INTEGER AS bin FROM firms');
      const reach = async (id) => Number(await figure(page, id).getByLabel('To').getAttribute('max'));
      assert.ok((await reach('founding-years')) > last.year, `the founding-year thumbs reach ${last.year}`);
      assert.ok((await reach('output-distribution')) > last.bin, `the output thumbs reach bin ${last.bin}`);
    }),
);

test('the firm table follows the selection, sorts by a header both ways and pages through the selected firms', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open(`#/?lang=en&segment=${encodeURIComponent('汽车电子')}`);
    await chartsReady(page);
    const sels = { segment: ['汽车电子'] };
    const first = await assertLinked(page, sels);
    assert.deepEqual(first.sorted, ['2022 output ▼ descending']);
    assert.equal(first.pager, 'Page 1 of 8');
    const table = page.locator('[data-chart-id="firm-table"]');

    // A numeric column sorts descending first, then ascending.
    await table.getByRole('button', { name: 'Founded' }).click();
    assert.deepEqual((await assertLinked(page, sels, { sort: 'founded DESC' })).sorted, ['Founded ▼ descending']);
    await table.getByRole('button', { name: 'Founded' }).click();
    assert.deepEqual((await assertLinked(page, sels, { sort: 'founded ASC' })).sorted, ['Founded ▲ ascending']);
    assert.match(hashOf(page), /sort=founded\.asc/);

    await table.getByRole('button', { name: 'Next' }).click();
    assert.equal((await assertLinked(page, sels, { sort: 'founded ASC', page: 1 })).pager, 'Page 2 of 8');
    await table.getByRole('button', { name: 'Previous' }).click();
    await assertLinked(page, sels, { sort: 'founded ASC', page: 0 });
    await table.getByRole('button', { name: 'Next' }).click();
    await settled(page);

    // A new filter starts the table again at its first page, under the same sort.
    await bar(page, 'firms-by-area', '礼乐街道').click();
    const narrowed = await assertLinked(page, { ...sels, area: ['礼乐街道'] }, { sort: 'founded ASC', page: 0 });
    assert.equal(narrowed.pager, 'Page 1 of 3');
    assert.equal(await table.getByRole('button', { name: 'Previous' }).isDisabled(), true);
  }),
);

test('marks show their tooltip on mouse hover and on keyboard focus, bars and histogram bins alike', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/?lang=en');
    await chartsReady(page);

    const segment = bar(page, 'firms-by-segment', '汽车电子');
    await segment.hover();
    await tooltip(page, 'firms-by-segment').waitFor();
    assert.equal(await tooltip(page, 'firms-by-segment').textContent(), await segment.getAttribute('aria-label'));

    // Histogram bins answer the pointer by position, through the brush overlay above them.
    const bin = figure(page, 'output-distribution').locator('rect.mark').nth(10);
    await bin.scrollIntoViewIfNeeded();
    const b = await bin.boundingBox();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height - 2);
    await tooltip(page, 'output-distribution').waitFor();
    assert.equal((await tooltip(page, 'output-distribution').textContent()).trim(), (await bin.locator('title').textContent()).trim());
    await page.mouse.move(0, 0);
    await tooltip(page, 'output-distribution').waitFor({ state: 'detached' });

    // Keyboard: Tab from one bar to the next shows the next bar's tooltip, not a selection.
    await bar(page, 'firms-by-area', '江南街道').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.ok(focused && !focused.startsWith('Jiangnan'), `focus moved to the next bar (${focused})`);
    assert.equal((await tooltip(page, 'firms-by-area').textContent()).trim(), focused);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'false');

    // The range control's thumbs show the tooltip of the bin they stand on.
    await figure(page, 'founding-years').getByLabel('From').focus();
    await tooltip(page, 'founding-years').waitFor();
    const first = figure(page, 'founding-years').locator('rect.mark').first();
    assert.equal((await tooltip(page, 'founding-years').textContent()).trim(), (await first.locator('title').textContent()).trim());
  }),
);

// A touch pointer fires pointerleave right after pointerup: the tooltip a tap shows must outlive it.
test(
  "a tap on a touch screen shows a histogram bin's tooltip without brushing, and selects a bar and shows its tooltip",
  { timeout: TIMEOUT },
  () =>
    withPage({ viewport: { width: 360, height: 740 }, touch: true }, async ({ page, open }) => {
      await open('#/?lang=en');
      await chartsReady(page);
      const bin = figure(page, 'founding-years').locator('rect.mark').nth(5);
      await bin.scrollIntoViewIfNeeded();
      const b = await bin.boundingBox();
      await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height - 2);
      await settled(page);
      assert.equal(await tooltip(page, 'founding-years').count(), 1, 'a tooltip is shown after the tap');
      assert.equal((await tooltip(page, 'founding-years').textContent()).trim(), (await bin.locator('title').textContent()).trim());
      assert.equal((await assertLinked(page, {})).ranges.founded, 'All', 'a tap does not brush');

      const area = bar(page, 'firms-by-area', '外海街道');
      await area.tap();
      await tooltip(page, 'firms-by-area').waitFor();
      assert.equal((await tooltip(page, 'firms-by-area').textContent()).trim(), await area.getAttribute('aria-label'));
      await assertLinked(page, { area: ['外海街道'] });
    }),
);
