// Shared state of one e2e run: a single Chromium and a single static server over dist/, started by
// run.mjs before any *.e2e.mjs file is imported, so each test pays for a browser context, not a launch.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, formatEntry } from '../../scripts/serve.mjs';
import { launchChromium } from '../../scripts/bench/chromium.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = resolve(ROOT, 'dist');

/** Per-test budget; a cold page load with the engine takes one to three seconds on 2 cores. */
export const TIMEOUT = 60_000;

/** Filled by startHarness(): `browser`, `server` (over dist/ at /). */
export const env = { browser: null, server: null };

let subpath = null;
const accepting = new Map();

export async function startHarness() {
  env.server = await serve(DIST);
  env.browser = await launchChromium();
}

export async function stopHarness() {
  await env.browser?.close();
  await env.server?.close();
  // rmSync unlinks the symlinks to dist/ without following them.
  for (const started of [subpath, ...accepting.values()]) {
    // A site that failed to start has nothing to close (its test has failed already).
    const site = await started?.catch(() => null);
    if (!site) continue;
    await site.server.close();
    rmSync(site.dir, { recursive: true, force: true });
  }
}

/**
 * A second deployment of dist/ that accepts data= links to `origins` besides its own, made as the
 * README ("Data from other sites") tells an operator: the data-origins meta tag and the policy's
 * connect-src of index.html and embed.html edited, their .br/.gz copies (now stale) removed. Every
 * other file is dist/'s own (symlinks). Started on first use per list of origins.
 */
export function siteAccepting(origins) {
  const key = origins.join(' ');
  if (!accepting.has(key)) {
    accepting.set(
      key,
      (async () => {
        const pages = ['index.html', 'embed.html'].map((page) => {
          const edited = readFileSync(join(DIST, page), 'utf8')
            .replace(/(<meta name="jianghai:data-origins" content=")self(")/, `$1self ${key}$2`)
            .replace(/(connect-src 'self')( blob: data:)/, `$1 ${key}$2`);
          assert.ok(
            edited.includes(`content="self ${key}"`) && edited.includes(`connect-src 'self' ${key} blob:`),
            `dist/${page} has the policy the README describes (data origins "self", connect-src 'self'): rebuild dist/`,
          );
          return [page, edited];
        });
        const dir = mkdtempSync(join(tmpdir(), 'jianghai-e2e-origins-'));
        for (const name of readdirSync(DIST)) {
          if (!/^(index|embed)\.html(\.br|\.gz)?$/.test(name)) symlinkSync(join(DIST, name), join(dir, name));
        }
        for (const [page, edited] of pages) writeFileSync(join(dir, page), edited);
        return { dir, server: await serve(dir) };
      })(),
    );
  }
  return accepting.get(key).then((site) => site.server);
}

/**
 * A second server whose root is a temp folder where dist/ appears at /sub/dir/ (a symlink) next to
 * /host.html, a page that embeds one chart in an iframe and records the messages it receives.
 * Started on first use, shared by the tests that need it.
 */
export function subpathSite() {
  subpath ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jianghai-e2e-'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync(DIST, join(dir, 'sub', 'dir'), 'dir');
    writeFileSync(join(dir, 'host.html'), HOST_HTML);
    return { dir, server: await serve(dir) };
  })();
  return subpath;
}

// The chart id travels in the hash, which the host reads from its own hash, so one page serves any chart.
const HOST_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Embed host</title></head>
<body>
<p>An article with an embedded chart.</p>
<iframe id="embed" title="chart" style="width:640px;height:150px;border:0"></iframe>
<script>
  window.__messages = [];
  window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
  document.getElementById('embed').src = 'sub/dir/embed.html' + (location.hash || '#/embed/firms-by-segment');
</script>
</body></html>
`;

/**
 * Runs `fn` with a page in a fresh browser context (zh-CN locale and Asia/Shanghai pinned), then
 * asserts what every test must hold: no console error, no uncaught exception, no request outside the
 * server's origin (such requests are blocked and recorded) and no 4xx/5xx answer from the server.
 *
 * `touch: true` makes the context a touch screen (hasTouch, isMobile). `origins` lists further origins
 * the page may reach (a second site serving a dataset, in the provenance tests).
 * `serviceWorkers: 'allow'` lets the page install its service worker; other tests block it, so each of
 * them sees the network as a first visit does and no context downloads the whole app into its cache.
 * `fn` receives { page, context, server, open(path), logSince() } where open('#/about') navigates
 * under `base` (default '/') and logSince() returns the server log entries of this test.
 */
export async function withPage(opts, fn) {
  const {
    viewport = { width: 1280, height: 900 },
    server = env.server,
    base = '/',
    allowErrors = false,
    touch = false,
    origins = [],
    serviceWorkers = 'block',
  } = opts;
  const context = await env.browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    // A phone: touch events and a mobile viewport meta, so taps are taps and not mouse clicks.
    ...(touch ? { hasTouch: true, isMobile: true } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    serviceWorkers,
  });
  const errors = [];
  const foreign = new Set();
  const own = (url) => [server.origin, ...origins].some((o) => url.startsWith(o + '/')) || /^(data|blob|about):/.test(url);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (own(url)) return route.fallback();
    foreign.add(url);
    return route.abort('blockedbyclient');
  });
  // Some requests (service workers, prefetches) can bypass routing; the request event still sees them.
  context.on('request', (req) => {
    if (!own(req.url())) foreign.add(req.url());
  });
  // A document torn down mid-read (a frame removed, or given a new document: an iframe's new src,
  // a navigation) aborts its engine's range requests, and DuckDB-WASM logs each as an error. Only
  // those are not the page's errors: an aborted read of a document still on screen (or a read that
  // failed on the network, or a test's route.abort) is. Each frame's document is numbered when it
  // commits (a new URL beyond the hash: moving to another hash keeps the document), each request
  // remembers the document it came from, and the verdict is taken at the end, when the teardown that
  // caused an abort has been reported too.
  const docOf = new WeakMap();
  const urlOf = new WeakMap();
  let documents = 0;
  const committed = (frame) => {
    const url = frame.url().replace(/#.*$/, '');
    if (urlOf.get(frame) === url) return;
    urlOf.set(frame, url);
    docOf.set(frame, ++documents);
  };
  const issuedIn = new WeakMap();
  context.on('request', (req) => {
    try {
      const frame = req.frame();
      issuedIn.set(req, { frame, doc: docOf.get(frame) });
    } catch {
      // A service worker's request has no frame: never excused.
    }
  });
  const aborted = [];
  context.on('requestfailed', (req) => {
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && issuedIn.has(req)) aborted.push({ url: req.url(), ...issuedIn.get(req) });
  });
  const tornDown = (a) => a.frame.isDetached() || docOf.get(a.frame) !== a.doc;
  // DuckDB's worker words a failed read two ways: a range read ("Range request for <url> failed") and
  // a whole-file or HEAD request ("Failed to execute 'send' on 'XMLHttpRequest': Failed to load '<url>'").
  const abortedRead = (e) => {
    const url = (/Range request for (\S+) failed with error: NetworkError/.exec(e) ??
      /NetworkError: Failed to execute 'send' on 'XMLHttpRequest': Failed to load '([^']+)'/.exec(e))?.[1];
    return url !== undefined && aborted.some((a) => a.url === url && tornDown(a));
  };
  const watch = (page) => {
    page.on('framenavigated', committed);
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.stack ?? e.message}`));
  };
  context.on('page', watch);
  const mark = server.log.length;
  const logSince = () => server.log.slice(mark);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const open = (path = '#/') => page.goto(server.url + base.replace(/^\//, '') + path);
    const result = await fn({ page, context, server, open, logSince });
    if (!allowErrors) {
      assert.deepEqual(
        errors.filter((e) => !abortedRead(e)),
        [],
        'the page logged errors',
      );
      const failed = logSince()
        .filter((e) => e.status >= 400)
        .map(formatEntry);
      assert.deepEqual(failed, [], 'the server answered requests with an error status');
    }
    assert.deepEqual([...foreign], [], 'the page made requests outside its own origin');
    return result;
  } finally {
    await context.close();
  }
}
