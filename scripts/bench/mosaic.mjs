// The Mosaic peer (ARCHITECTURE.md section 6), run next to our dashboard with the same probe and settings as its
// own bench.mjs. shared/ is read-only in CI, so the peer is copied, installed and built under
// bench/.cache/ (git-ignored), once per version of the peer: later runs reuse the build.
//
// env: ROWS=1681,1000000,10000000  PEER_PREAGG=1 (1,0 adds Mosaic without pre-aggregation)  REPS=3
//      MAX_GEN_MS=180000 (as the peer's bench: skip a row count whose table takes longer to generate)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PEERS, ROOT, driveOnce, dragReps, onOff, rowCounts, runPrepared, summarise } from './brush.mjs';
import { median, round, table } from './stats.mjs';

const CACHE = join(ROOT, 'bench', '.cache');
const MAX_GEN_MS = Number(process.env.MAX_GEN_MS ?? 180000);

// From the peer's bench.mjs.
const VIEWS = { output: '#view-output', founded: '#view-founded', segment: '#view-segment' };
const BRUSHED = '#view-output g.interval-x rect.overlay';
const LINKED = ['founded', 'segment'];
const idle = (page) => page.evaluate(() => window.__mosaicBench.idle());

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name === 'node_modules' || d.name === 'dist') return [];
    return d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)];
  });

/** Everything that goes into the build; the peer's own results.json does not. */
function peerKey() {
  const h = createHash('sha256');
  for (const f of walk(PEERS).sort()) {
    const rel = relative(PEERS, f);
    if (rel === join('mosaic', 'results.json')) continue;
    h.update(rel).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

const makeWritable = (dir) => {
  chmodSync(dir, 0o755);
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
};

function sh(cmd, args, cwd, logFile) {
  try {
    const out = execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    writeFileSync(logFile, out, { flag: 'a' });
  } catch (e) {
    writeFileSync(logFile, `${e.stdout ?? ''}${e.stderr ?? ''}`, { flag: 'a' });
    const tail = `${e.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (log: ${logFile}):\n${tail}`, { cause: e });
  }
}

/** Path of a built copy of peers/, building it when this version of the peer has none yet. */
export function ensurePeerBuild(log = console.log) {
  if (!existsSync(join(PEERS, 'mosaic', 'package-lock.json'))) throw new Error(`no Mosaic peer at ${PEERS}/mosaic (set PEERS_DIR)`);
  const key = peerKey();
  const dir = join(CACHE, `peer-${key}`);
  if (existsSync(join(dir, 'built.json'))) return { dir, key, cached: true, ...JSON.parse(readFileSync(join(dir, 'built.json'), 'utf8')) };
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  cpSync(PEERS, join(tmp, 'peers'), { recursive: true });
  // The copy keeps shared/'s read-only modes, and npm cannot create node_modules in it.
  makeWritable(tmp);
  const cwd = join(tmp, 'peers', 'mosaic');
  const logFile = join(CACHE, `peer-${key}.build.log`);
  const t0 = Date.now();
  log(`peer: npm ci && npm run build in a copy of ${PEERS} (cached as ${relative(ROOT, dir)})`);
  sh('npm', ['ci', '--no-audit', '--no-fund'], cwd, logFile);
  sh('npm', ['run', 'build'], cwd, logFile);
  const info = { builtAt: new Date().toISOString(), buildSeconds: round((Date.now() - t0) / 1000) };
  writeFileSync(join(tmp, 'built.json'), JSON.stringify(info, null, 2) + '\n');
  renameSync(tmp, dir);
  // Builds of older versions of the peer are 300 MB each and never read again.
  for (const d of readdirSync(CACHE)) {
    const p = join(CACHE, d);
    if (d.startsWith('peer-') && p !== dir && statSync(p).isDirectory()) rmSync(p, { recursive: true, force: true });
  }
  return { dir, key, cached: false, ...info };
}

const pkgVersion = (dir, name) => {
  try { return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return null; }
};

async function runOnce(srv, rows, preagg, rep) {
  return driveOnce({
    url: `${srv.url}?rows=${rows}&preagg=${preagg ? 1 : 0}`,
    origin: srv.url,
    views: VIEWS, brushed: BRUSHED, linked: LINKED, idle,
    hasIdle: (page) => page.evaluate(() => typeof window.__mosaicBench?.idle === 'function'),
    label: { rows, preagg, rep },
    async waitReady(page, res) {
      const st = await page
        .waitForFunction(() => { const s = window.__mosaicBench; return (s?.ready || s?.error) && { ready: s.ready, error: s.error }; }, null, { timeout: MAX_GEN_MS + 60000, polling: 100 })
        .then((h) => h.jsonValue())
        .catch((e) => ({ error: `timeout: ${e.message.split('\n')[0]}` }));
      const bench = await page.evaluate(() => { const s = window.__mosaicBench; return s && { phases: s.phases, versions: s.versions }; }).catch(() => null);
      Object.assign(res, bench ?? {});
      if (bench?.phases?.['table-ready']) res.tableGenMs = round(bench.phases['table-ready'] - bench.phases['duckdb-ready']);
      if (!st.ready) res.errors.push(`not ready: ${st.error}`);
      return !!st.ready;
    },
    // Mosaic's own query log for the drag window: how many queries, how long, how many hit its pre-aggregates.
    async afterDrag(page, drag) {
      const q = await page.evaluate(([t0, t1]) => window.__mosaicBench.queries.filter((x) => x[0] >= t0 && x[0] <= t1), [drag.window[0], drag.window[1]]);
      const ms = q.map((x) => x[1]).sort((a, b) => a - b);
      drag.queries = { n: q.length, preaggHits: q.filter((x) => x[3]).length, medianMs: round(ms[ms.length >> 1] ?? null), maxMs: round(ms.at(-1) ?? null) };
    },
  });
}

async function prepare({ log = console.log } = {}) {
  const rows = rowCounts();
  const preaggs = onOff('PEER_PREAGG', '1');
  const reps = dragReps();
  const build = ensurePeerBuild(log);
  const mosaic = join(build.dir, 'peers', 'mosaic');
  // The peer's own static server, as its bench.mjs uses it.
  const { serve } = await import(pathToFileURL(join(build.dir, 'peers', 'serve.mjs')).href);
  const srv = await serve(join(mosaic, 'dist'));
  const runs = [];
  const skip = new Set();
  const rounds = [];
  // One round per rep and size, the same for explore: bench.mjs alternates the two apps round by round.
  for (let rep = 1; rep <= reps; rep++) {
    for (const n of rows) {
      rounds.push(
        preaggs.map((preagg) => async () => {
          if (skip.has(n)) return;
          const r = await runOnce(srv, n, preagg, rep);
          runs.push(r);
          if (r.tableGenMs > MAX_GEN_MS || (!r.tableGenMs && r.errors.some((e) => e.includes('timeout')))) {
            skip.add(n);
            r.skipped = `table generation > ${MAX_GEN_MS} ms`;
          }
          log(line('peer', r));
        }),
      );
    }
  }
  return {
    rounds,
    cleanup: () => srv.close(),
    async finish() {
      const summary = rows.flatMap((n) =>
        preaggs.map((preagg) => {
          const rs = runs.filter((r) => r.rows === n && r.preagg === preagg);
          const s = summarise(rs);
          if (rs.some((r) => r.skipped)) s.skipped = rs.find((r) => r.skipped).skipped;
          s.tableGenMs = round(median(rs.map((r) => r.tableGenMs)));
          s.preaggQueriesInFrameDrag = round(median(rs.map((r) => r.frame?.queries?.preaggHits)));
          return { rows: n, preagg, ...s };
        }),
      );
      const first = runs.find((r) => r.versions) ?? {};
      return {
        app: 'Mosaic peer (../shared/peers/mosaic)',
        peerBuild: { key: build.key, dir: relative(ROOT, build.dir), cached: build.cached, builtAt: build.builtAt, buildSeconds: build.buildSeconds },
        versions: {
          '@uwdata/vgplot': pkgVersion(mosaic, '@uwdata/vgplot'), '@uwdata/mosaic-core': pkgVersion(mosaic, '@uwdata/mosaic-core'),
          '@duckdb/duckdb-wasm': pkgVersion(mosaic, '@duckdb/duckdb-wasm'), duckdb: first.versions?.duckdb, bundle: first.versions?.bundle,
        },
        config: { rows, preagg: preaggs, reps, views: VIEWS, brushed: BRUSHED, linked: LINKED, url: '?rows=<N>&preagg=<1|0>' },
        summary,
        runs,
      };
    },
  };
}

/** One progress line per run, in the peer bench's words. */
export function line(who, r) {
  const f = r.frame ?? {}, c = r.closed ?? {};
  return `${who} rep${r.rep} rows=${r.rows} preagg=${+r.preagg}: first=${r.firstRenderMs}ms`
    + ` frame exact med/p95=${f.attributed?.medianMs}/${f.attributed?.p95Ms}ms dom=${f.medianMs}/${f.p95Ms}ms`
    + ` superseded=${f.attributed?.superseded} missing=${f.attributed?.missing} overFrame=${f.undrawn?.undrawnOverFrame}`
    + ` lt100=${f.longTasks100}/${c.longTasks100} closed med/p95=${c.medianMs}/${c.p95Ms}ms rss=${r.rendererRssMiB}MiB load=${r.loadavg1m}`
    + ` [${r.seconds}s]${r.errors.length ? ' ERR ' + r.errors.join(' | ').slice(0, 600) : ''}${r.external.length ? ' EXTERNAL ' + r.external.join(' ') : ''}`;
}

export function reportSummary(summary) {
  return table(
    ['rows', 'preagg', 'reps', 'first ms', 'open p95 exact', 'open p95 dom', 'never drawn', '>1 frame', 'closed med', 'closed p95', 'lt>100 open/closed', 'RSS MiB'],
    summary.map((s) =>
      s.reps
        ? [s.rows, s.preagg ? 'on' : 'off', s.reps, s.firstRenderMs, s.frame.exactP95Ms, s.frame.domP95Ms, s.frame.neverDrawn, s.frame.undrawnOverFrame,
          s.closed.medianMs, s.closed.p95Ms, `${s.frame.longTasks100}/${s.closed.longTasks100}`, s.rendererRssMiB]
        : [s.rows, s.preagg ? 'on' : 'off', 0, s.skipped ?? `failed: ${s.errors?.[0] ?? ''}`.slice(0, 80)],
    ),
  );
}

export default {
  name: 'peer',
  title: 'Mosaic peer: first render and brush latency (same probe, viewport and flags as ours)',
  definitions: {
    source: 'a copy of ../shared/peers built with npm ci && npm run build under bench/.cache/peer-<hash of the peer files>, driven as its bench.mjs drives it',
    see: 'the explore section for every figure; the two sections share scripts/bench/brush.mjs',
    tableGenMs: 'the peer generates its table in SQL in the page (part of its first render)',
  },
  prepare,
  run: (ctx) => prepare(ctx).then(runPrepared),
  report: (r) => reportSummary(r.summary),
};
