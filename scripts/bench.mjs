// Benchmark of the built site: `npm run bench` (builds first) or `node scripts/bench.mjs` over dist/.
// Serves dist/ with scripts/serve.mjs (Range, MIME types, precompressed .br/.gz) and drives headless
// Chromium (scripts/bench/chromium.mjs). Each section is a module of scripts/bench/ exporting
// { name, title, definitions, run(ctx), report(result) }; a later section can read earlier results
// through ctx.results. Sections that also export prepare(ctx) (explore and peer) are run together,
// round by round in turn (a round is one rep at one size), so that load on the shared machine falls
// on both apps alike. Sections not run
// keep their previous results in OUT, and the side-by-side table is rebuilt from whatever is there
// (also written as bench/RESULTS.md).
//
// env: SECTIONS=cold,warm,assets,explore,peer,embed,import  OUT=bench/results.json  CHROMIUM=/usr/bin/chromium
//      RUNS=7 (cold loads, and embed cold loads)  REPS (warm runs of each query: 30; explore and peer
//      drags: 3)  ROWS=1681,1000000,10000000 (explore, peer)  EXPLORE_PREAGG=1,0  PEER_PREAGG=1
//      IMPORT_MB=100 (import: size of the generated registry CSV; at most 3 runs)
//      Smoke run: ROWS=1681 REPS=1 RUNS=1 SECTIONS=explore,peer,embed node scripts/bench.mjs
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, chromiumProblem, launchChromium } from './bench/chromium.mjs';
import cold from './bench/cold.mjs';
import warm from './bench/warm.mjs';
import assets from './bench/assets.mjs';
import explore from './bench/ours.mjs';
import peer from './bench/mosaic.mjs';
import embed from './bench/embed.mjs';
import importSection from './bench/import.mjs';
import { compare, formatMarkdown, formatText } from './bench/compare.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const ALL = [cold, warm, assets, explore, peer, embed, importSection];

const env = process.env;
const positive = (name, fallback) => {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${env[name]}`);
  return n;
};
const runs = positive('RUNS', 7);
const reps = positive('REPS', 30);
const wanted = (env.SECTIONS ?? ALL.map((s) => s.name).join(',')).split(',').map((s) => s.trim());
const unknown = wanted.filter((w) => !ALL.some((s) => s.name === w));
if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${ALL.map((s) => s.name).join(', ')}`);
const sections = ALL.filter((s) => wanted.includes(s.name));
const OUT = resolve(ROOT, env.OUT ?? 'bench/results.json');
const MARKDOWN = join(dirname(OUT), 'RESULTS.md');

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('bench: dist/ is missing: run `npm run build` first (npm run bench does).');
  process.exit(2);
}
const noChromium = chromiumProblem();
if (noChromium) {
  console.error(`bench: ${noChromium}`);
  process.exit(2);
}

const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
};
const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

async function chromiumVersion() {
  const b = await launchChromium();
  try {
    return b.version();
  } finally {
    await b.close();
  }
}

const started = Date.now();
// Others build and test in this checkout while the bench runs (20 minutes with the peer); a rebuild
// would swap the hashed assets under a page mid-load. Measure a snapshot of dist/ instead.
const SITE = mkdtempSync(join(os.tmpdir(), 'jianghai-dist-'));
cpSync(DIST, SITE, { recursive: true });
const server = await serve(SITE);
const out = {
  meta: {
    date: new Date().toISOString(),
    commit: git('rev-parse', 'HEAD'),
    // Uncommitted changes under src/ make the figures not reproducible from the commit alone.
    dirtySrc: git('status', '--porcelain', '--', 'src') ? true : false,
    node: process.version,
    chromium: await chromiumVersion(),
    chromiumPath: CHROMIUM,
    chromiumArgs: CHROMIUM_ARGS,
    duckdbWasm: version('@duckdb/duckdb-wasm'),
    playwrightCore: version('playwright-core'),
    cpu: os.cpus()[0]?.model ?? null,
    cores: os.cpus().length,
    loadavg1mAtStart: Math.round(os.loadavg()[0] * 100) / 100,
    loadavgAtStart: loadavg(),
    server: 'scripts/serve.mjs on 127.0.0.1, precompressed .br/.gz on',
    runs,
    reps,
    sections: sections.map((s) => s.name),
  },
  definitions: {},
  results: {},
  errors: {},
  // Per section: when, at which commit and under what load it ran (sections kept from an earlier run keep theirs).
  sectionMeta: {},
};

// Sections not run this time keep their last results, so one section can be re-measured alone.
const previous = (() => {
  try {
    return JSON.parse(readFileSync(OUT, 'utf8'));
  } catch {
    return null;
  }
})();
for (const name of ALL.map((s) => s.name)) {
  if (wanted.includes(name) || !previous?.results?.[name]) continue;
  out.results[name] = previous.results[name];
  if (previous.definitions?.[name]) out.definitions[name] = previous.definitions[name];
  if (previous.errors?.[name]) out.errors[name] = previous.errors[name];
  out.sectionMeta[name] = previous.sectionMeta?.[name] ?? {
    date: previous.meta?.date,
    commit: previous.meta?.commit,
    loadavgStart: [previous.meta?.loadavg1mAtStart],
    keptFromEarlierRun: true,
  };
}
console.log(`load average at start: ${out.meta.loadavgAtStart.join(' / ')} (1/5/15 min) on ${out.meta.cores} cores`);

if (out.meta.loadavg1mAtStart > out.meta.cores) {
  console.error(
    `bench: warning: load average ${out.meta.loadavg1mAtStart} on ${out.meta.cores} cores; something else is running and the timings will show it.`,
  );
}

let failed = false;
const sectionStart = (names) => {
  const m = {
    date: new Date().toISOString(),
    commit: out.meta.commit,
    dirtySrc: out.meta.dirtySrc,
    loadavgStart: loadavg(),
    t0: Date.now(),
  };
  for (const n of names) out.sectionMeta[n] = m;
  return m;
};
const sectionEnd = (m) => {
  m.loadavgEnd = loadavg();
  m.seconds = Math.round((Date.now() - m.t0) / 1000);
  delete m.t0;
};
const fail = (s, err) => {
  failed = true;
  out.errors[s.name] = err.message;
  delete out.results[s.name];
  console.error(`bench: section ${s.name} failed: ${err.stack ?? err.message}`);
};
const done = (s, r, t0, { title = false } = {}) => {
  out.results[s.name] = r;
  delete out.errors[s.name];
  out.definitions[s.name] = s.definitions;
  if (title) console.log(`\n== ${s.title}`);
  console.log(s.report(r));
  if (t0) console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
};
const ctx = (extra = {}) => ({ server, dist: SITE, runs, reps, results: out.results, ...extra });

/** Explore and peer: each prepares (build, data, server), then their rounds run in turn. */
async function runInterleaved(group) {
  const meta = sectionStart(group.map((s) => s.name));
  console.log(`\n== ${group.map((s) => s.name).join(' + ')}, round by round in turn (one rep at one size)`);
  const prepared = [];
  for (const s of group) {
    try {
      prepared.push({ s, p: await s.prepare(ctx()) });
    } catch (err) {
      fail(s, err);
    }
  }
  try {
    const rounds = Math.max(0, ...prepared.map(({ p }) => p.rounds.length));
    for (let i = 0; i < rounds; i++) {
      for (const { s, p } of prepared) {
        for (const job of p.rounds[i] ?? []) {
          try {
            await job();
          } catch (err) {
            console.error(`bench: ${s.name} rep ${i + 1}: ${err.stack ?? err.message}`);
            (p.jobErrors ??= []).push(err.message);
          }
        }
      }
    }
    for (const { s, p } of prepared) {
      try {
        const r = await p.finish();
        if (p.jobErrors) r.jobErrors = p.jobErrors;
        done(s, r, null, { title: true });
      } catch (err) {
        fail(s, err);
      }
    }
  } finally {
    for (const { p } of prepared) await p.cleanup?.().catch(() => undefined);
    sectionEnd(meta);
    console.log(`(${group.map((s) => s.name).join(' + ')}: ${meta.seconds} s)`);
  }
}

try {
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (s.prepare) {
      const group = [s];
      while (sections[i + 1]?.prepare) group.push(sections[++i]);
      await runInterleaved(group);
      continue;
    }
    const t0 = Date.now();
    const meta = sectionStart([s.name]);
    console.log(`\n== ${s.title}`);
    try {
      done(s, await s.run(ctx()), t0);
    } catch (err) {
      fail(s, err);
    } finally {
      sectionEnd(meta);
    }
  }
} finally {
  await server.close();
  rmSync(SITE, { recursive: true, force: true });
}

const comparison = compare(out.results);
if (comparison) {
  out.comparison = comparison;
  out.definitions.comparison = {
    cells:
      'medians over reps of the explore and peer sections (see their definitions); us = our explore view, peer = Mosaic, both with pre-aggregation on unless marked off',
    targets:
      'issue 3: closed-loop p95 <= 20 ms and below the peer; open-loop p95 <= 33 ms and no move left undrawn for more than one frame (worst rep); first render <= half the peer; renderer RSS <= the peer; no longtask > 100 ms during either drag (worst rep)',
    issue9:
      'issue 9, as worded: first render (every linked view drawn) <= 0.3 of the peer at 1,681, 1 M and 10 M rows; cold #/ every chart and KPI tile painted <= 0.25 of the engine-ready time, in the same runs (explore, every size) and in the cold section; repeat visit all charts < 300 ms, the same offline (cold); hover to idle at 10 M < 100 ms, from a hover once the table is in (as the baseline of the issue measured it; the figure from a hover right after the first render is reported beside it); closed-loop p95 <= 20 ms and <= the peer at every size; renderer memory <= 0.8 of the peer at 10 M; app JavaScript on the critical path <= 80 KiB brotli (JS requested before the first chart is painted, cold)',
  };
  console.log('\n== Side by side: us (preagg on) / us (preagg off) / Mosaic peer (preagg on)');
  console.log(formatText(comparison));
}

// A busy machine (a build or a test run next to the bench) shows up here before it shows in the figures.
out.meta.loadavg1mAtEnd = Math.round(os.loadavg()[0] * 100) / 100;
out.meta.loadavgAtEnd = loadavg();
out.meta.wallSeconds = Math.round((Date.now() - started) / 1000);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
if (comparison)
  writeFileSync(
    MARKDOWN,
    formatMarkdown(comparison, { meta: out.meta, sectionMeta: out.sectionMeta, embed: out.results.embed, imports: out.results.import }),
  );
console.log(
  `\nload average: ${out.meta.loadavgAtStart.join(' / ')} at start, ${out.meta.loadavgAtEnd.join(' / ')} at end; ${out.meta.wallSeconds} s`,
);
console.log(`wrote ${OUT}${comparison ? ` and ${MARKDOWN}` : ''}${failed ? ' (with errors)' : ''}`);
process.exit(failed ? 1 : 0);
