// `npm run dev` is the first command the README gives, and nothing else runs the app through Vite's
// dev server: its data middleware, its module graph and an engine started without the build's first
// paint. The dev server has no CSP and no service worker; everything else about the page is held to
// the same rules as the built site.
import { test } from 'node:test';
import { createServer } from 'vite';
import { ROOT, withPage } from './harness.mjs';
import { chartsReady } from './page.mjs';

// The first dev load transforms every module on demand (and may pre-bundle dependencies), which on
// a loaded 2-core machine takes far longer than a load of dist/.
const DEV_TIMEOUT = 90_000;

test('the dev server serves a dashboard that draws every chart', { timeout: DEV_TIMEOUT + 30_000 }, async () => {
  const vite = await createServer({ root: ROOT, logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } });
  try {
    await vite.listen();
    const { port } = vite.httpServer.address();
    const origin = `http://127.0.0.1:${port}`;
    // withPage reads the request log of scripts/serve.mjs to fail on 4xx/5xx answers; Vite keeps no
    // such log, so that check sees nothing here. Console errors and requests to other origins are
    // still checked.
    const server = { url: `${origin}/`, origin, log: [] };
    await withPage({ server }, async ({ page, open }) => {
      page.setDefaultTimeout(DEV_TIMEOUT);
      await open('#/');
      await chartsReady(page);
    });
  } finally {
    await vite.close();
  }
});
