// Times SQL inside the page on a dataset: node scripts/dev/qtime.mjs 1m   (serves /tmp/site: app -> dist, scale -> data/scale)
import { launchChromium } from '../bench/chromium.mjs';
import { serve } from '../serve.mjs';
const s = await serve('/tmp/site');
const browser = await launchChromium();
const [rows = '1m'] = process.argv.slice(2);
const page = await browser.newPage();
await page.goto(`${s.url}app/#/about?data=../scale/${rows}/manifest.json`);
await page.waitForFunction(() => window.__jianghai);
await page.evaluate(() => window.__jianghai.ready);
const qs = {
  count: 'SELECT count(*) FROM firms',
  mem0: 'SELECT 1',
  table: 'SELECT * FROM firms ORDER BY output_2022 DESC NULLS LAST, id LIMIT 25',
  seg: 'SELECT segment, count(*) FROM firms GROUP BY 1',

  mem: `CREATE OR REPLACE TABLE m AS SELECT segment::ENUM('电子关键元器件','印刷电路板','智能家电','汽车电子','LED照明器件') AS segment, area::ENUM('江南街道','外海街道','礼乐街道') AS area, scale_class::ENUM('规上','规下') AS scale_class, srdi_level::ENUM('国家级小巨人','省级专精特新','无') AS srdi_level, output_2022, founded FROM firms`,
  memseg: 'SELECT segment, count(*) FROM m GROUP BY 1',
  memtop10: 'SELECT sum(v) FROM (SELECT output_2022 v FROM m ORDER BY v DESC LIMIT 10)',
  memcube: `SELECT segment k, CAST(floor(log10(output_2022)*100) AS INTEGER) b, count(*) n FROM m GROUP BY ALL`,
  memgs: `SELECT segment k0, area k1, founded k2, grouping_id(segment, area, founded) g, count(*) n, sum(output_2022) s FROM m GROUP BY GROUPING SETS ((segment),(area),(founded),())`,
};
for (const [k, q] of Object.entries(qs)) {
  const t = [];
  for (let i = 0; i < 3; i++)
    t.push(
      await page.evaluate(async (q) => {
        const t0 = performance.now();
        await window.__jianghai.query(q);
        return performance.now() - t0;
      }, q),
    );
  console.log(k.padEnd(8), t.map((x) => x.toFixed(0)).join(' '));
}
await browser.close();
await s.close();
