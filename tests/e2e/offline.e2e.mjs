// Installable and offline (issue 9): after one visit the service worker holds the app, the engine and
// the data, so with the browser offline a reload draws every chart and every view, embed and the
// console work; a new deployment is announced and taken on reload; the page runs under its strict CSP.
// Each test has a server of its own (its files may be changed), at a sub-path.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { DIST, TIMEOUT, withPage } from './harness.mjs';
import { chartsReady, consoleRun, engineAnswered, figure } from './page.mjs';
import { CHART_IDS } from './expected.mjs';

const BASE = '/deep/sub/path/';

/** A server whose root holds `dist` at BASE: a symlink, or a copy that the test may change. */
async function siteAt({ copy = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jianghai-offline-'));
  const app = join(dir, ...BASE.split('/').filter(Boolean));
  mkdirSync(join(app, '..'), { recursive: true });
  if (copy) cpSync(DIST, app, { recursive: true });
  else symlinkSync(DIST, app, 'dir');
  const server = await serve(dir);
  return {
    app,
    server,
    dispose: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the service worker controls the page and holds every precached file. */
async function installed(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 40_000 });
  await page.getByText('Saved on this device: works with no network.').waitFor({ timeout: 40_000 });
}

test(
  'after one visit, offline, a reload draws every chart, and About, Data, the console and an embed work',
  { timeout: TIMEOUT * 2 },
  async () => {
    const site = await siteAt();
    try {
      await withPage({ server: site.server, base: BASE, serviceWorkers: 'allow' }, async ({ page, context, open, logSince }) => {
        await open('#/?lang=en');
        await chartsReady(page);
        await installed(page);
        const paths = logSince().map((e) => e.path);
        assert.ok(paths.includes(`${BASE}sw.js`), 'the service worker is fetched from the sub-path');
        assert.deepEqual(
          paths.filter((p) => !p.startsWith(BASE)),
          [],
          'nothing is asked outside the sub-path',
        );

        // The browser goes offline, as the "Done means" asks (the server keeps running, so
        // any request that reached it would be seen in the log).
        const served = logSince().length;
        await context.setOffline(true);
        await page.reload();
        await chartsReady(page, CHART_IDS);
        assert.match(await figure(page, 'firms-by-segment').locator('.source-line').textContent(), /Jiangmen Daily/);

        await page.getByRole('link', { name: 'Sources and method' }).click();
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        assert.equal(await page.locator('main [role=alert]').count(), 0);

        await page.getByRole('link', { name: 'Data', exact: true }).click();
        await page.getByText(/firms/).first().waitFor();

        await page.getByRole('link', { name: 'SQL', exact: true }).click();
        await consoleRun(page, 'SELECT count(*) AS n, sum(output_2022) AS s FROM firms', '1 row ');
        assert.equal(await page.locator('.result-table tbody td').first().textContent(), '1681');

        // Embeds, opened as an article's iframe opens them: embed.html, a new page load.
        for (const id of ['firms-by-area', 'schools']) {
          await open(`embed.html#/embed/${id}?lang=en`);
          await page.reload();
          await chartsReady(page, [id]);
        }
        // The browser itself may still ask for sw.js (its update check, made outside the page and so
        // outside the page's emulated network); the page asked for nothing.
        assert.deepEqual(
          logSince()
            .slice(served)
            .filter((e) => !e.path.endsWith('/sw.js')),
          [],
          'offline, the page asked the server for nothing',
        );
      });
    } finally {
      await site.dispose();
    }
  },
);

test('a new deployment is announced, and Reload takes it', { timeout: TIMEOUT * 2 }, async () => {
  const site = await siteAt({ copy: true });
  try {
    await withPage({ server: site.server, base: BASE, serviceWorkers: 'allow' }, async ({ page, open }) => {
      await open('#/?lang=en');
      await chartsReady(page);
      await installed(page);
      assert.equal(await page.locator('.update-banner').count(), 0, 'no banner before a deployment');

      // Deploy: a changed index.html, and the service worker whose precache list says so.
      const marker = `deployment ${Date.now()}`;
      const index = join(site.app, 'index.html');
      const html = readFileSync(index, 'utf8').replace('</body>', `<!-- ${marker} --></body>`);
      writeFileSync(index, html);
      rmSync(`${index}.br`, { force: true });
      rmSync(`${index}.gz`, { force: true });
      const sw = join(site.app, 'sw.js');
      writeFileSync(
        sw,
        readFileSync(sw, 'utf8').replace(/("revision":")[0-9a-f]+(","url":"index\.html")/, `$1${Date.now().toString(16)}$2`),
      );

      // The old deployment still serves this visit; the browser finds the new one on navigation.
      await page.reload();
      await chartsReady(page);
      assert.ok(!(await page.content()).includes(marker), 'the running page keeps the deployment it started with');
      const banner = page.locator('.update-banner');
      await banner.waitFor({ timeout: 40_000 });
      assert.match(await banner.textContent(), /A new version of the dashboard is available/);
      await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload to update' }).click()]);
      await chartsReady(page);
      assert.ok((await page.content()).includes(marker), 'after Reload the page is the new deployment');
      assert.equal(await page.locator('.update-banner').count(), 0);
    });
  } finally {
    await site.dispose();
  }
});

test(
  'the page runs under a strict Content-Security-Policy with no violation, the engine and the console included',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      await page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await open('#/?lang=en');
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      assert.match(csp, /worker-src 'self' blob:/);
      assert.match(csp, /object-src 'none'/);
      await chartsReady(page);
      await page.getByRole('link', { name: 'SQL', exact: true }).click();
      await consoleRun(page, 'SELECT segment, count(*) FROM firms GROUP BY 1', 'rows? ');
      await page.getByRole('link', { name: 'Explore' }).click();
      // Violations are reported as events after the fact: read them once Explore has drawn again.
      await chartsReady(page);
      const violations = await page.evaluate(() => window.__violations);
      assert.deepEqual(violations, []);
    }),
);

test(
  "served with its policy as an HTTP header (connect-src 'self' by default, frame-ancestors), the site draws every chart, the console and an embed with no violation",
  { timeout: TIMEOUT },
  async () => {
    // The policy the build wrote into the page, sent by the host as a header too, as the README's
    // nginx example does; the build's default accepts data from this site only.
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))[1];
    assert.match(policy, /connect-src 'self' blob: data:;/, 'the default policy connects to this site only');
    const header = `${policy}; frame-ancestors 'self'`;
    const server = await serve(DIST, { headers: (file) => (file.endsWith('.html') ? { 'Content-Security-Policy': header } : {}) });
    try {
      await withPage({ server }, async ({ page, open }) => {
        await page.addInitScript(() => {
          window.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
        const res = await open('#/?lang=en');
        assert.equal(res.headers()['content-security-policy'], header);
        await chartsReady(page);
        await engineAnswered(page);
        await page.getByRole('link', { name: 'SQL', exact: true }).click();
        await consoleRun(page, 'SELECT segment, count(*) FROM firms GROUP BY 1', 'rows? ');
        assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no violation on the dashboard');
        await open('embed.html#/embed/output-distribution?lang=en');
        await page.reload();
        await chartsReady(page, ['output-distribution']);
        await engineAnswered(page);
        assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no violation in an embed');
      });
    } finally {
      await server.close();
    }
  },
);

test('the policy is in force: an inline script is refused and reported', { timeout: TIMEOUT }, () =>
  withPage({ allowErrors: true }, async ({ page, open }) => {
    await open('#/about?lang=en');
    const refused = await page.evaluate(
      () =>
        new Promise((done) => {
          document.addEventListener('securitypolicyviolation', (e) => done(e.effectiveDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inline = true';
          document.head.append(s);
        }),
    );
    assert.equal(refused, 'script-src-elem');
    assert.equal(await page.evaluate(() => window.__inline), undefined);
  }),
);
