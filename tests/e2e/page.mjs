// Reading the dashboard through its DOM contract (GUIDE section 5 and the chart frame), and waiting
// for conditions rather than for time.
import assert from 'node:assert/strict';
import { CHART_IDS } from './expected.mjs';

export const figure = (page, id) => page.locator(`figure.chart[data-chart-id="${id}"]`);

/**
 * Waits until every chart on the page is ready with marks drawn (any element of class mark: bars,
 * curves), then checks that the page has exactly the charts `ids`, in that order (or, given a number,
 * that many charts). Fails at once, with the message, if an alert appears instead (engine failure or
 * a chart error).
 */
export async function chartsReady(pageOrFrame, ids = CHART_IDS) {
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
