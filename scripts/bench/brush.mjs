// What the explore and peer sections share: one cold load plus two brush drags, driven by the Mosaic
// peer's own latency probe with the settings of the peer's bench.mjs, so a difference between the two
// columns is a difference between the apps, not between two drivers.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { median, round } from './stats.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The read-only peers folder (ARCHITECTURE.md section 6); PEERS_DIR points elsewhere when the checkout is laid out differently. */
export const PEERS = resolve(process.env.PEERS_DIR ?? join(ROOT, '..', 'shared', 'peers'));

// Copied from the peer's bench.mjs: the figures are only comparable if the drags are the same.
export const VIEWPORT = { width: 1000, height: 900 };
export const MOVES = Number(process.env.MOVES ?? 60);
export const MODES = (process.env.MODES ?? 'frame,closed').split(',').map((s) => s.trim());
// The closed drag starts outside the first brush so that it starts a new selection instead of moving the old one.
export const DRAGS = { frame: { from: 0.2, to: 0.8 }, closed: { from: 0.9, to: 0.3 } };
const QUIET_MS = 500;

/** Explore and peer runs: REPS when given (it also sets the warm section's), else 3 as in the peer's bench. */
export const dragReps = () => {
  const n = Number(process.env.REPS ?? 3);
  if (!Number.isInteger(n) || n < 1) throw new Error(`REPS must be a positive integer, got ${process.env.REPS}`);
  return n;
};

export const rowCounts = () => {
  const rows = (process.env.ROWS ?? '1681,1000000,10000000').split(',').map((s) => Number(s.trim()));
  const bad = rows.filter((n) => !Number.isInteger(n) || n < 1);
  if (bad.length) throw new Error(`ROWS must list whole numbers, got ${process.env.ROWS}`);
  return rows;
};

export const onOff = (name, fallback) =>
  (process.env[name] ?? fallback).split(',').map((s) => {
    if (s.trim() !== '1' && s.trim() !== '0') throw new Error(`${name} must list 1 and/or 0, got ${process.env[name]}`);
    return s.trim() === '1';
  });

let probeModule = null;
/** The peer's probe.mjs, loaded from the shared folder (it imports nothing, so no install is needed for it). */
export async function loadProbe() {
  const file = join(PEERS, 'mosaic', 'probe.mjs');
  if (!existsSync(file)) throw new Error(`no probe at ${file}: set PEERS_DIR to the shared peers folder`);
  probeModule ??= await import(pathToFileURL(file).href);
  return probeModule;
}

// As the peer's bench.mjs measures it: ps RSS of every Chromium process, and the page's renderer is the
// largest renderer (it hosts the DuckDB worker too); VmHWM is that process's peak.
function processMem(pids) {
  if (!pids.length) return [];
  const out = execFileSync('ps', ['-o', 'pid=,rss=', '-p', pids.join(',')]).toString();
  return out.trim().split('\n').filter(Boolean).map((l) => {
    const [pid, rss] = l.trim().split(/\s+/).map(Number);
    let hwm = null;
    try { hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { /* the process ended between ps and this read */ }
    return { pid, rssKiB: rss, hwmKiB: hwm };
  });
}

export async function rendererMem(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const mem = processMem(processInfo.map((p) => p.id));
  const rows = processInfo.map((p) => ({ type: p.type, ...mem.find((m) => m.pid === p.id) }));
  const renderers = rows.filter((p) => p.type === 'renderer' && p.rssKiB);
  const page = renderers.sort((a, b) => b.rssKiB - a.rssKiB)[0];
  return { rendererRssMiB: page ? round(page.rssKiB / 1024) : null, rendererPeakMiB: page?.hwmKiB ? round(page.hwmKiB / 1024) : null, processes: rows };
}

/**
 * The probe counts a move as superseded whenever its own state was never drawn. A state replaced by
 * another input before the frame that could have shown it ended cannot be drawn by any app (one frame
 * shows one state); what the targets forbid is a move the app had a whole frame to draw and skipped.
 * Reads the probe's raw marks, which stay in the page after brushDrag until the next drag.
 */
async function undrawn(page, linked) {
  const raw = await page.evaluate(() => {
    const P = window.__latencyProbe;
    return { inputs: P.inputs, applied: P.appliedMarks, rendered: P.renderedMarks, frames: P.frames };
  });
  if (!raw.applied.length || !raw.rendered.length) return null;
  const moves = raw.inputs.filter((x) => x[0] === 'pointermove').map((x) => x[1]);
  const frameEnds = raw.frames.map((f) => f[1]).filter((x) => x != null);
  const paint = (t) => frameEnds.find((e) => e > t) ?? null;
  let own = 0, skippedInFrame = 0, skippedOverFrame = 0, missing = 0;
  moves.forEach((t, i) => {
    const next = moves[i + 1] ?? Infinity;
    const a = raw.applied.find(([ta]) => ta >= t && ta < next);
    if (!a) { missing++; return; }
    const drawnOwn = linked.every((n) => raw.rendered.some(([tr, v, s]) => v === n && tr > t && s === a[1]));
    const answered = linked.every((n) => raw.rendered.some(([tr, v, s]) => v === n && tr > t && s >= a[1]));
    if (!answered) missing++;
    else if (drawnOwn) own++;
    else if (next < (paint(t) ?? Infinity)) skippedInFrame++;
    else skippedOverFrame++;
  });
  return { own, skippedInFrame, skippedOverFrame, missing, undrawnOverFrame: skippedOverFrame + missing };
}

/**
 * One cold load in a fresh Chromium (as the peer's runOnce): first full render, memory, then the frame
 * drag and the closed drag, then memory again.
 *   idle(page), hasIdle(page)  the app's "no query in flight" hook, and whether this build has it
 *   init(views)            runs in the page after the probe's own init script (app-specific shims)
 *   waitReady(page, res)   app-specific: resolves once the app says it has data (or records why not and returns false)
 *   ready(page)            extra condition for waitForFirstRender (every view really drawn)
 *   pageInit               a function run in the page before its scripts (e.g. the cold section's milestones)
 *   afterFirstRender(page, res)  measured right after the first render, before interactive (e.g. a hover)
 *   loadMilestones(page, res)    read once the app is interactive (e.g. painted / engine-ready times)
 *   beforeDrag(page)       e.g. scroll the brushed view into the viewport (the probe uses viewport coordinates)
 *   afterDrag(page, drag)  app-specific diagnostics
 */
export async function driveOnce({ url, origin, views, brushed, linked, idle, hasIdle, init, pageInit, waitReady, ready, afterFirstRender, interactive, loadMilestones, beforeDrag, afterDrag, label }) {
  const probe = await loadProbe();
  const res = { ...label, url, loadavg1m: round(os.loadavg()[0], 2), errors: [], external: [] };
  const t0 = Date.now();
  const browser = await launchChromium();
  res.chromium = browser.version();
  try {
    const cdp = await browser.newBrowserCDPSession();
    // Measured here is interaction, not the service worker's install (the cold section has it).
    const page = await browser.newPage({ viewport: VIEWPORT, serviceWorkers: 'block' });
    page.on('console', (m) => {
      // Playwright says so when it blocks the service worker, as asked above; that is not the app's.
      if (/registration blocked by Playwright/.test(m.text())) return;
      if (m.type() === 'error' || m.type() === 'warning') res.errors.push(`console.${m.type()}: ${m.text().slice(0, 300)}`);
    });
    page.on('pageerror', (e) => res.errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => { const u = r.url(); if (!u.startsWith(origin) && !/^(data|blob):/.test(u)) res.external.push(u); });
    await probe.installProbe(page, { views });
    if (init) await page.addInitScript(init, views);
    if (pageInit) await page.addInitScript(pageInit);
    await page.goto(url, { waitUntil: 'commit' });
    if (!(await waitReady(page, res))) return res;
    const first = await probe.waitForFirstRender(page, { views, quietMs: QUIET_MS, ready });
    res.firstRenderMs = first.firstRenderMs;
    if (afterFirstRender) await afterFirstRender(page, res);
    // An app that paints before its data is loaded says when it can answer input (ms since navigation).
    if (interactive) res.interactiveMs = await interactive(page);
    if (loadMilestones) await loadMilestones(page, res);
    res.memAfterLoad = await rendererMem(cdp);
    // Without the app's idle hook, closed-loop moves wait for DOM quiet only (the probe allows that).
    res.idleHook = !!(idle && (await hasIdle(page)));
    for (const mode of MODES) {
      if (beforeDrag) await beforeDrag(page);
      const drag = await probe.brushDrag(page, { brushed, linked, moves: MOVES, mode, ...DRAGS[mode], idle: res.idleHook ? idle : undefined, quietMs: QUIET_MS });
      if (mode === 'frame') drag.undrawn = await undrawn(page, linked);
      if (afterDrag) await afterDrag(page, drag);
      res[mode] = drag;
    }
    const mem = await rendererMem(cdp);
    Object.assign(res, { rendererRssMiB: mem.rendererRssMiB, rendererPeakMiB: mem.rendererPeakMiB, processes: mem.processes });
    res.jsHeapMiB = await page.evaluate(() => (performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : null));
  } catch (e) {
    res.errors.push(`driver: ${e.stack ?? e}`);
  } finally {
    await browser.close();
    res.seconds = round((Date.now() - t0) / 1000);
  }
  return res;
}

/** Medians over the reps of one configuration, the same figures for both apps. */
export function summarise(rs) {
  const ok = rs.filter((r) => r.firstRenderMs != null);
  if (!ok.length) return { reps: 0, errors: rs.flatMap((r) => r.errors).slice(0, 5) };
  const m = (f) => round(median(ok.map(f).filter((x) => x != null)));
  const f = (k) => (r) => r.frame?.[k];
  const c = (k) => (r) => r.closed?.[k];
  return {
    reps: ok.length,
    failedReps: rs.length - ok.length,
    firstRenderMs: m((r) => r.firstRenderMs),
    interactiveMs: m((r) => r.interactiveMs ?? r.firstRenderMs),
    closed: {
      medianMs: m(c('medianMs')), p95Ms: m(c('p95Ms')), maxMs: m(c('maxMs')),
      longTasks100: m(c('longTasks100')), loaf100: m(c('loaf100')), frameGaps100: m(c('frameGaps100')),
      timeouts: m((r) => r.closed?.closedTimeouts ?? 0), unanswered: m(c('unanswered')),
    },
    frame: {
      attributed: ok.some((r) => r.frame?.attributed),
      exactMedianMs: m((r) => r.frame?.attributed?.medianMs), exactP95Ms: m((r) => r.frame?.attributed?.p95Ms), exactMaxMs: m((r) => r.frame?.attributed?.maxMs),
      superseded: m((r) => r.frame?.attributed?.superseded), missing: m((r) => r.frame?.attributed?.missing),
      neverDrawn: m((r) => (r.frame?.attributed ? r.frame.attributed.superseded + r.frame.attributed.missing : null)),
      skippedInFrame: m((r) => r.frame?.undrawn?.skippedInFrame), undrawnOverFrame: m((r) => r.frame?.undrawn?.undrawnOverFrame),
      undrawnOverFrameMax: ok.some((r) => r.frame?.undrawn) ? Math.max(...ok.map((r) => r.frame?.undrawn?.undrawnOverFrame ?? 0)) : null,
      domMedianMs: m(f('medianMs')), domP95Ms: m(f('p95Ms')), domMaxMs: m(f('maxMs')), unanswered: m(f('unanswered')),
      settleMs: m(f('settleMs')), moveIntervalMs: m(f('moveIntervalMs')), inputsSeen: m(f('inputsSeen')),
      longTasks100: m(f('longTasks100')), longTasks50: m(f('longTasks50')), longTaskMaxMs: m(f('longTaskMaxMs')),
      loaf100: m(f('loaf100')), frameGaps100: m(f('frameGaps100')), maxFrameGapMs: m(f('maxFrameGapMs')),
    },
    // Worst rep as well as the median: a single long frame in one rep of three is still a long frame.
    longTasks100Max: Math.max(...ok.map((r) => (r.frame?.longTasks100 ?? 0) + (r.closed?.longTasks100 ?? 0))),
    hoverIdleMs: m((r) => r.frame?.hoverIdleMs),
    // Issue 9 (apps that report them): a hover right after the first render until idle, every chart
    // and tile painted, and the engine ready (the loading strip gone), from navigation; painted/engine per run.
    hoverAfterFirstRenderMs: m((r) => r.hoverAfterFirstRenderMs),
    allPaintedMs: m((r) => r.allPaintedMs),
    engineReadyMs: m((r) => r.engineReadyMs),
    paintOverEngine: ok.some((r) => r.allPaintedMs && r.engineReadyMs) ? round(median(ok.filter((r) => r.allPaintedMs && r.engineReadyMs).map((r) => r.allPaintedMs / r.engineReadyMs)), 2) : null,
    rendererRssMiB: m((r) => r.rendererRssMiB), rendererPeakMiB: m((r) => r.rendererPeakMiB),
    rendererRssAfterLoadMiB: m((r) => r.memAfterLoad?.rendererRssMiB),
    loadavg1m: m((r) => r.loadavg1m),
    errors: [...new Set(ok.flatMap((r) => r.errors))].slice(0, 5),
  };
}

/**
 * Runs a prepared section's rounds (one per rep and size) and finishes it. bench.mjs alternates the
 * rounds of explore and peer instead, so that both apps see the same load on the shared machine at
 * each size: by rep alone, a burst of load during our slow 10 M runs would count against us only.
 */
export async function runPrepared(prepared) {
  try {
    for (const round of prepared.rounds) for (const job of round) await job();
    return await prepared.finish();
  } finally {
    await prepared.cleanup?.();
  }
}
