// Benchmark of the built site: `npm run bench` (builds first) or `node scripts/bench.mjs` over dist/.
// Serves dist/ with scripts/serve.mjs (Range, MIME types, precompressed .br/.gz) and drives headless
// Chromium (scripts/bench/chromium.mjs). Each section is a module of scripts/bench/ exporting
// { name, title, definitions, run(ctx), report(result) }; a later section can read earlier results
// through ctx.results, so a side-by-side section (the Mosaic peer) slots in as one more module.
//
// env: RUNS=7 (cold loads)  REPS=30 (warm runs of each query)  SECTIONS=cold,warm,assets
//      OUT=bench/results.json  CHROMIUM=/usr/bin/chromium
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, chromiumProblem, launchChromium } from './bench/chromium.mjs';
import cold from './bench/cold.mjs';
import warm from './bench/warm.mjs';
import assets from './bench/assets.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const ALL = [cold, warm, assets];

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

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('bench: dist/ is missing: run `npm run build` first (npm run bench does).');
  process.exit(2);
}
const noChromium = chromiumProblem();
if (noChromium) {
  console.error(`bench: ${noChromium}`);
  process.exit(2);
}

const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
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

const server = await serve(DIST);
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
    server: 'scripts/serve.mjs on 127.0.0.1, precompressed .br/.gz on',
    runs,
    reps,
  },
  definitions: {},
  results: {},
  errors: {},
};

if (out.meta.loadavg1mAtStart > out.meta.cores) {
  console.error(`bench: warning: load average ${out.meta.loadavg1mAtStart} on ${out.meta.cores} cores; something else is running and the timings will show it.`);
}

let failed = false;
try {
  for (const s of sections) {
    const t0 = Date.now();
    console.log(`\n== ${s.title}`);
    try {
      const r = await s.run({ server, dist: DIST, runs, reps, results: out.results });
      out.results[s.name] = r;
      out.definitions[s.name] = s.definitions;
      console.log(s.report(r));
      console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed = true;
      out.errors[s.name] = err.message;
      console.error(`bench: section ${s.name} failed: ${err.message}`);
    }
  }
} finally {
  await server.close();
}

// A busy machine (a build or a test run next to the bench) shows up here before it shows in the figures.
out.meta.loadavg1mAtEnd = Math.round(os.loadavg()[0] * 100) / 100;
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(`\nwrote ${OUT}${failed ? ' (with errors)' : ''}`);
process.exit(failed ? 1 : 0);
