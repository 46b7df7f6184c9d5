// Where main-thread time goes during a cold load until every chart is drawn from the build's answers:
// node scripts/dev/loadtrace.mjs '#/'  (after npm run build). Prints the top trace events by self time
// on the renderer's main thread, and a timeline of the main milestones.
import { launchChromium } from '../bench/chromium.mjs';
import { serve } from '../serve.mjs';
const s = await serve('dist');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, serviceWorkers: 'block' });
await browser.startTracing(page, {
  categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading'],
});
await page.goto(`${s.url}${process.argv[2] ?? '#/'}`);
await page.waitForFunction(
  () => [...document.querySelectorAll('figure.chart')].filter((f) => f.dataset.state === 'ready' && f.querySelector('.mark')).length >= 9,
  null,
  { timeout: 60000 },
);
const t = await page.evaluate(() => ({
  now: performance.now(),
  dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
}));
const resources = await page.evaluate(() =>
  performance
    .getEntriesByType('resource')
    .map((r) => `${r.startTime.toFixed(0).padStart(5)}-${r.responseEnd.toFixed(0).padStart(5)} ms ${r.name.replace(location.origin, '')}`),
);
console.log(resources.slice(0, 15).join('\n'));
console.log(
  await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return ['fetchStart', 'requestStart', 'responseStart', 'responseEnd', 'domInteractive']
      .map((k) => `${k} ${n[k].toFixed(0)}`)
      .join(', ');
  }),
);
const all = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
const main = all.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
const events = all.filter((e) => e.ph === 'X' && e.dur && e.tid === main).sort((a, b) => a.ts - b.ts);
// Self time: an event's duration minus that of the events nested in it.
const self = new Map();
const stack = [];
for (const e of events) {
  while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
  const parent = stack.at(-1);
  if (parent) self.set(parent, (self.get(parent) ?? parent.dur) - e.dur);
  self.set(e, self.get(e) ?? e.dur);
  stack.push(e);
}
const sum = new Map();
for (const [e, d] of self) sum.set(e.name, (sum.get(e.name) ?? 0) + d / 1000);
console.log(`charts drawn ${t.now.toFixed(0)} ms, DCL ${t.dcl.toFixed(0)} ms, FCP ${t.fcp?.toFixed(0)} ms`);
console.log(
  [...sum]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`)
    .join('\n'),
);
await browser.close();
await s.close();
