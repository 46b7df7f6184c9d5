import { launchChromium } from '../bench/chromium.mjs';
import { serve } from '../serve.mjs';
const s = await serve('/tmp/site');
const browser = await launchChromium();
const [rows = '1m'] = process.argv.slice(2);
const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => {
  if (m.type() !== 'log') console.log('console', m.type(), m.text());
});
const t0 = Date.now();
await page.goto(`${s.url}app/#/?data=../scale/${rows}/manifest.json`);
await page.waitForFunction(
  () =>
    ['firms-by-segment', 'firms-by-area', 'firms-by-scale-srdi', 'output-distribution', 'founding-years', 'concentration'].every((id) =>
      document.querySelector(`[data-chart-id=${id}][data-state=ready] svg`),
    ),
  null,
  { timeout: 120000 },
);
console.log(rows, 'all linked views in', Date.now() - t0, 'ms; count', await page.textContent('[data-stat=count]'));
await page.locator('[data-chart-id=output-distribution] .brush').scrollIntoViewIfNeeded();
const box = await page.locator('[data-chart-id=output-distribution] .brush').boundingBox();
await page.mouse.move(box.x + box.width * 0.3, box.y + 50);
let t1 = Date.now();
await page.waitForFunction(() => true);
await page.waitForTimeout(50);
await page.mouse.down();
for (let i = 1; i <= 30; i++) {
  await page.mouse.move(box.x + box.width * (0.3 + i * 0.01), box.y + 50);
}
await page.mouse.up();
console.log('30 moves in', Date.now() - t1, 'ms');
await page.waitForFunction(() => !/^1(0)?,000,000$/.test(document.querySelector('[data-stat=count]').textContent), null, {
  timeout: 60000,
});
console.log('settled in', Date.now() - t1, 'ms; count', await page.textContent('[data-stat=count]'));
const bytes = s.log.reduce((a, e) => a + e.bytes, 0);
console.log('requests', s.log.length, 'bytes', bytes);
await browser.close();
await s.close();
