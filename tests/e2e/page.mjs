// Reading the dashboard through its DOM contract (ARCHITECTURE.md section 4 and the chart frame), and waiting
// for conditions rather than for time.
import assert from 'node:assert/strict';
import { CHART_IDS, expectedViews } from './expected.mjs';

export const figure = (page, id) => page.locator(`figure.chart[data-chart-id="${id}"]`);

/**
 * Waits until every chart on the page is ready with marks drawn (any element of class mark: bars,
 * curves), then checks that the page has exactly the charts `ids`, in that order (or, given a number,
 * that many charts). Fails at once, with the message, if an alert appears instead (engine failure or
 * a chart error).
 */
export async function chartsReady(pageOrFrame, ids = CHART_IDS) {
  await chartsPainted(pageOrFrame, ids);
  // Charts paint from the build's answers first; interactions and navigation wait for the engine
  // (a page left while the engine still reads aborts its range requests, which the engine logs).
  await pageOrFrame.evaluate(async () => {
    await window.__jianghai?.ready.then(
      () => undefined,
      () => undefined,
    );
    await window.__jianghai?.idle?.();
  });
}

/** Like chartsReady, without waiting for the engine: what the first paint shows. */
export async function chartsPainted(pageOrFrame, ids = CHART_IDS) {
  const handle = await pageOrFrame.waitForFunction(() => {
    const alert = document.querySelector('[role=alert]');
    if (alert) return { alert: alert.textContent.trim() };
    const figs = [...document.querySelectorAll('figure.chart')];
    const drawn = figs.every((f) => f.dataset.state === 'ready' && f.querySelector('svg.chart-svg .mark'));
    return figs.length > 0 && drawn ? { ids: figs.map((f) => f.dataset.chartId) } : false;
  });
  const state = await handle.jsonValue();
  assert.equal(state.alert, undefined, `an alert appeared instead of the charts: ${state.alert}`);
  if (typeof ids === 'number') assert.equal(state.ids.length, ids, `number of charts (${state.ids.join(', ')})`);
  else assert.deepEqual(state.ids, ids, 'the charts on the page (update tests/e2e/expected.mjs when a chart is added on purpose)');
}

/** Everything a chart test looks at, read in one round trip. */
export function readChart(page, id) {
  return figure(page, id).evaluate((fig) => {
    const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? null;
    const svg = fig.querySelector('svg.chart-svg');
    return {
      state: fig.dataset.state,
      title: text(fig.querySelector('figcaption .chart-title')),
      source: text(fig.querySelector('figcaption .source-line')),
      sourceHref: fig.querySelector('figcaption .source-line a')?.getAttribute('href') ?? null,
      modelled: fig.querySelector('.modelled-mark') !== null,
      // A mark tells its value by a <title> tooltip or, when it is a button (linked views), by its aria-label.
      marks: [...(svg?.querySelectorAll('.mark') ?? [])].map((r) => ({
        tag: r.tagName.toLowerCase(),
        row: r.dataset.row ?? null,
        series: r.dataset.series ?? null,
        title: text(r.querySelector(':scope > title')) ?? r.getAttribute('aria-label') ?? '',
      })),
      rowLabels: [...(svg?.querySelectorAll('text.row-label') ?? [])].map(text),
      menu: [...fig.querySelectorAll('.chart-menu button')].map(text),
      svgWidth: svg ? Number(svg.getAttribute('width')) : null,
    };
  });
}

/** The count in a tooltip such as "汽车电子: 196家" or "1 million – 1.8 million yuan: 331 firms (19.7%)". */
export function tooltipCount(title) {
  const m = /:\s*([\d,]+)\s*(?:家|firms?)(?:\s*[(（][^)）]*[)）])?$/.exec(title);
  assert.ok(m, `tooltip "${title}" does not end with a firm count`);
  return Number(m[1].replaceAll(',', ''));
}

/**
 * Holds every request matching `pattern` until release() is called, so a test can look at the page
 * in a state that is otherwise too short to catch (for example before the engine has started).
 */
export async function holdRequests(context, pattern) {
  let release;
  const released = new Promise((ok) => (release = ok));
  let arrived;
  const seen = new Promise((ok) => (arrived = ok));
  await context.route(pattern, async (route) => {
    arrived(route.request().url());
    await released;
    // The context may close first when the test fails while holding the request.
    await route.fallback().catch(() => undefined);
  });
  return { seen, release };
}

/** Saves what a click on `button` downloads and returns its name and bytes. */
export async function downloadOf(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/**
 * Resolves once the explore view has applied the last input and answered it: the input is applied
 * in the next animation frame, then every query in flight is awaited (window.__jianghai.idle, set by
 * the explore view), then one more frame lets the DOM catch up.
 */
export function settled(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
    await frame();
    await frame();
    await window.__jianghai?.idle?.();
    await frame();
  });
}

/** Linked view (URL key of its filter) -> chart id. */
export const LINKED_CHARTS = {
  segment: 'firms-by-segment',
  area: 'firms-by-area',
  breakdown: 'firms-by-scale-srdi',
  output: 'output-distribution',
  founded: 'founding-years',
};

/**
 * Everything the linked views show, in one round trip: each mark's key, tooltip text, pressed state
 * and whether it is drawn muted; the selection's KPIs, concentration measures, chips, range outputs,
 * the firm table (first column, sort state, pager) and the hash.
 */
export function readLinked(page) {
  return page.evaluate((charts) => {
    const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? null;
    const views = {};
    for (const [view, id] of Object.entries(charts)) {
      const fig = document.querySelector(`figure.chart[data-chart-id="${id}"]`);
      views[view] = [...(fig?.querySelectorAll('svg.chart-svg .mark') ?? [])].map((m) => ({
        key:
          view === 'output'
            ? String(Math.round(Number(m.dataset.x0) * 10))
            : view === 'founded'
              ? String(Math.round(Number(m.dataset.x0)))
              : view === 'breakdown'
                ? `${m.dataset.row}|${m.dataset.series}`
                : m.dataset.row,
        label: m.getAttribute('aria-label') ?? text(m.querySelector(':scope > title')),
        pressed: m.getAttribute('aria-pressed'),
        // Drawn muted because its own view selects other marks (the layout's choice, whatever the palette).
        muted: m.classList.contains('muted'),
      }));
    }
    const table = document.querySelector('[data-chart-id="firm-table"]');
    const range = (id) => text(document.querySelector(`figure.chart[data-chart-id="${id}"] .range-control output`));
    return {
      hash: location.hash,
      views,
      count: text(document.querySelector('[data-stat=count]')),
      output: text(document.querySelector('[data-stat=output]')),
      top10: text(document.querySelector('dd[data-stat=top10]')),
      hhi: text(document.querySelector('dd[data-stat=hhi]')),
      gini: text(document.querySelector('dd[data-stat=gini]')),
      chips: [...document.querySelectorAll('.selection-bar .chip')].map((c) => ({
        text: text(c.querySelector('span')),
        remove: c.querySelector('button').getAttribute('aria-label'),
      })),
      ranges: { output: range(charts.output), founded: range(charts.founded) },
      names: [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => text(tr.cells[0])),
      sorted: [...(table?.querySelectorAll('th[aria-sort]:not([aria-sort=none])') ?? [])].map(
        (th) => `${text(th.querySelector('button'))} ${th.getAttribute('aria-sort')}`,
      ),
      pager: text(table?.querySelector('.pager [aria-live]')),
    };
  }, LINKED_CHARTS);
}

/** Firms per drawn bar or bin of one view of a readLinked() snapshot; empty bars are left out. */
export function countsOf(snapshot, view) {
  const counts = snapshot.views[view].map((m) => [m.key, tooltipCount(m.label)]).filter(([, n]) => n > 0);
  return Object.fromEntries(counts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** "5.07 billion yuan", "821.79 million yuan", "50.72亿元", "5,072.2万元", "超270亿元" (as published) -> yuan. */
export function parseYuan(s) {
  const m = /^(?:超|over )?([\d,.]+)\s*(thousand|million|billion|万|亿)?\s*(?:yuan|元)$/.exec(s);
  assert.ok(m, `"${s}" is not an amount of yuan`);
  const unit = { thousand: 1e3, million: 1e6, billion: 1e9, 万: 1e4, 亿: 1e8 }[m[2]] ?? 1;
  return Number(m[1].replaceAll(',', '')) * unit;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`, and returns how many
 * presses it took; fails with the elements passed on the way when it is not reached in `max`.
 */
export async function tabTo(page, selector, { back = false, max = 150 } = {}) {
  const passed = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const here = await page.evaluate((sel) => {
      const el = document.activeElement;
      return el?.matches(sel)
        ? null
        : `${el?.tagName.toLowerCase()} ${el?.getAttribute('aria-label') ?? el?.textContent.trim().slice(0, 30)}`;
    }, selector);
    if (here === null) return i;
    passed.push(here);
  }
  assert.fail(`${selector} was not reached with ${back ? 'Shift+Tab' : 'Tab'}; passed: ${passed.join(' | ')}`);
}

/**
 * The focused element shows where focus is: it matches :focus-visible and draws an outline (HTML)
 * or, for SVG marks that cannot take an outline in every browser, a stroke at least 2 px wide.
 */
export async function assertFocusVisible(page, what) {
  const s = await page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      visible: el.matches(':focus-visible'),
      svg: el instanceof SVGElement,
      outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
      stroke: `${cs.stroke} ${cs.strokeWidth}`,
    };
  });
  assert.ok(s.visible, `${what}: the focused ${s.tag} does not match :focus-visible`);
  const [style, width] = (s.svg ? s.stroke : s.outline).split(' ');
  assert.ok(
    style !== 'none' && parseFloat(width) >= 2,
    `${what}: focus is not visible (${s.svg ? `stroke ${s.stroke}` : `outline ${s.outline}`})`,
  );
}

/**
 * Waits until the explore view has settled, then checks every linked view against the exact answer
 * for `sels` (see expectedViews): firms per bar and bin (each view filtered by the others only), the
 * view's own selection drawn as pressed bars and muted marks, the selection's count and output, the
 * concentration measures and the firm table's page under `table` ({ sort: SQL order, page }).
 * Returns the snapshot it read.
 */
export async function assertLinked(page, sels, table = {}) {
  await settled(page);
  const [seen, want] = await Promise.all([readLinked(page), expectedViews(sels, table)]);
  const where = JSON.stringify(sels);
  for (const view of Object.keys(LINKED_CHARTS)) {
    assert.deepEqual(countsOf(seen, view), want.views[view], `${view}: firms per bar or bin under ${where}`);
    const own = sels[view];
    const muted = seen.views[view]
      .filter((m) => m.muted)
      .map((m) => m.key)
      .sort();
    if (view === 'output' || view === 'founded') {
      // A bin is highlighted when it lies wholly inside the brushed [lo, hi) fine bins.
      const per = view === 'output' ? 10 : 1;
      const outside = own
        ? seen.views[view]
            .filter((m) => !(Number(m.key) * per >= own[0] && (Number(m.key) + 1) * per <= own[1]))
            .map((m) => m.key)
            .sort()
        : [];
      assert.deepEqual(muted, outside, `${view}: bins outside its own brush are muted under ${where}`);
    } else {
      const pressed = seen.views[view]
        .filter((m) => m.pressed === 'true')
        .map((m) => m.key)
        .sort();
      assert.deepEqual(pressed, [...(own ?? [])].sort(), `${view}: pressed bars under ${where}`);
      const others = own
        ? seen.views[view]
            .filter((m) => !own.includes(m.key))
            .map((m) => m.key)
            .sort()
        : [];
      assert.deepEqual(muted, others, `${view}: bars it does not select are muted under ${where}`);
    }
  }
  assert.equal(seen.count, want.count, `selected firms under ${where}`);
  const output = parseYuan(seen.output);
  assert.ok(
    Math.abs(output - want.outputYuan) <= 0.005 * want.outputYuan,
    `selected output ${seen.output}, expected ${want.outputYuan} yuan`,
  );
  assert.deepEqual([seen.top10, seen.hhi, seen.gini], [want.top10, want.hhi, want.gini], `top-10 share, HHI and Gini under ${where}`);
  assert.deepEqual(
    seen.names,
    want.names,
    `firm table page ${(table.page ?? 0) + 1} under ${where}, sorted by ${table.sort ?? 'output_2022 DESC'}`,
  );
  assert.match(seen.pager, new RegExp(`(?:of |共)${want.pages.toLocaleString('en-US')}页?$`), `pager under ${where}`);
  return seen;
}

/** The filters a hash carries, in the shape expectedViews takes: lists of values and [lo, hi) ranges. */
export function selectionsIn(hash) {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const sels = {};
  for (const k of ['segment', 'area', 'breakdown']) if (q.get(k)) sels[k] = q.get(k).split(',');
  for (const k of ['output', 'founded']) {
    const m = /^(-?\d+)\.\.(-?\d+)$/.exec(q.get(k) ?? '');
    if (m) sels[k] = [Number(m[1]), Number(m[2])];
  }
  return sels;
}

/**
 * Drags across a histogram's plot with the mouse, from one fraction of its width to another, as a
 * user brushes, and waits until every view has answered.
 */
export async function brush(page, id, from, to) {
  const overlay = figure(page, id).locator('rect.brush');
  await overlay.scrollIntoViewIfNeeded();
  const box = await overlay.boundingBox();
  const y = box.y + box.height * 0.8;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 4 });
  await page.mouse.up();
  await settled(page);
}

/**
 * An exported CSV split into its parts: the provenance lines before the first blank line (none when
 * the file starts with the header), the header and the data rows, each a list of fields.
 */
export function csvParts(bytes) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with the UTF-8 byte-order mark');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines.pop(), '', 'the CSV ends with CRLF');
  const blank = lines.indexOf('');
  const preamble = blank > 0 ? lines.slice(0, blank).map((l) => (l.startsWith('"') ? l.slice(1, -1).replaceAll('""', '"') : l)) : [];
  const [header, ...rows] = blank > 0 ? lines.slice(blank + 1) : lines;
  return {
    preamble,
    header,
    rows,
    provenance: JSON.parse(preamble.find((l) => l.startsWith('jianghai:provenance='))?.slice(20) ?? 'null'),
  };
}

/**
 * Resolves once the engine has the data and the explore view has answered from it: charts paint
 * from the build's answers before that, so tests of the engine itself (range reads, failures) wait.
 */
export function engineAnswered(page) {
  return page.evaluate(async () => {
    await window.__jianghai.ready.then(
      () => undefined,
      () => undefined,
    );
    await window.__jianghai.idle?.();
  });
}

/**
 * Runs `fn` in the page with WCAG's contrast helpers at hand as `window.__contrast` ({ rgb, lum, ratio }
 * of CSS colours as getComputedStyle writes them), for the tests that measure colours as drawn.
 */
export async function withContrast(pageOrFrame, fn, arg) {
  await pageOrFrame.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, b] = rgb(c)
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (x, y) => {
      const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
      return (a + 0.05) / (b + 0.05);
    };
    window.__contrast = { rgb, lum, ratio };
  });
  return pageOrFrame.evaluate(fn, arg);
}

/** Runs SQL in the console and waits until the status line matches `status` (a regular expression). */
export async function consoleRun(page, sql, status) {
  const editor = page.getByLabel('SQL statement');
  await editor.fill(sql);
  await editor.press('Control+Enter');
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('.sql-status')?.textContent ?? ''), status);
}
