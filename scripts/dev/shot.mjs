import { launchChromium } from '../bench/chromium.mjs';
import { serve } from '../serve.mjs';
const s = await serve('dist');
const browser = await launchChromium();
const [hash = '#/', w = '1280', out = '/tmp/shot.png'] = process.argv.slice(2);
const page = await browser.newPage({ viewport: { width: Number(w), height: 900 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
const t0 = Date.now();
await page.goto(s.url + hash);
await page
  .waitForFunction(
    () => document.querySelectorAll('figure.chart[data-state=ready]').length >= 5 || document.querySelector('[role=alert]'),
    null,
    { timeout: 30000 },
  )
  .catch((e) => console.log('timeout', e.message));
console.log('ready in', Date.now() - t0, 'ms');
// CLIP="y,height" takes one slice of a long page (the image viewer shrinks tall shots).
const clip = process.env.CLIP?.split(',').map(Number);
await page.screenshot(
  clip ? { path: out, fullPage: true, clip: { x: 0, y: clip[0], width: Number(w), height: clip[1] } } : { path: out, fullPage: true },
);
console.log(
  s.log
    .filter((e) => e.status >= 400 || e.range)
    .map((e) => `${e.path} ${e.status} ${e.range}`)
    .join('\n'),
);
await browser.close();
await s.close();
