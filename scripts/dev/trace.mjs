// Where main-thread time goes during a brush drag: node scripts/dev/trace.mjs '#/'  (after npm run build; /tmp/site/app -> dist)
import { launchChromium } from '../bench/chromium.mjs';
import { serve } from '../serve.mjs';
const s = await serve('/tmp/site');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
await page.goto(`${s.url}app/${process.argv[2] ?? '#/'}`);
await page.waitForFunction(() => document.querySelector('[data-chart-id=output-distribution][data-state=ready] svg'), null, {
  timeout: 60000,
});
await page.waitForTimeout(1000);
const brush = page.locator('[data-chart-id=output-distribution] .brush');
await brush.scrollIntoViewIfNeeded();
const box = await brush.boundingBox();
await page.mouse.move(box.x + box.width * 0.3, box.y + 50);
await page.waitForTimeout(1500);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.mouse.down();
const t0 = Date.now();
for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + box.width * (0.3 + i * 0.01), box.y + 50);
console.log('30 moves', Date.now() - t0, 'ms');
await page.mouse.up();
const buf = await browser.stopTracing();
const all = JSON.parse(buf.toString()).traceEvents;
const main = all.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
const events = all.filter((e) => e.ph === 'X' && e.dur);
const sum = new Map();
for (const e of events) if (e.tid === main) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
console.log(
  [...sum]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 18)
    .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`)
    .join('\n'),
);
await browser.close();
await s.close();
