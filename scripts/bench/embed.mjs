// Cold loads of embeds against the full dashboard (issue 4: an embed loads only what its chart needs).
// Same method as the cold section (fresh Chromium per load, milestones painted), with the three URLs
// taken in turn within each run so that load on the shared machine falls on all of them alike.
//
// env: RUNS=7  EMBEDS=firms-by-segment,schools
import { coldLoad } from './cold.mjs';
import { kib, round, summary, table } from './stats.mjs';

const EMBEDS = (process.env.EMBEDS ?? 'firms-by-segment,schools').split(',').map((s) => s.trim()).filter(Boolean);
const DASHBOARD = '#/';

const sentBytes = (requests) => requests.filter((r) => r.method === 'GET').reduce((a, r) => a + r.bytes, 0);
const ratio = (a, b) => (a != null && b ? round(a / b, 2) : null);

export default {
  name: 'embed',
  title: 'Embed cold loads against the full dashboard',
  definitions: {
    policy: 'as the cold section: a new Chromium per load, one untimed round first; the dashboard and each embed in turn within a round',
    chartMs: 'ms from navigation start to the end of the frame that first shows the chart ready with marks (embed: its one chart; dashboard: every chart, and separately the embedded chart)',
    transferBytes: 'bytes the server sent for the load (precompressed br/gzip where accepted, 206 ranges as sent)',
    ratio: 'embed median / dashboard median (time to every chart drawn, and bytes)',
  },
  async run({ server, runs, warmup = 1 }) {
    // As an article frames them: embed.html (the page the Embed dialog's snippets open, embeds prerendered).
    const urls = [DASHBOARD, ...EMBEDS.map((id) => `embed.html#/embed/${id}`)];
    const samples = Object.fromEntries(urls.map((u) => [u, []]));
    for (let i = 0; i < warmup + runs; i++) {
      for (const u of urls) {
        const s = await coldLoad(server, `${server.url}${u}`, { installs: u === DASHBOARD });
        if (i >= warmup) samples[u].push(s);
      }
    }
    const one = (u) => {
      const ss = samples[u];
      return {
        url: u,
        runs: ss.length,
        chartsDrawnMs: summary(ss.map((s) => s.ms.allCharts)),
        firstChartMs: summary(ss.map((s) => s.ms.firstChart)),
        chartMs: Object.fromEntries([...new Set(ss.flatMap((s) => Object.keys(s.chartMs)))].map((id) => [id, summary(ss.map((s) => s.chartMs[id]))])),
        transferBytes: summary(ss.map((s) => sentBytes(s.requests))),
        requests: summary(ss.map((s) => s.requests.length)),
        rendererMiB: summary(ss.map((s) => s.rendererMiB)),
        loadedPaths: [...new Set(ss.flatMap((s) => s.requests.map((r) => r.path)))].sort(),
        errors: ss.flatMap((s) => s.errors),
      };
    };
    const dashboard = one(DASHBOARD);
    const embeds = EMBEDS.map((id) => {
      const e = one(`embed.html#/embed/${id}`);
      const same = dashboard.chartMs[id]?.median ?? null;
      return {
        chartId: id,
        ...e,
        dashboardSameChartMs: same,
        ratio: {
          chartsDrawn: ratio(e.chartsDrawnMs.median, dashboard.chartsDrawnMs.median),
          sameChart: ratio(e.chartsDrawnMs.median, same),
          bytes: ratio(e.transferBytes.median, dashboard.transferBytes.median),
        },
      };
    });
    return { runs, dashboard, embeds };
  },
  report(r) {
    const d = r.dashboard;
    const rows = [
      [d.url, d.chartsDrawnMs.median, '', kib(d.transferBytes.median), d.requests.median, d.rendererMiB.median, '', ''],
      ...r.embeds.map((e) => [e.url, e.chartsDrawnMs.median, e.dashboardSameChartMs, kib(e.transferBytes.median), e.requests.median, e.rendererMiB.median, e.ratio.chartsDrawn, e.ratio.bytes]),
    ];
    return [
      table(['page', 'drawn ms', 'same chart on #/ ms', 'KiB sent', 'requests', 'renderer MiB', 'time ratio', 'bytes ratio'], rows),
      `medians of ${r.runs} cold loads; drawn = every chart of the page drawn; ratios are embed / dashboard`,
      ...[d, ...r.embeds].flatMap((p) => p.errors.map((e) => `${p.url} logged an error: ${e}`)),
    ].join('\n');
  },
};
