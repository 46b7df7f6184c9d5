// Our explore view under the peer's probe: cold load of the dashboard at 1,681 (bundled), 1 M and 10 M
// rows, then the peer's two drags on the output histogram, with our pre-aggregation on and off.
// Scale data comes from scripts/build-scale.mjs (data/scale/, git-ignored) and is generated here when
// it is missing or has another row count. The site is served from a temporary root holding dist/ and
// the scale folders, so `data=` is a relative URL as it would be on a static host.
//
// env: ROWS=1681,1000000,10000000  EXPLORE_PREAGG=1,0  REPS=3
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { serve } from '../serve.mjs';
import { ROOT, driveOnce, dragReps, onOff, rowCounts, runPrepared, summarise } from './brush.mjs';
import { line, reportSummary } from './mosaic.mjs';
import { milestones } from './cold.mjs';

const VIEWS = {
  main: '[data-chart-id=output-distribution]',
  founded: '[data-chart-id=founding-years]',
  segment: '[data-chart-id=firms-by-segment]',
};
const BRUSHED = '[data-chart-id=output-distribution] rect.brush';
// Issue 9's first render is every linked view drawn, not only the three the probe times moves on.
const ALL_LINKED = Object.fromEntries(
  ['firms-by-segment', 'firms-by-area', 'firms-by-scale-srdi', 'output-distribution', 'founding-years', 'concentration'].map((id) => [id, `[data-chart-id=${id}]`]),
);
const LINKED = ['founded', 'segment'];
const idle = (page) => page.evaluate(() => window.__jianghai?.idle?.());
const LOAD_TIMEOUT_MS = Number(process.env.LOAD_TIMEOUT_MS ?? 300000);

// The same folder names as scripts/build-scale.mjs picks.
const label = (rows) => (rows % 1_000_000 === 0 ? `${rows / 1_000_000}m` : rows % 1000 === 0 ? `${rows / 1000}k` : String(rows));
const firmRows = (manifest) => {
  try { return JSON.parse(readFileSync(manifest, 'utf8')).tables.find((t) => t.name === 'firms')?.rows ?? null; } catch { return null; }
};

/** `data=` value for N rows, or null for the bundled table; generates scale data when needed. */
function dataFor(rows, log) {
  if (firmRows(join(ROOT, 'data', 'manifest.json')) === rows) return null;
  const dir = join(ROOT, 'data', 'scale', label(rows));
  const manifest = join(dir, 'manifest.json');
  if (firmRows(manifest) !== rows || !existsSync(join(dir, 'firms.parquet'))) {
    const t0 = Date.now();
    log(`explore: generating ${rows.toLocaleString('en')} rows into data/scale/${label(rows)}`);
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-scale.mjs'), '--rows', String(rows)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    log(`explore: generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return `scale/${label(rows)}/manifest.json`;
}

/** A web root with dist/'s entries and data/scale/ side by side (symlinks: nothing is copied). */
function siteRoot(dist) {
  const root = mkdtempSync(join(os.tmpdir(), 'jianghai-bench-'));
  for (const name of readdirSync(dist)) symlinkSync(join(dist, name), join(root, name));
  symlinkSync(join(ROOT, 'data', 'scale'), join(root, 'scale'));
  return root;
}

const hashFor = (data, preagg) => {
  const params = [data && `data=${encodeURIComponent(data)}`, !preagg && 'preagg=0'].filter(Boolean);
  return `#/${params.length ? `?${params.join('&')}` : ''}`;
};

// Every view has its data and marks: placeholders while loading must not count as a first render.
// Runs in the page; an alert means the app gave up (engine or data failure).
function loadState(views) {
  const alert = document.querySelector('[role=alert]')?.textContent?.trim();
  if (alert) return { error: alert.slice(0, 300) };
  const drawn = Object.values(views).every((sel) => {
    const el = document.querySelector(sel);
    return el && el.dataset.state === 'ready' && el.querySelector('svg .mark, canvas');
  });
  return drawn ? { ready: true } : null;
}

// The app reports rendered(el) with the linked view's wrapper (div.linked), which holds the figure the
// probe watches; the probe only credits an element inside a view, so no render would ever be attributed.
// Until the app passes the figure itself, hand the probe the figure inside the wrapper.
function renderedShim(views) {
  const P = window.__latencyProbe;
  if (!P) return;
  const rendered = P.rendered;
  const sels = Object.values(views);
  P.rendered = (el, seq) => {
    const inView = sels.some((s) => { const v = document.querySelector(s); return v && (v === el || v.contains(el)); });
    const inner = inView ? null : sels.map((s) => el?.querySelector?.(s)).find(Boolean);
    if (inner) P.shimmed = (P.shimmed ?? 0) + 1;
    return rendered(inner ?? el, seq);
  };
}

async function runOnce(srv, rows, data, preagg, rep) {
  const hash = hashFor(data, preagg);
  return driveOnce({
    url: `${srv.url}${hash}`,
    origin: srv.url,
    views: VIEWS, brushed: BRUSHED, linked: LINKED, idle, init: renderedShim,
    hasIdle: (page) => page.evaluate(() => typeof window.__jianghai?.idle === 'function'),
    label: { rows, preagg, rep, hash },
    async waitReady(page, res) {
      const st = await page
        .waitForFunction(loadState, VIEWS, { timeout: LOAD_TIMEOUT_MS, polling: 100 })
        .then((h) => h.jsonValue())
        .catch((e) => ({ error: `timeout: ${e.message.split('\n')[0]}` }));
      if (!st.ready) {
        const states = await page.$$eval('[data-chart-id]', (els) => els.map((e) => `${e.dataset.chartId}:${e.dataset.state}`).join(', ')).catch(() => '?');
        res.errors.push(`not ready: ${st.error} (${states})`);
      }
      return !!st.ready;
    },
    ready: (page) => page.evaluate(loadState, ALL_LINKED).then((s) => !!s?.ready),
    pageInit: milestones,
    // A reader's pointer reaching the histogram as soon as it is drawn: how long until the app can
    // answer a brush from its data cubes (issue 9: under 100 ms at 10 M rows, cubes built at load).
    async afterFirstRender(page, res) {
      await page.evaluate((sel) => {
        window.__hoverAt = null;
        document.querySelector(sel)?.addEventListener('pointerenter', () => (window.__hoverAt ??= performance.now()), { once: true });
      }, BRUSHED);
      await page.locator(BRUSHED).first().hover();
      res.hoverAfterFirstRenderMs = await page.evaluate(async () => {
        await window.__jianghai.ready.catch(() => undefined);
        await window.__jianghai.idle?.();
        return window.__hoverAt === null ? null : Math.round(performance.now() - window.__hoverAt);
      });
    },
    // The cold section's milestones in the same runs: every chart and KPI tile painted, and the engine
    // ready (the loading strip gone), for issue 9's painted / engine-ready target at every size.
    async loadMilestones(page, res) {
      const t = await page
        .waitForFunction(() => ('engine' in window.__milestones.t && 'allPainted' in window.__milestones.t ? window.__milestones.t : null), null, { timeout: 10_000 })
        .then((h) => h.jsonValue())
        .catch(() => null);
      res.allPaintedMs = t?.allPainted != null ? Math.round(t.allPainted) : null;
      res.engineReadyMs = t?.engine != null ? Math.round(t.engine) : null;
    },
    // The views paint from the build's (or the manifest's) answers first; the drags wait until the
    // engine has the table and every data cube.
    interactive: (page) =>
      page.evaluate(async () => {
        await window.__jianghai.ready;
        await window.__jianghai.idle?.();
        return Math.round(performance.now());
      }),
    // The histogram is below the fold at 1000x900, and the probe aims with viewport coordinates.
    async beforeDrag(page) {
      await page.locator(BRUSHED).first().scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
    },
    async afterDrag(page, drag) {
      // Views scrolled out of the viewport paint less: say which ones the reader could see.
      drag.viewsInViewport = await page.evaluate((views) => Object.fromEntries(Object.entries(views).map(([k, sel]) => {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        return [k, r ? r.bottom > 0 && r.top < innerHeight : false];
      })), VIEWS);
      drag.renderedShimmed = await page.evaluate(() => window.__latencyProbe.shimmed ?? 0);
    },
  });
}

async function prepare({ dist, log = console.log }) {
  const rows = rowCounts();
  const preaggs = onOff('EXPLORE_PREAGG', '1,0');
  const reps = dragReps();
  const data = Object.fromEntries(rows.map((n) => [n, dataFor(n, log)]));
  const root = siteRoot(dist);
  const srv = await serve(root);
  const runs = [];
  const rounds = [];
  // One round per rep and size, the same for the peer: bench.mjs alternates the two apps round by round.
  for (let rep = 1; rep <= reps; rep++) {
    for (const n of rows) {
      rounds.push(
        preaggs.map((preagg) => async () => {
          const r = await runOnce(srv, n, data[n], preagg, rep);
          runs.push(r);
          log(line('explore', r));
        }),
      );
    }
  }
  return {
    rounds,
    async cleanup() {
      await srv.close();
      rmSync(root, { recursive: true, force: true });
    },
    async finish() {
      const summary = rows.flatMap((n) => preaggs.map((preagg) => ({ rows: n, preagg, hash: hashFor(data[n], preagg), ...summarise(runs.filter((r) => r.rows === n && r.preagg === preagg)) })));
      return {
        app: 'our explore view (dist/)',
        idleHook: runs.some((r) => r.idleHook),
        config: { rows, preagg: preaggs, reps, views: VIEWS, brushed: BRUSHED, linked: LINKED, data },
        summary,
        runs,
      };
    },
  };
}

export default {
  name: 'explore',
  title: 'Our explore view: first render and brush latency under the peer probe',
  definitions: {
    probe: '../shared/peers/mosaic/probe.mjs (its header defines every figure); viewport 1000x900, the Chromium flags of scripts/bench/chromium.mjs (the same as the peer bench ARGS), a fresh browser per run, drags as in the peer bench: frame (open loop, 60 moves one per frame from 20 % to 80 % of the brush rect) then closed (90 % to 30 %, each move waits for the linked views and idle())',
    views: 'main = output histogram, linked = founding-years histogram and firms-by-segment bars; the histogram is scrolled into view before each drag',
    idle: 'window.__jianghai.idle(): no crossfilter query in flight',
    firstRenderMs: 'probe waitForFirstRender (quiet 500 ms on the three probed views), once every linked view (the six of #/) is data-state=ready with marks; ms from navigation start, cold',
    hoverAfterFirstRenderMs: 'right after the first render the pointer enters the output histogram; ms from then until the engine has the data and the crossfilter is idle (data cubes built): issue 9 "hover to idle", measured from load rather than after the cubes',
    allPaintedMs: 'the cold section\'s allPainted milestone in these runs: every chart and KPI tile painted, ms from navigation',
    engineReadyMs: 'the cold section\'s engine milestone in these runs: the loading strip gone (engine started and dataset registered, big tables loaded)',
    paintOverEngine: 'allPaintedMs / engineReadyMs per run, median (issue 9 target: <= 0.25 at every size)',
    interactiveMs: 'ours: ms from navigation start until the engine has the data and the data cubes (window.__jianghai.ready, then idle()); the drags start after it. The peer: its first render',
    'closed.p95Ms': 'closed-loop p95 over the 60 moves (exact), median over reps',
    'frame.exactP95Ms': 'open-loop p95, attributed through the applied(seq)/rendered(el, seq) hooks (exact); frame.domP95Ms is the DOM-only lower bound',
    'frame.neverDrawn': 'superseded + missing: moves whose own brush state no linked view ever drew',
    'frame.undrawnOverFrame': 'missing + superseded moves whose replacing input came after the end of the frame that could have shown them (the app had a whole frame and skipped the move); skippedInFrame are states replaced within their frame, which no app could draw',
    longTasks100: "PerformanceObserver 'longtask' entries > 100 ms overlapping the drag (frame/closed); loaf100 = long-animation-frame entries > 100 ms, frameGaps100 = rAF gaps > 100 ms",
    rendererRssMiB: 'ps RSS of the largest renderer after both drags (as the peer bench); rendererPeakMiB = its VmHWM',
    loadavg1m: '1-minute load average when the run started (2 cores, shared machine)',
  },
  prepare,
  run: (ctx) => prepare(ctx).then(runPrepared),
  report: (r) => `${reportSummary(r.summary)}${r.idleHook ? '' : '\nwindow.__jianghai.idle() missing: closed-loop moves waited for DOM quiet only'}`,
};
