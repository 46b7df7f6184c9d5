// End-to-end suite in real Chromium: `node tests/e2e/run.mjs [name-filter...]`.
// One process runs every tests/e2e/*.e2e.mjs file with node:test, so they share one Chromium launch
// and one static server over dist/ (see harness.mjs). Arguments keep only the files whose name
// contains one of them; node's --test-name-pattern picks single tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { INSTALL_HINT, chromiumProblem } from '../../scripts/bench/chromium.mjs';
import { DIST, ROOT, startHarness, stopHarness } from './harness.mjs';

// The TAP reporter ends with "# pass N / # fail N" on a terminal too (node picks spec there), which
// is what CI logs and people grep for.
if (!process.execArgv.some((a) => a.startsWith('--test-reporter'))) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--test-reporter=tap', ...process.execArgv, self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const die = (msg) => {
  console.error(`e2e: ${msg}`);
  process.exit(1);
};
if (!existsSync(join(DIST, 'index.html'))) die(`no built site in ${DIST}: run \`npm run build\` first.`);
const noChromium = chromiumProblem();
if (noChromium) die(noChromium);

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((t, d) => {
    const p = join(d.parentPath ?? d.path, d.name);
    return Math.max(t, d.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
if (existsSync(join(ROOT, 'src')) && newest(join(ROOT, 'src')) > statSync(join(DIST, 'index.html')).mtimeMs) {
  console.error('e2e: warning: src/ changed after the last build; these tests run the old dist/ (npm run build).');
}

try {
  await startHarness();
} catch (err) {
  await stopHarness().catch(() => undefined);
  die(`could not start Chromium or the static server: ${err.message}\nIf Chromium is missing or broken: ${INSTALL_HINT}`);
}
after(stopHarness);

const filters = process.argv.slice(2);
const here = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs') && (filters.length === 0 || filters.some((x) => f.includes(x))))
  .sort();
if (files.length === 0) die(`no e2e file matches ${filters.join(', ')}`);
for (const f of files) await import(join(here, f));
