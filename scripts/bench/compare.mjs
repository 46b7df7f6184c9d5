// The side-by-side table of issue 3: our explore view (pre-aggregation on and off) against the Mosaic
// peer at each size, the ratios, and the issue's targets met or missed; then issue 9's targets, from
// the same runs and from the cold section. Built from the sections of results.json, which may come
// from an earlier run (their dates are printed with the table).
import { kib, round, table } from './stats.mjs';

const TARGETS = [
  ['closed', 'closed-loop p95 <= 20 ms and below the peer'],
  ['open', 'open-loop p95 <= 33 ms, no move undrawn > 1 frame'],
  ['first', 'first render <= half the peer'],
  ['memory', 'renderer memory <= the peer'],
  ['long', 'no long task > 100 ms in a drag'],
];

const sizeLabel = (n) => (n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6} M` : n.toLocaleString('en'));

/** The figures of one configuration that the table shows, or null when it did not run. */
function figures(s) {
  if (!s || !s.reps) return s ? { failed: s.skipped ?? (s.errors?.[0] ? `failed: ${s.errors[0]}` : 'no successful run') } : null;
  const exact = s.frame.exactP95Ms != null;
  return {
    reps: s.reps,
    firstRenderMs: s.firstRenderMs,
    closedP95Ms: s.closed.p95Ms,
    closedMedianMs: s.closed.medianMs,
    openP95Ms: exact ? s.frame.exactP95Ms : s.frame.domP95Ms,
    openMedianMs: exact ? s.frame.exactMedianMs : s.frame.domMedianMs,
    openExact: exact,
    openDomP95Ms: s.frame.domP95Ms,
    neverDrawn: s.frame.neverDrawn,
    undrawnOverFrame: s.frame.undrawnOverFrame,
    undrawnOverFrameMax: s.frame.undrawnOverFrameMax,
    longTasksOpen: s.frame.longTasks100,
    longTasksClosed: s.closed.longTasks100,
    longTasksMax: s.longTasks100Max,
    loafOpen: s.frame.loaf100,
    rendererMiB: s.rendererRssMiB,
    // Not a target, but the drags start only after it: how long the app is busy once the pointer enters the histogram.
    hoverIdleMs: s.hoverIdleMs,
    hoverAfterFirstRenderMs: s.hoverAfterFirstRenderMs,
    interactiveMs: s.interactiveMs,
    paintOverEngine: s.paintOverEngine,
    allPaintedMs: s.allPaintedMs,
    engineReadyMs: s.engineReadyMs,
    loadavg1m: s.loadavg1m,
  };
}

const ratio = (a, b) => (a != null && b ? round(a / b, 2) : null);

function targets(us, peer) {
  if (!us || us.failed) return TARGETS.map(([id, text]) => ({ id, text, met: null, detail: 'no run of ours' }));
  const p = peer && !peer.failed ? peer : null;
  const t = {
    closed: {
      met: us.closedP95Ms != null && us.closedP95Ms <= 20 && (p ? us.closedP95Ms < p.closedP95Ms : null),
      detail: `${us.closedP95Ms} ms vs ${p?.closedP95Ms ?? '?'} ms`,
    },
    open: {
      met: us.openP95Ms != null && us.openP95Ms <= 33 && us.undrawnOverFrameMax === 0,
      detail: `${us.openP95Ms} ms${us.openExact ? '' : ' (DOM-only)'}, ${us.undrawnOverFrameMax ?? '?'} undrawn > 1 frame (worst rep)`,
    },
    first: {
      met: p ? us.firstRenderMs <= p.firstRenderMs / 2 : null,
      detail: `${us.firstRenderMs} ms vs ${p?.firstRenderMs ?? '?'} ms (x${ratio(us.firstRenderMs, p?.firstRenderMs) ?? '?'})`,
    },
    memory: { met: p ? us.rendererMiB <= p.rendererMiB : null, detail: `${us.rendererMiB} MiB vs ${p?.rendererMiB ?? '?'} MiB` },
    long: { met: us.longTasksMax === 0, detail: `${us.longTasksMax} in the worst rep (both drags)` },
  };
  // A target against the peer cannot be judged without a peer run: null, printed as "n/a".
  for (const k of ['closed', 'first', 'memory']) if (!p && t[k].met !== false) t[k].met = null;
  return TARGETS.map(([id, text]) => ({ id, text, ...t[id] }));
}

const TEN_M = 10_000_000;

/** Issue 9's targets at one size, from ours and the peer's figures of the same runs. */
function issue9Sized(rows, us, peer) {
  const p = peer && !peer.failed ? peer : null;
  if (!us || us.failed) return { rows, targets: ISSUE9_SIZED.map(([id, text]) => ({ id, text, met: null, detail: 'no run of ours' })) };
  const x = ratio(us.firstRenderMs, p?.firstRenderMs);
  const at10m = rows >= TEN_M;
  const t = {
    first: { met: p ? us.firstRenderMs <= 0.3 * p.firstRenderMs : null, detail: `${us.firstRenderMs} ms vs ${p?.firstRenderMs ?? '?'} ms (x${x ?? '?'})` },
    paint: {
      met: us.paintOverEngine == null ? null : us.paintOverEngine <= 0.25,
      detail: `x${us.paintOverEngine ?? '?'} (${us.allPaintedMs ?? '?'} ms painted, engine ready at ${us.engineReadyMs ?? '?'} ms)`,
    },
    closed: {
      met: us.closedP95Ms == null ? null : us.closedP95Ms <= 20 && (p ? us.closedP95Ms <= p.closedP95Ms : null),
      detail: `${us.closedP95Ms} ms vs ${p?.closedP95Ms ?? '?'} ms`,
    },
    // As the issue's own baseline measured it (3,314 ms at 10 M): a hover once the table is in. Cubes
    // built at load leave nothing to do then. A hover right after the first render also waits for
    // the table to load; that figure is reported beside it.
    hover: {
      met: at10m && us.hoverIdleMs != null ? us.hoverIdleMs < 100 : null,
      detail: `${us.hoverIdleMs ?? '?'} ms once the table is in; ${us.hoverAfterFirstRenderMs ?? '?'} ms from a hover right after the first render (the table loads meanwhile; interactive at ${us.interactiveMs ?? '?'} ms)${at10m ? '' : '; judged at 10 M'}`,
    },
    memory: {
      met: at10m && p ? us.rendererMiB <= 0.8 * p.rendererMiB : null,
      detail: `${us.rendererMiB} MiB vs ${p?.rendererMiB ?? '?'} MiB (x${ratio(us.rendererMiB, p?.rendererMiB) ?? '?'})${at10m ? '' : '; judged at 10 M'}`,
    },
  };
  if (!p && t.closed.met !== false) t.closed.met = null;
  return { rows, targets: ISSUE9_SIZED.map(([id, text]) => ({ id, text, ...t[id] })) };
}

const ISSUE9_SIZED = [
  ['first', 'first render (every linked view) <= 0.3 of the peer'],
  ['paint', 'every chart and KPI tile painted <= 0.25 of engine ready'],
  ['closed', 'closed-loop p95 <= 20 ms and <= the peer'],
  ['hover', 'hover to idle < 100 ms at 10 M (cubes built at load)'],
  ['memory', 'renderer memory <= 0.8 of the peer at 10 M'],
];

/** Issue 9's targets of the dashboard page itself (the cold section: #/ on the bundled data). */
function issue9Page(cold) {
  if (!cold) return [{ text: 'cold #/ (section cold)', met: null, detail: 'not measured' }];
  const ms = (k) => cold.ms?.[k]?.median ?? null;
  const under = (v, limit) => (v == null ? null : v < limit);
  const kibOf = (b) => (b == null ? null : round(b / 1024, 1));
  return [
    {
      text: 'cold #/: every chart and KPI tile painted <= 0.25 of engine ready',
      met: cold.paintOverEngine?.median == null ? null : cold.paintOverEngine.median <= 0.25,
      detail: `x${cold.paintOverEngine?.median ?? '?'} (${ms('allPainted') ?? '?'} ms painted, engine ready at ${ms('engine') ?? '?'} ms)`,
    },
    { text: 'repeat visit: every chart drawn < 300 ms', met: under(ms('repeatAllCharts'), 300), detail: `${ms('repeatAllCharts') ?? '?'} ms` },
    { text: 'offline repeat visit: every chart drawn < 300 ms', met: under(ms('offlineAllCharts'), 300), detail: `${ms('offlineAllCharts') ?? '?'} ms` },
    {
      text: 'app JavaScript on the critical path <= 80 KiB brotli',
      met: cold.criticalJsBrotli?.median == null ? null : cold.criticalJsBrotli.median <= 80 * 1024,
      detail: `${kibOf(cold.criticalJsBrotli?.median) ?? '?'} KiB requested before the first chart was painted; ${kibOf(cold.renderBlockingJsBrotli?.median) ?? '?'} KiB of it render-blocking`,
    },
  ];
}

export function compare(results) {
  const ex = results.explore, pe = results.peer;
  if (!ex && !pe) return null;
  const find = (sec, rows, preagg) => sec?.summary?.find((s) => s.rows === rows && s.preagg === preagg);
  const sizes = [...new Set([...(ex?.config.rows ?? []), ...(pe?.config.rows ?? [])])].sort((a, b) => a - b);
  return {
    sizes: sizes.map((rows) => {
      const us = figures(find(ex, rows, true));
      const usOff = figures(find(ex, rows, false));
      const peer = figures(find(pe, rows, true));
      const peerOff = figures(find(pe, rows, false));
      const r = (a, b, k) => ratio(a?.[k], b?.[k]);
      const keys = ['firstRenderMs', 'closedP95Ms', 'openP95Ms', 'rendererMiB'];
      return {
        rows,
        us, usOff, peer, peerOff,
        ratios: {
          usOverPeer: Object.fromEntries(keys.map((k) => [k, r(us, peer, k)])),
          usOffOverPeer: Object.fromEntries(keys.map((k) => [k, r(usOff, peer, k)])),
          onOverOff: Object.fromEntries(keys.map((k) => [k, r(us, usOff, k)])),
          peerOnOverOff: peerOff ? Object.fromEntries(keys.map((k) => [k, r(peer, peerOff, k)])) : null,
        },
        targets: targets(us, peer),
        targetsPreaggOff: targets(usOff, peer),
        issue9: issue9Sized(rows, us, peer).targets,
      };
    }),
    issue9Page: issue9Page(results.cold),
    coldRuns: results.cold?.runs ?? null,
  };
}

// --- rendering: the same three tables as plain text (console) and Markdown (bench/RESULTS.md)

const v = (f, k, digits = 1) => (!f ? '-' : f.failed ? 'fail' : f[k] == null ? '-' : String(round(f[k], digits)));
const trio = (s, k, digits) => `${v(s.us, k, digits)} / ${v(s.usOff, k, digits)} / ${v(s.peer, k, digits)}`;
const open = (f) => (!f || f.failed || f.openP95Ms == null ? v(f, 'openP95Ms') : `${round(f.openP95Ms, 1)}${f.openExact ? '' : '*'}`);
const longs = (f) => (!f || f.failed ? v(f, 'x') : `${f.longTasksOpen ?? '-'}+${f.longTasksClosed ?? '-'}`);
const verdict = (t) => (t.met === true ? 'met' : t.met === false ? 'MISSED' : 'n/a');

function tables(cmp) {
  const measured = {
    header: ['rows', 'first render ms', 'closed p95 ms', 'open p95 ms', 'never drawn /60', 'undrawn >1 frame', 'long tasks >100 ms', 'renderer MiB', 'hover to idle ms'],
    rows: cmp.sizes.map((s) => [
      sizeLabel(s.rows), trio(s, 'firstRenderMs', 0), trio(s, 'closedP95Ms'),
      `${open(s.us)} / ${open(s.usOff)} / ${open(s.peer)}`, trio(s, 'neverDrawn', 0), trio(s, 'undrawnOverFrame', 0),
      `${longs(s.us)} / ${longs(s.usOff)} / ${longs(s.peer)}`, trio(s, 'rendererMiB', 0), trio(s, 'hoverIdleMs', 0),
    ]),
  };
  const rr = (x) => (x == null ? '-' : x.toFixed(2));
  // The peer without pre-aggregation runs only when asked (PEER_PREAGG=1,0): its on/off ratios then join the table.
  const peerOff = cmp.sizes.some((s) => s.ratios.peerOnOverOff);
  const ratios = {
    header: ['rows', 'first us/peer', 'closed p95 us/peer', 'open p95 us/peer', 'MiB us/peer', 'first on/off', 'closed p95 on/off', 'open p95 on/off', 'MiB on/off',
      ...(peerOff ? ['peer closed p95 on/off', 'peer open p95 on/off'] : [])],
    rows: cmp.sizes.map((s) => {
      const a = s.ratios.usOverPeer, b = s.ratios.onOverOff, c = s.ratios.peerOnOverOff;
      return [sizeLabel(s.rows), rr(a.firstRenderMs), rr(a.closedP95Ms), rr(a.openP95Ms), rr(a.rendererMiB), rr(b.firstRenderMs), rr(b.closedP95Ms), rr(b.openP95Ms), rr(b.rendererMiB),
        ...(peerOff ? [rr(c?.closedP95Ms), rr(c?.openP95Ms)] : [])];
    }),
  };
  const tgt = {
    header: ['rows', ...TARGETS.map(([, text]) => text)],
    rows: cmp.sizes.map((s) => [sizeLabel(s.rows), ...s.targets.map((t) => `${verdict(t)} (${t.detail})`)]),
  };
  const tgt9 = {
    header: ['rows', ...ISSUE9_SIZED.map(([, text]) => text)],
    rows: cmp.sizes.map((s) => [sizeLabel(s.rows), ...(s.issue9 ?? []).map((t) => `${verdict(t)} (${t.detail})`)]),
  };
  const page9 = { header: ['target', 'verdict', 'measured'], rows: (cmp.issue9Page ?? []).map((t) => [t.text, verdict(t), t.detail]) };
  return { measured, ratios, tgt, tgt9, page9 };
}

const LEGEND = [
  'cells: us with pre-aggregation on / us with pre-aggregation off / Mosaic peer with pre-aggregation on; medians over reps',
  'open p95: attributed through the probe hooks (exact); * = DOM-only lower bound (no hooks answered)',
  'never drawn: moves whose own brush state no linked view drew (superseded + missing, probe definitions); undrawn >1 frame: of those, the ones the app had a whole frame to draw',
  'long tasks: longtask entries > 100 ms during the open-loop + closed-loop drag (median); the target counts the worst rep',
  'hover to idle: from the pointer entering the histogram until the app has no query in flight (pre-aggregates built); the drags start after it',
];

export function formatText(cmp) {
  const t = tables(cmp);
  return [
    table(t.measured.header, t.measured.rows),
    ...LEGEND.map((l) => `  ${l}`),
    '',
    'ratios (below 1: ours is faster or smaller; on/off: our pre-aggregation on over off)',
    table(t.ratios.header, t.ratios.rows),
    '',
    'targets of issue 3 (ours with pre-aggregation on)',
    ...t.tgt.rows.map((r) => `${r[0]}:\n${t.tgt.header.slice(1).map((h, i) => `  ${h}: ${r[i + 1]}`).join('\n')}`),
    '',
    'targets of issue 9 (ours with pre-aggregation on, same runs)',
    ...t.tgt9.rows.map((r) => `${r[0]}:\n${t.tgt9.header.slice(1).map((h, i) => `  ${h}: ${r[i + 1]}`).join('\n')}`),
    ...t.page9.rows.map((r) => `${r[0]}: ${r[1]} (${r[2]})`),
  ].join('\n');
}

const md = (header, rows, { text = false } = {}) => {
  const esc = (c) => String(c ?? '').replaceAll('|', '\\|');
  const align = header.map((_, i) => (i && !text ? '---:' : '---'));
  return [`| ${header.map(esc).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
};

export function formatMarkdown(cmp, { meta, sectionMeta = {}, embed, imports } = {}) {
  const t = tables(cmp);
  const when = (name) => {
    const m = sectionMeta[name];
    return m ? `${name}: ${m.date} at ${m.commit?.slice(0, 10) ?? '?'}${m.dirtySrc ? ' (uncommitted src/ changes)' : ''}, load average ${m.loadavgStart?.join(' / ') ?? '?'} at start and ${m.loadavgEnd?.join(' / ') ?? '?'} at end (1/5/15 min), ${m.seconds} s` : null;
  };
  const out = [
    '# Benchmark: our explore view against the Mosaic peer',
    '',
    `Generated by \`npm run bench\` (scripts/bench.mjs) on ${meta?.date ?? '?'}: ${meta?.cores ?? '?'} cores (${meta?.cpu ?? '?'}), Chromium ${meta?.chromium ?? '?'}, node ${meta?.node ?? '?'}.`,
    'The machine is shared: the load average is part of the result. Both apps run in the same process, alternating at each rep and size, so the ratios hold better than the absolute figures.',
    '',
    ...['explore', 'peer', 'cold', 'embed', 'import'].map(when).filter(Boolean).map((l) => `- ${l}`),
    '',
    '## Measured',
    '',
    md(t.measured.header, t.measured.rows),
    '',
    ...LEGEND.map((l) => `- ${l}`),
    '',
    '## Ratios',
    '',
    'Below 1: ours is faster or smaller. on/off: ours with pre-aggregation on over off.',
    '',
    md(t.ratios.header, t.ratios.rows),
    '',
    '## Targets of issue 3 (ours, pre-aggregation on)',
    '',
    md(t.tgt.header, t.tgt.rows, { text: true }),
    '',
    'The open-loop and long-task targets count every rep (worst rep); the others compare medians.',
    '',
    '## Targets of issue 9 (ours, pre-aggregation on)',
    '',
    "In the explore runs above: first render is every linked view of #/ drawn; painted / engine ready is every chart and KPI tile painted over the loading strip gone, per run; hover to idle is from a hover once the table is in until no query is in flight, as the issue's baseline (3,314 ms at 10 M) measured it; the figure from a hover right after the first render, which includes loading the table, is given beside it.",
    '',
    md(t.tgt9.header, t.tgt9.rows, { text: true }),
    '',
    `The dashboard page (cold section: ${cmp.coldRuns ?? '?'} cold loads of #/ on the bundled data, medians):`,
    '',
    md(t.page9.header, t.page9.rows, { text: true }),
  ];
  if (embed) {
    const d = embed.dashboard;
    out.push(
      '',
      '## Embed cold loads (issue 4)',
      '',
      md(
        ['page', 'chart(s) drawn ms', 'same chart on #/ ms', 'KiB sent', 'requests', 'time / dashboard', 'bytes / dashboard'],
        [
          [d.url, d.chartsDrawnMs.median, '', kib(d.transferBytes.median), d.requests.median, '', ''],
          ...embed.embeds.map((e) => [e.url, e.chartsDrawnMs.median, e.dashboardSameChartMs, kib(e.transferBytes.median), e.requests.median, e.ratio.chartsDrawn, e.ratio.bytes]),
        ],
      ),
      '',
      `Medians of ${embed.runs} cold loads, a new Chromium each. Dashboard: time until every chart is drawn.`,
    );
  }
  if (imports) {
    const row = (label, r, ratio) => [label, r.rows, r.ms.median, r.stageMs?.median ?? '', r.loadMs?.median ?? '', r.mbPerS?.median ?? '', ratio, r.longTaskMaxMs ?? ''];
    const verdict = (ok) => (ok ? 'met' : 'MISSED');
    out.push(
      '',
      '## Import of a 100 MB registry CSV (issue 10)',
      '',
      md(
        ['import', 'rows', 'ms', 'stage ms', 'load ms', 'MB/s', 'ratio to read_csv', 'longest main-thread task ms'],
        [
          row('ours, UTF-8', imports.utf8, imports.ratio.utf8),
          row('ours, GB18030 copy', imports.gb18030, imports.ratio.gb18030),
          row("DuckDB-WASM's read_csv, UTF-8, same page", imports.baseline, 1),
        ],
      ),
      '',
      `Medians of ${imports.runs} runs. Targets: throughput at least 0.5 of read_csv ${verdict(imports.targets.ratioAtLeastHalf)}; no main-thread task over 100 ms ${verdict(imports.targets.noTaskOver100ms)}.`,
    );
  }
  return out.join('\n') + '\n';
}
