// Scale data (issue 9): a dataset over the in-memory threshold (250,000 rows) paints at once from the
// answers its manifest carries (before the engine exists: its wasm is held back), loads into memory
// slice by slice with progress, and then filters from that table. The benchmark runs 1 M and 10 M
// rows; this is the same path, small enough for CI. build-scale checks a sample of those answers
// against DuckDB-WASM, so generating the folder here runs that check too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { DIST, ROOT, TIMEOUT, withPage } from './harness.mjs';
import { brush, chartsPainted, chartsReady, countsOf, figure, holdRequests, readLinked } from './page.mjs';

const ROWS = 300_000;
let site;

before(() => {
  const dir = mkdtempSync(join(tmpdir(), 'jianghai-scale-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-scale.mjs'), '--rows', String(ROWS), '--out', join(dir, 'scale')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The app and the dataset share an origin, as on a static host: data= is a relative URL.
  symlinkSync(DIST, join(dir, 'app'), 'dir');
  return serve(dir).then((server) => (site = { dir, server }));
});
after(async () => {
  await site?.server.close();
  if (site) rmSync(site.dir, { recursive: true, force: true });
});

test(
  `${ROWS.toLocaleString('en')} rows paint from the manifest's answers, load in slices with progress, and a brush filters them`,
  { timeout: TIMEOUT * 2 },
  () =>
    withPage({ server: site.server, base: '/app/' }, async ({ page, context, open, logSince }) => {
      // Every percentage the loading strip shows, from the first frame on.
      await page.addInitScript(() => {
        window.__progress = [];
        new MutationObserver(() => {
          const n = document.querySelector('.engine-status[role=progressbar]')?.getAttribute('aria-valuenow');
          if (n !== null && n !== undefined && window.__progress.at(-1) !== n) window.__progress.push(n);
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      const wasm = await holdRequests(context, '**/*.wasm');
      await open('#/?lang=en&data=../scale/manifest.json');
      await chartsPainted(page);
      const painted = readLinked(page);
      await painted;
      assert.deepEqual(
        logSince().filter((e) => e.path.endsWith('.wasm') || (e.path.endsWith('firms.parquet') && e.method === 'GET')),
        [],
        'every linked view is drawn before the engine has a byte of its module or of the table',
      );
      wasm.release();
      await chartsReady(page);
      const loaded = await readLinked(page);
      assert.ok(loaded.count.startsWith(ROWS.toLocaleString('en')), `the selection bar counts every row: ${loaded.count}`);
      // Scale rows are not calibrated to the article: no words quoting its totals appear on them (audit G8).
      assert.equal(await figure(page, 'firms-by-scale-srdi').locator('.subtitle').count(), 0, 'no "145 above designated size" subtitle');
      assert.equal(await figure(page, 'output-distribution').locator('.notes').count(), 0, 'no "over 270 亿元" note');
      assert.doesNotMatch(loaded.output, /^over /, 'the selection bar gives the plain sum, not the published "over"');
      const total = (s) => Object.values(countsOf(s, 'segment')).reduce((a, b) => a + b, 0);
      assert.equal(total(await painted), ROWS, 'the painted segments add up to every row');
      assert.deepEqual(countsOf(loaded, 'segment'), countsOf(await painted, 'segment'), 'the engine draws what the manifest painted');
      const progress = await page.evaluate(() => window.__progress.map(Number));
      assert.ok(
        progress.some((p) => p > 0 && p < 100),
        `the loading strip showed progress between slices: ${progress.join(', ')}`,
      );

      await brush(page, 'output-distribution', 0.3, 0.6);
      const brushed = await readLinked(page);
      const n = total(brushed);
      assert.ok(n > 0 && n < ROWS, `the brush keeps some of the rows: ${n}`);
      assert.match(brushed.hash, /output=/);
    }),
);
