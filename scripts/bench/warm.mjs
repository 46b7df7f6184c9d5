// Warm latency of each dashboard query: the SQL every chart runs, re-run in the page through the app's
// engine once the data is in, as the app itself would (worker round trip and Arrow decoding included).
// Reads the SQL from the page's read-only bench hook, window.__jianghai (src/main.ts).
import { launchChromium } from './chromium.mjs';
import { VIEWPORT } from './cold.mjs';
import { summary, table } from './stats.mjs';

const HOOK_MISSING =
  'window.__jianghai (query, chartSql, ready) is missing from the page: this build predates the bench hook ' +
  'of src/main.ts. Rebuild from a commit that has it (npm run bench builds first).';

// The floor: what any query costs for the trip to the worker and back.
const FLOOR = { id: '(round trip: SELECT 1)', sql: 'SELECT 1' };

export default {
  name: 'warm',
  title: 'Warm query latency (ms), each chart query re-run in the page',
  definitions: {
    latency: 'performance.now() around await window.__jianghai.query(sql): worker round trip, DuckDB execution over the registered Parquet views, Arrow IPC decoding; the result cache of the views is not used',
    order: 'queries interleaved round-robin, after warm-up rounds that are not counted',
    floor: 'SELECT 1 through the same path',
  },
  async run({ server, reps, warmupReps = 3 }) {
    const browser = await launchChromium();
    try {
      // Measured here is interaction, not the service worker's install (the cold section has it).
      const page = await browser.newPage({ viewport: VIEWPORT, serviceWorkers: 'block' });
      await page.goto(`${server.url}#/`);
      const hooked = await page.waitForFunction(() => document.readyState === 'complete' && (window.__jianghai ? 'yes' : 'no'));
      if ((await hooked.jsonValue()) !== 'yes') throw new Error(HOOK_MISSING);
      await page.evaluate(() => window.__jianghai.ready);
      // Let the charts finish their own queries first: the engine runs one statement at a time.
      await page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.dataset.state !== 'loading'));
      const chartSql = await page.evaluate(() => window.__jianghai.chartSql);
      // Charts on the page whose SQL the hook does not expose are not measured: say so, do not hide it.
      const onPage = await page.$$eval('figure.chart', (figs) => figs.map((f) => f.dataset.chartId));
      const uncovered = onPage.filter((id) => !(id in chartSql));
      const queries = [FLOOR, ...Object.entries(chartSql).map(([id, sql]) => ({ id, sql }))];
      const times = await page.evaluate(
        async ({ queries, rounds, skip }) => {
          const out = Object.fromEntries(queries.map((q) => [q.id, { rows: null, ms: [] }]));
          for (let r = 0; r < rounds; r++) {
            for (const q of queries) {
              const t0 = performance.now();
              const rows = await window.__jianghai.query(q.sql);
              const dt = performance.now() - t0;
              if (r >= skip) out[q.id].ms.push(dt);
              out[q.id].rows = rows;
            }
          }
          return out;
        },
        { queries, rounds: warmupReps + reps, skip: warmupReps },
      );
      return {
        reps,
        warmupReps,
        uncovered,
        queries: queries.map((q) => ({ id: q.id, sql: q.sql, rows: times[q.id].rows, ms: summary(times[q.id].ms) })),
      };
    } finally {
      await browser.close();
    }
  },
  report(r) {
    const t = table(
      ['query', 'rows', 'median', 'p95', 'min', 'max'],
      r.queries.map((q) => [q.id, q.rows, q.ms.median, q.ms.p95, q.ms.min, q.ms.max]),
    );
    return r.uncovered.length ? `${t}\nnot measured (no SQL in window.__jianghai.chartSql): ${r.uncovered.join(', ')}` : t;
  },
};
