// Exports leave the site and travel on their own, so each must carry the chart's words: CSV that
// Excel on Chinese Windows opens right, and SVG/PNG with title, source and the modelled mark baked in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
import { chartsReady, csvParts, downloadOf, figure, readChart } from './page.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Opens the dashboard and returns a function that downloads one chart's export by button name. */
async function dashboard(page, open, hash) {
  await open(hash);
  // A second call is a hash change on the same document: wait for the language to switch.
  await page.waitForFunction((l) => document.documentElement.lang === l, /lang=en/.test(hash) ? 'en' : 'zh-CN');
  await chartsReady(page);
  return (id, name) => downloadOf(page, figure(page, id).getByRole('button', { name, exact: true }));
}

test(
  '"Download CSV" gives a UTF-8 file that names its source and the modelled mark above a header row and one line per category',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const langs = [
        [
          '#/?lang=en',
          'Download CSV',
          'Segment,Firms',
          ['Firms by segment', 'Source: Jiangmen Daily, 7 July 2023; modelled firm rows', 'Modelled data: '],
        ],
        ['#/', '下载 CSV', '细分领域,企业数', ['各细分领域企业数', '来源：《江门日报》2023年7月7日；企业明细为模拟数据', '模拟数据：']],
      ];
      for (const [hash, button, header, words] of langs) {
        const get = await dashboard(page, open, hash);
        const { name, bytes } = await get('firms-by-segment', button);
        assert.equal(name, 'firms-by-segment.csv');
        const csv = csvParts(bytes);
        // A person opening the file in Excel sees what it is and where it comes from first.
        for (const w of words)
          assert.ok(
            csv.preamble.some((l) => l.startsWith(w)),
            `the CSV says "${w}" (${csv.preamble.join(' | ')})`,
          );
        assert.equal(csv.provenance[0].kind, 'modelled', 'the origins travel as data too');
        // Further columns (such as a share) may follow the two that every reader needs.
        assert.equal(csv.header.split(',').slice(0, 2).join(','), header);
        assert.equal(csv.rows.length, 5, 'five segments');
        const total = csv.rows.reduce((a, l) => a + Number(l.split(',')[1]), 0);
        assert.equal(total, 1681, 'the counts add up to the published number of firms');
      }
    }),
);

test('a CSV of a chart on published rows names the article and carries no modelled mark', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    const get = await dashboard(page, open, '#/?lang=en');
    const csv = csvParts((await get('schools', 'Download CSV')).bytes);
    assert.ok(csv.preamble.includes('Source: Jiangmen Daily, 7 July 2023'), csv.preamble.join(' | '));
    assert.ok(!csv.preamble.some((l) => l.startsWith('Modelled data')), 'no modelled mark on published rows');
    assert.equal(csv.rows.length, 2, 'two schools');
  }),
);

test('"Download SVG" gives a standalone SVG with the chart title, the source line and the modelled mark', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    const get = await dashboard(page, open, '#/?lang=en');
    const chart = await readChart(page, 'firms-by-segment');
    const { name, bytes } = await get('firms-by-segment', 'Download SVG');
    const svg = bytes.toString('utf8');
    assert.equal(name, 'firms-by-segment.svg');
    assert.match(svg, /^<\?xml[^>]*\?>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes(`>${chart.title}<`), `contains the title "${chart.title}"`);
    assert.ok(svg.includes('Source: Jiangmen Daily, 7 July 2023'), 'contains the source line');
    assert.ok(svg.includes('Modelled data'), 'contains the modelled mark');
    assert.equal(svg.match(/<rect[^>]*class="mark\b/g)?.length, 5, 'contains the five bars');
  }),
);

test('"Download PNG" gives a PNG at twice the size of the exported SVG', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    const get = await dashboard(page, open, '#/');
    const svg = (await get('schools', '下载 SVG')).bytes.toString('utf8');
    const [, w, h] = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg).map(Number);
    const { name, bytes } = await get('schools', '下载 PNG');
    assert.equal(name, 'schools.png');
    assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE, 'PNG signature');
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    const [pw, ph] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    assert.ok(Math.abs(pw - 2 * w) <= 2 && Math.abs(ph - 2 * h) <= 2, `PNG is ${pw}x${ph}, SVG is ${w}x${h}`);
    assert.ok(bytes.length > 5000, `a drawn PNG, not a blank one (${bytes.length} bytes)`);
  }),
);
