// Cold loads of the explore view: when the reader sees the published figures, when the engine and
// data are in, when the first and the last chart are drawn, what crosses the network, and the memory
// of the renderer. Every run launches a new Chromium, so nothing is reused from an earlier run: no
// HTTP cache, no compiled-wasm cache, no warm worker.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { launchChromium } from './chromium.mjs';
import { round, summary, table, kib } from './stats.mjs';

export const VIEWPORT = { width: 1000, height: 900 };

/**
 * Runs in the page before any of its scripts. A milestone is the end of the frame that first shows a
 * DOM state: the state is seen by a MutationObserver, then a rAF callback posts a MessageChannel
 * message, whose handler runs once that frame has been rendered (the method of the Mosaic peer's probe).
 */
export function milestones() {
  const m = (window.__milestones = { t: {}, dom: {}, alert: null });
  const painted = (key) => {
    if (key in m.dom) return;
    m.dom[key] = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (m.t[key] = performance.now());
      ch.port2.postMessage(0);
    });
  };
  let barSeen = false;
  const check = () => {
    if (document.querySelector('li.kpi')) painted('kpi');
    const alert = document.querySelector('[role=alert]');
    if (alert && !m.alert) m.alert = alert.textContent.trim().slice(0, 300);
    if (document.querySelector('[role=progressbar]')) m.barSeen = barSeen = true;
    else if (barSeen) painted('engine');
    const figs = document.querySelectorAll('figure.chart');
    let drawn = 0;
    for (const f of figs) {
      if (f.dataset.state !== 'ready' || !f.querySelector('svg.chart-svg .mark')) continue;
      drawn++;
      // Per chart, so an embed can be set against the same chart on the full dashboard.
      painted(`chart:${f.dataset.chartId}`);
    }
    if (drawn > 0) painted('firstChart');
    if (figs.length > 0 && drawn === figs.length) {
      m.charts = figs.length;
      painted('allCharts');
      // Issue 9's "every chart and KPI tile painted" (an embed has no tiles: its charts are all).
      if (document.querySelector('li.kpi') || !document.querySelector('main')) painted('allPainted');
    }
    // The app's own promise for "dataset registered", when the bench hook is there.
    if (!m.hooked && window.__jianghai?.ready) {
      m.hooked = true;
      window.__jianghai.ready.then(() => (m.t.dataReady = performance.now()), () => undefined);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'role'] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') m.t.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
}

const MILESTONES = ['fcp', 'kpi', 'engine', 'dataReady', 'firstChart', 'allCharts', 'allPainted'];

/**
 * The app's JavaScript the page asked for before its first chart was painted (issue 9's "critical
 * path"), and which of it blocked rendering. Runs in the page, with the first chart's milestone.
 */
function jsBefore(firstChart) {
  return performance
    .getEntriesByType('resource')
    .filter((e) => /\.m?js$/.test(new URL(e.name).pathname) && e.startTime < firstChart)
    .map((e) => ({ path: new URL(e.name).pathname, blocking: e.renderBlockingStatus === 'blocking' }));
}

/** Bytes of a shipped file as a brotli-serving host sends it: its .br, else brotli q11 on the fly. */
export function brotliBytes(dist, path) {
  const file = join(dist, path);
  if (existsSync(`${file}.br`)) return readFileSync(`${file}.br`).length;
  if (!existsSync(file)) return null;
  return brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

const KINDS = [
  ['wasm', /\.wasm$/],
  ['js', /\.m?js$/],
  ['data', /^\/data\//],
  ['html/css', /\.(html|css)$|\/$/],
];
const kindOf = (path) => KINDS.find(([, re]) => re.test(path))?.[0] ?? 'other';

/** Resident memory of the page's renderer process (it hosts the DuckDB worker too), in MiB. */
async function rendererMiB(browser) {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    const pids = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    if (pids.length === 0) return null;
    const rss = execFileSync('ps', ['-o', 'rss=', '-p', pids.join(',')]).toString().trim().split(/\s+/).map(Number);
    return round(Math.max(...rss) / 1024);
  } catch {
    return null;
  }
}

/** `installs`: the page registers a service worker (the dashboard; an embed does not), awaited before the repeat visit. */
export async function coldLoad(server, url, { installs = true } = {}) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(milestones);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    let finished = 0;
    context.on('requestfinished', () => finished++);
    const mark = server.log.length;
    await page.goto(url, { waitUntil: 'commit' });
    // Charts paint before the engine: wait for both, so the engine's milestone is in too. A page that
    // never starts the engine (an embed of a small table) never shows the loading strip.
    const done = () => {
      const m = window.__milestones;
      return m && ((('allCharts' in m.t) && ('engine' in m.t || !m.barSeen) && ('dataReady' in m.t)) || m.alert);
    };
    await page
      .waitForFunction(done, null, { timeout: 60_000 })
      .catch(async (err) => {
        const states = await page
          .$$eval('figure.chart', (figs) => figs.map((f) => `${f.dataset.chartId}: ${f.dataset.state}`).join(', '))
          .catch(() => 'unknown');
        throw new Error(`not every chart was drawn (${states}): ${err.message.split('\n')[0]}`);
      });
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { ...window.__milestones, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
    });
    const js = await page.evaluate(jsBefore, m.t.firstChart ?? Infinity);
    const doneAt = Date.now();
    if (m.alert) throw new Error(`the page showed an alert: ${m.alert}`);
    // The server logs a request when it has written the last byte, just before the browser reports it finished.
    await waitUntil(() => server.log.length - mark >= finished, 5_000);
    // The load ends when every chart and the engine are in; what the service worker fetches to install
    // itself (it starts once the data is in) belongs to no load and is left out.
    const log = server.log.slice(mark).filter((e) => e.t <= doneAt);
    // `at`: when the server received the request, in ms after the first request of the load.
    const start = Math.min(...log.map((e) => e.t));
    const requests = log.map(({ t, method, path, status, bytes, enc, range }) => ({ at: t - start, method, path, status, bytes, enc, range }));
    const chartMs = Object.fromEntries(Object.entries(m.t).filter(([k]) => k.startsWith('chart:')).map(([k, v]) => [k.slice(6), round(v)]));
    const rss = await rendererMiB(browser);
    // A second visit in the same browser, once the service worker has installed: what a reader who
    // comes back sees; then one more with the network off.
    if (installs) await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 60_000 });
    const again = async (tag) => {
      await page.goto(`${url.split('#')[0]}?${tag}#${url.split('#')[1] ?? '/'}`, { waitUntil: 'commit' });
      await page.waitForFunction(done, null, { timeout: 60_000 });
      return page.evaluate(() => window.__milestones.t.allCharts ?? null);
    };
    const repeat = await again('repeat');
    await context.setOffline(true);
    const offline = installs ? await again('offline') : null;
    const ms = { dcl: round(m.dcl), ...Object.fromEntries(MILESTONES.map((k) => [k, round(m.t[k] ?? null)])), repeatAllCharts: round(repeat), offlineAllCharts: round(offline) };
    return { ms, chartMs, charts: m.charts, requests, rendererMiB: rss, errors, js };
  } finally {
    await browser.close();
  }
}

async function waitUntil(cond, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('the server log did not catch up with the browser');
    await new Promise((ok) => setImmediate(ok));
  }
}

export default {
  name: 'cold',
  title: 'Cold loads of the explore view (#/)',
  definitions: {
    policy: 'each run launches a new Chromium (fresh profile: no HTTP cache, no compiled-wasm cache); the launch is not timed; one untimed run first warms the OS file cache',
    clock: 'ms since navigation start (performance.now() in the page)',
    milestone: 'end of the frame that first shows the state: MutationObserver sees it, rAF, then a MessageChannel message marks the frame rendered',
    dcl: 'DOMContentLoaded event end',
    fcp: 'first-contentful-paint (PerformanceObserver)',
    kpi: 'first li.kpi tile painted (tiles render from the build-time snapshot)',
    engine: 'the role=progressbar element has gone (engine started and dataset registered)',
    dataReady: "window.__jianghai.ready resolved (the app's own dataset-registered promise; no paint)",
    firstChart: 'first figure.chart with data-state=ready and a mark (any element of class mark: rect bars, path curves), painted',
    allCharts: 'every figure.chart ready with marks, painted',
    repeatAllCharts: 'a second visit of the same URL (plus ?repeat, so it is a new document) in the same browser, once its service worker is active: every chart painted',
    offlineAllCharts: 'a third visit with the network off (context.setOffline): every chart painted, from the service worker',
    allPainted: 'every figure.chart ready with marks and the KPI tiles, painted (issue 9: every chart and KPI tile)',
    paintOverEngine: 'allPainted / engine, per run: how early every chart and tile is on screen compared with the engine being ready (issue 9 target: <= 0.25)',
    criticalJsBrotli:
      "issue 9's app JavaScript on the critical path: bytes (brotli, as the build precompressed them) of the .js files the page requested before its first chart was painted (Resource Timing startTime < firstChart), median of runs; renderBlockingJsBrotli: those of them that blocked rendering (renderBlockingStatus), i.e. what the first paint itself waited for",
    transferBytes: 'bytes the server sent for the load until every chart and the engine are in (response bodies, precompressed br/gzip where the browser accepts it, 206 ranges as sent); the service worker installs later',
    rendererMiB: 'resident memory of the largest renderer process after all charts are drawn (ps rss)',
  },
  async run({ server, dist, runs, warmup = 1 }) {
    const url = `${server.url}#/`;
    for (let i = 0; i < warmup; i++) await coldLoad(server, url);
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await coldLoad(server, url));
    const ms = Object.fromEntries(['dcl', ...MILESTONES, 'repeatAllCharts', 'offlineAllCharts'].map((k) => [k, summary(samples.map((s) => s.ms[k]))]));
    // Painted before the engine: every chart's time over the engine's, run by run.
    const paintOverEngine = summary(samples.map((s) => (s.ms.allPainted && s.ms.engine ? round(s.ms.allPainted / s.ms.engine, 2) : null)));
    const jsBytes = (s, blockingOnly) => s.js.filter((j) => !blockingOnly || j.blocking).reduce((a, j) => a + (brotliBytes(dist, j.path) ?? 0), 0);
    const criticalJsBrotli = summary(samples.map((s) => jsBytes(s, false)));
    const renderBlockingJsBrotli = summary(samples.map((s) => jsBytes(s, true)));
    const bytes = samples.map((s) => s.requests.filter((r) => r.method === 'GET').reduce((a, r) => a + r.bytes, 0));
    const byKind = {};
    for (const r of samples[0].requests) {
      const k = (byKind[kindOf(r.path)] ??= { requests: 0, bytes: 0 });
      k.requests++;
      k.bytes += r.method === 'GET' ? r.bytes : 0;
    }
    return {
      url: '#/',
      runs,
      viewport: VIEWPORT,
      ms,
      paintOverEngine,
      criticalJsBrotli,
      renderBlockingJsBrotli,
      criticalJs: samples[0].js,
      transferBytes: summary(bytes),
      requests: summary(samples.map((s) => s.requests.length)),
      byKind,
      rendererMiB: summary(samples.map((s) => s.rendererMiB)),
      loadedPaths: [...new Set(samples.flatMap((s) => s.requests.map((r) => r.path)))].sort(),
      firstRunRequests: samples[0].requests,
      samples: samples.map(({ ms, rendererMiB, errors, requests }) => ({ ms, rendererMiB, errors, requests: requests.length })),
    };
  },
  report(r) {
    const rows = Object.entries(r.ms).map(([k, s]) => [k, s.median, s.p95, s.min, s.max]);
    const kinds = Object.entries(r.byKind).map(([k, v]) => [k, v.requests, kib(v.bytes)]);
    return [
      table(['milestone (ms)', 'median', 'p95', 'min', 'max'], rows),
      '',
      `every chart and KPI tile painted at ${r.paintOverEngine?.median} of the time the engine is ready (median of runs); a repeat visit draws every chart in ${r.ms.repeatAllCharts?.median} ms, offline in ${r.ms.offlineAllCharts?.median} ms`,
      `app JavaScript requested before the first chart was painted: ${kib(r.criticalJsBrotli?.median)} KiB brotli (${r.criticalJs?.length} files), of which render-blocking ${kib(r.renderBlockingJsBrotli?.median)} KiB`,
      `transferred per cold load: ${kib(r.transferBytes.median)} KiB in ${r.requests.median} requests (median); renderer ${r.rendererMiB.median} MiB`,
      table(['kind', 'requests', 'KiB sent'], kinds),
      ...r.samples.flatMap((s, i) => s.errors.map((e) => `run ${i + 1} logged an error: ${e}`)),
    ].join('\n');
  },
};
