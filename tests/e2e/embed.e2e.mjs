// Reporters (issue 4): the snippet from the Embed dialog inside an article page sizes its iframe from
// the height the chart posts, at any width; the static, dark and frozen options do what they say;
// exports of a filtered chart carry its words; the dashboard and an embed print on A4.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, TIMEOUT, subpathSite, withPage } from './harness.mjs';
import { expectedViews } from './expected.mjs';
import { chartsReady, csvParts, downloadOf, figure, withContrast } from './page.mjs';

const DATA_VERSION = JSON.parse(readFileSync(join(ROOT, 'data', 'manifest.json'), 'utf8')).dataVersion;
const AUTOMOTIVE = encodeURIComponent('汽车电子');

/** Opens a chart's Embed dialog, sets its options and returns the snippet and the preview's address. */
async function embedSnippet(page, chartId, { frozen = false, theme = null, isStatic = false } = {}) {
  await figure(page, chartId).getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (frozen) await dialog.getByRole('radio', { name: /^Frozen/ }).check();
  if (theme) await dialog.getByLabel('Theme').selectOption(theme);
  if (isStatic) await dialog.getByRole('checkbox', { name: /^Static/ }).check();
  const snippet = await dialog.locator('#embed-snippet').inputValue();
  const preview = await dialog.locator('iframe.embed-preview').getAttribute('src');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const src = /<iframe src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
  return { snippet, src, preview };
}

/** The embed frame's height against the last height it posted, and whether anything overflows in it. */
const frameState = (page) =>
  page.evaluate(() => {
    const iframe = document.querySelector('iframe[data-jianghai-embed]');
    const doc = iframe.contentDocument;
    const root = doc?.querySelector('.embed');
    return {
      posted: window.__posted.at(-1) ?? null,
      messages: window.__posted.length,
      iframe: { width: iframe.clientWidth, height: iframe.clientHeight },
      embed: root ? Math.ceil(root.getBoundingClientRect().height) : null,
      svgWidth: doc?.querySelector('svg.chart-svg')?.getBoundingClientRect().width ?? null,
      scrollWidth: doc?.documentElement.scrollWidth ?? null,
      scrollHeight: doc?.documentElement.scrollHeight ?? null,
      drawn: !!doc?.querySelector('figure.chart[data-state=ready] svg.chart-svg .mark'),
    };
  });

/** Waits until the iframe is as tall as the last posted height and that height is the chart's. */
async function frameSettled(page, width) {
  await page.waitForFunction((w) => {
    const iframe = document.querySelector('iframe[data-jianghai-embed]');
    const root = iframe?.contentDocument?.querySelector('.embed');
    const posted = window.__posted.at(-1)?.height;
    return (
      iframe.clientWidth <= w &&
      root?.querySelector('figure.chart[data-state=ready] svg.chart-svg .mark') &&
      Math.abs(iframe.clientHeight - posted) <= 2 &&
      Math.abs(Math.ceil(root.getBoundingClientRect().height) - posted) <= 2
    );
  }, width);
  return frameState(page);
}

test(
  'the snippet from the Embed dialog, pasted in an article, sizes its iframe from the posted height at 1,000 px and again at 360 px, with no horizontal overflow',
  { timeout: TIMEOUT },
  async () => {
    const { dir, server } = await subpathSite();
    await withPage({ server, base: '/sub/dir/', viewport: { width: 1000, height: 800 } }, async ({ page, open }) => {
      await open(`#/?lang=en&segment=${AUTOMOTIVE}`);
      await chartsReady(page);
      const { snippet, src, preview } = await embedSnippet(page, 'firms-by-area');
      assert.equal(
        src,
        `${server.url}sub/dir/embed.html#/embed/firms-by-area?v=3&lang=en&segment=${AUTOMOTIVE}`,
        'the snippet shows the chart in its current state',
      );
      assert.equal(preview, src, 'the preview shows what the snippet embeds');

      writeFileSync(
        join(dir, 'article.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Article</title></head>
<body><h1>An article</h1><p>Text before the chart.</p>
<script>window.__posted = []; addEventListener('message', (e) => { if (e.data?.type === 'jianghai-embed:height') window.__posted.push(e.data); });</script>
${snippet}
<p>Text after the chart.</p></body></html>`,
      );
      await page.goto(`${server.url}article.html`);
      const wide = await frameSettled(page, 1000);
      assert.deepEqual(wide.posted, { type: 'jianghai-embed:height', chartId: 'firms-by-area', height: wide.posted.height });
      assert.ok(wide.posted.height > 200, `the drawn chart's height is posted (${wide.posted.height})`);
      assert.ok(wide.svgWidth >= 0.9 * wide.iframe.width, `the chart fills the frame (${wide.svgWidth} of ${wide.iframe.width} px)`);
      assert.ok(wide.scrollWidth <= wide.iframe.width, `no horizontal overflow in the frame at 1,000 px: ${JSON.stringify(wide)}`);
      assert.ok(wide.scrollHeight <= wide.iframe.height + 2, `no vertical scrolling in the frame: ${JSON.stringify(wide)}`);

      await page.setViewportSize({ width: 360, height: 740 });
      const narrow = await frameSettled(page, 360);
      assert.ok(narrow.messages > wide.messages, 'the resize posted a new height');
      assert.notEqual(narrow.posted.height, wide.posted.height, 'a narrower chart wraps its words and has another height');
      assert.ok(
        narrow.svgWidth >= 0.9 * narrow.iframe.width,
        `the chart fills the narrow frame (${narrow.svgWidth} of ${narrow.iframe.width} px)`,
      );
      assert.ok(narrow.scrollWidth <= narrow.iframe.width, `no horizontal overflow in the frame at 360 px: ${JSON.stringify(narrow)}`);
      assert.ok(narrow.scrollHeight <= narrow.iframe.height + 2, `no vertical scrolling in the narrow frame: ${JSON.stringify(narrow)}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'the article does not overflow either');

      // A page in the frame that posts an absurd height, or another chart's, gets a sane frame.
      const frame = page.frames().find((f) => f.url().includes('/embed/firms-by-area'));
      const iframeHeight = () => page.evaluate(() => document.querySelector('iframe[data-jianghai-embed]').getBoundingClientRect().height);
      await frame.evaluate(() => window.parent.postMessage({ type: 'jianghai-embed:height', chartId: 'firms-by-area', height: 1e7 }, '*'));
      await page.waitForFunction(() => window.__posted.some((m) => m.height === 1e7));
      assert.equal(await iframeHeight(), 5000, 'a posted 1e7 is clamped to 5,000 px');
      await frame.evaluate(() => window.parent.postMessage({ type: 'jianghai-embed:height', chartId: 'schools', height: 300 }, '*'));
      await page.waitForFunction(() => window.__posted.some((m) => m.chartId === 'schools'));
      assert.equal(await iframeHeight(), 5000, 'a message naming another chart is ignored');
    });
  },
);

test(
  'frozen, dark and static from the dialog: the embed reads data/v/<data version>/, is dark with readable text, and has no menu and no interaction',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, context, open, logSince }) => {
      await open(`#/?lang=en&segment=${AUTOMOTIVE}`);
      await chartsReady(page);
      const { src, preview } = await embedSnippet(page, 'firms-by-segment', { frozen: true, theme: 'dark', isStatic: true });
      assert.match(src, new RegExp(`#/embed/firms-by-segment\\?v=3&lang=en&segment=${AUTOMOTIVE}&dv=${DATA_VERSION}&static=1&theme=dark$`));
      assert.equal(preview, src);

      // A reader's page: a fresh load, where the dashboard above was a single page app on the live data.
      const mark = logSince().length;
      page = await context.newPage();
      await page.goto(src);
      await chartsReady(page, ['firms-by-segment']);
      const paths = logSince()
        .slice(mark)
        .map((e) => e.path);
      assert.ok(paths.includes(`/data/v/${DATA_VERSION}/manifest.json`), 'the frozen manifest is read');
      assert.ok(paths.includes(`/data/v/${DATA_VERSION}/firms.parquet`), 'the frozen firms are read');
      assert.deepEqual(
        paths.filter((p) => /^\/data\/[^/]+$/.test(p)),
        [],
        'nothing is read from the live data folder',
      );

      // Dark: the background is dark, and every text is readable on it (WCAG AA, 4.5:1).
      const look = await withContrast(page, () => {
        const { rgb, lum, ratio } = window.__contrast;
        const bg = getComputedStyle(document.querySelector('.embed')).backgroundColor;
        const texts = [...document.querySelectorAll('.embed :is(h3, p, span, a, text)')].filter(
          (el) => el.textContent.trim() && el.getClientRects().length,
        );
        const worst = texts
          .map((el) => {
            const cs = getComputedStyle(el);
            const fg = el instanceof SVGElement ? cs.fill : cs.color;
            // Text on its own background (the modelled mark's badge) is measured against that.
            const own = getComputedStyle(el).backgroundColor;
            const back = rgb(own).length && !/rgba\(.*,\s*0\)$/.test(own) && own !== 'transparent' ? own : bg;
            return { text: el.textContent.trim().slice(0, 40), fg, back, ratio: ratio(fg, back) };
          })
          .sort((x, y) => x.ratio - y.ratio);
        return { bg, luminance: lum(bg), worst: worst.slice(0, 3), texts: texts.length };
      });
      assert.ok(look.luminance < 0.05, `the embed is dark (${look.bg})`);
      assert.ok(look.texts > 10, 'texts were measured');
      assert.ok(look.worst[0].ratio >= 4.5, `every text is readable on the dark background; the lowest: ${JSON.stringify(look.worst)}`);

      // Static: no menu, no marks that take input; a click on a bar changes nothing.
      const fig = figure(page, 'firms-by-segment');
      assert.equal(await fig.locator('.chart-menu').count(), 0, 'no chart menu');
      assert.equal(await fig.locator('.pickable, [role=button], [tabindex]').count(), 0, 'no pickable marks');
      // What a click could change: each bar's colour and pressed state (not data-seq, which a late
      // re-emission of the same counts may bump).
      const drawn = () =>
        fig
          .locator('svg.chart-svg rect.mark')
          .evaluateAll((rs) => rs.map((r) => [r.dataset.row, r.getAttribute('fill'), r.getAttribute('aria-pressed')]));
      const before = [await drawn(), page.url()];
      await fig.locator('rect.mark[data-row="智能家电"]').click();
      await fig.locator('rect.mark[data-row="汽车电子"]').click();
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      assert.deepEqual([await drawn(), page.url()], before, 'the clicks changed nothing');
    }),
);

test('a static histogram embed has no brush and no range control: a drag changes nothing', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/embed/output-distribution?v=2&lang=en&static=1');
    await chartsReady(page, ['output-distribution']);
    const fig = figure(page, 'output-distribution');
    assert.equal(await fig.locator('rect.brush.brushable').count(), 0, 'no brush handler');
    assert.equal(await fig.locator('.range-control, input[type=range], .chart-menu').count(), 0, 'no range control and no menu');
    const drawn = () =>
      fig
        .locator('svg.chart-svg rect.mark')
        .evaluateAll((rs) => rs.map((r) => [r.dataset.x0, r.getAttribute('fill'), r.getAttribute('height')]));
    const before = [await drawn(), page.url()];
    const box = await fig.locator('rect.brush').boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.8, { steps: 5 });
    await page.mouse.up();
    await page.mouse.move(0, 0);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    assert.equal(await fig.locator('rect.brush-selection').count(), 0, 'no brush drawn');
    assert.deepEqual([await drawn(), page.url()], before, 'the drag changed nothing');
  }),
);

test("theme=auto draws the chart in the reader's system colours, and redraws it when they change", { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    // What a selected bar, a muted one and the card are painted with, as the reader sees them.
    const look = () =>
      page.evaluate(() => {
        const fig = document.querySelector('figure.chart[data-chart-id="firms-by-segment"]');
        const fillOf = (sel) => getComputedStyle(fig.querySelector(sel)).fill;
        return {
          card: getComputedStyle(fig).backgroundColor,
          selected: fillOf('rect.mark[aria-pressed="true"]'),
          muted: fillOf('rect.mark.muted'),
        };
      });
    const frame = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const light = { card: 'rgb(255, 255, 255)', selected: 'rgb(0, 114, 178)', muted: 'rgb(221, 227, 233)' };
    const dark = { card: 'rgb(36, 50, 64)', selected: 'rgb(86, 180, 233)', muted: 'rgb(56, 70, 84)' };
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(`#/embed/firms-by-segment?v=2&lang=en&segment=${AUTOMOTIVE}&theme=auto`);
    await chartsReady(page, ['firms-by-segment']);
    assert.deepEqual(await look(), dark, 'a dark system gets the dark palette');
    await page.emulateMedia({ colorScheme: 'light' });
    await frame();
    assert.deepEqual(await look(), light, 'switching the system to light redraws the chart light');
  }),
);

test('an embed frozen to an unknown data version shows an alert instead of hanging', { timeout: TIMEOUT }, () =>
  withPage({ allowErrors: true }, async ({ page, open, logSince }) => {
    await open('#/embed/firms-by-segment?v=2&lang=en&dv=000000000000');
    const alert = page.getByRole('alert').first();
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.textContent(), /data\/v\/000000000000\/manifest\.json.*404/);
    assert.equal(await page.getByRole('progressbar').count(), 0, 'nothing is left loading');
    assert.deepEqual(
      logSince()
        .filter((e) => e.status >= 400)
        .map((e) => e.path),
      ['/data/v/000000000000/manifest.json'],
    );
  }),
);

test(
  'SVG, PNG and square PNG of a filtered chart carry its title, source, modelled mark, filters in words and date, with nothing external',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const today = (lang) =>
        new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
          timeZone: 'Asia/Shanghai',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
        })
          .format(new Date())
          .replace(/(\d+)年(\d+)月(\d+)日/, (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`);
      for (const [lang, words] of [
        [
          'en',
          [
            'Firms by subdistrict',
            'Source: Jiangmen Daily, 7 July 2023; modelled firm rows',
            'Modelled data: ',
            'Filters: Segment: Automotive electronics',
            `Exported: ${today('en')}`,
          ],
        ],
        ['zh', ['各街道企业数', '来源：', '模拟数据：', '筛选：细分领域：汽车电子', `导出于：${today('zh')}`]],
      ]) {
        await open(`#/?v=2&lang=${lang}&segment=${AUTOMOTIVE}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang === 'zh' ? 'zh-CN' : 'en');
        await chartsReady(page);
        const button = (name) => figure(page, 'firms-by-area').getByRole('button', { name, exact: true });
        const svg = (await downloadOf(page, button(lang === 'zh' ? '下载 SVG' : 'Download SVG'))).bytes.toString('utf8');
        for (const w of words) assert.ok(svg.includes(w), `the ${lang} SVG says "${w}"`);
        assert.doesNotMatch(
          svg,
          /<link\b|@import|url\(\s*['"]?(https?:)?\/\/|\shref="(?!#)|<image\b/i,
          `the ${lang} SVG refers to nothing outside itself`,
        );
        // The bars show the filtered counts.
        const want = (await expectedViews({ segment: ['汽车电子'] })).views.area;
        for (const [area, n] of Object.entries(want))
          assert.match(svg, new RegExp(`data-row="${area}"[^>]*aria-label="[^"]*: ${n}(家| firms)`), `${area} has ${n} firms in the SVG`);

        if (lang === 'en') {
          const [w] = /<svg[^>]* width="([\d.]+)"/.exec(svg).slice(1).map(Number);
          const png = (await downloadOf(page, button('Download PNG'))).bytes;
          assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
          const [pw, ph] = [png.readUInt32BE(16), png.readUInt32BE(20)];
          assert.ok(pw >= 1200 && pw >= 2 * w - 2, `PNG ${pw}x${ph} is at least 1,200 px wide and twice the SVG (${w} px)`);
          const square = (await downloadOf(page, button('Square PNG'))).bytes;
          const [sw, sh] = [square.readUInt32BE(16), square.readUInt32BE(20)];
          assert.equal(sw, sh, `the square PNG is ${sw}x${sh}`);
          assert.ok(sw >= 1200, `the square PNG is at least 1,200 px (${sw})`);
        }
      }
    }),
);

test(
  'CSV of a filtered chart starts with the byte-order mark and has its header in the page language and the filtered counts',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, open }) => {
      const want = (await expectedViews({ segment: ['汽车电子'] })).views.area;
      const names = { 江南街道: 'Jiangnan Subdistrict', 外海街道: 'Waihai Subdistrict', 礼乐街道: 'Lile Subdistrict' };
      for (const [lang, header, button] of [
        ['zh', '街道,企业数,占比', '下载 CSV'],
        ['en', 'Subdistrict,Firms,Share', 'Download CSV'],
      ]) {
        await open(`#/?v=2&lang=${lang}&segment=${AUTOMOTIVE}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang === 'zh' ? 'zh-CN' : 'en');
        await chartsReady(page);
        const { name, bytes } = await downloadOf(page, figure(page, 'firms-by-area').getByRole('button', { name: button, exact: true }));
        assert.equal(name, 'firms-by-area.csv');
        const { header: head, rows, preamble } = csvParts(bytes);
        assert.equal(head, header);
        assert.ok(
          preamble.some((l) => /^(筛选|Filters)/.test(l)),
          `the ${lang} CSV names its filters: ${preamble.join(' | ')}`,
        );
        const counts = Object.fromEntries(rows.map((r) => r.split(',')).map(([k, n]) => [k, Number(n)]));
        const expected = Object.fromEntries(Object.entries(want).map(([k, n]) => [lang === 'zh' ? k : names[k], n]));
        assert.deepEqual(counts, expected, `the ${lang} CSV has the counts under the filter`);
      }
    }),
);

test('printing the dashboard and an embed hides menus and navigation, fits the A4 width and gives a PDF', { timeout: TIMEOUT }, () =>
  withPage({ viewport: { width: 794, height: 1123 } }, async ({ page, open }) => {
    for (const [hash, ids] of [
      ['#/?lang=en', undefined],
      ['#/embed/firms-by-segment?v=2&lang=en', ['firms-by-segment']],
    ]) {
      await page.emulateMedia({ media: 'screen' });
      await open(hash);
      await chartsReady(page, ids);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => ({
        shown: [...document.querySelectorAll('.chart-menu, header nav, .skip')].filter((el) => getComputedStyle(el).display !== 'none')
          .length,
        scrollWidth: document.documentElement.scrollWidth,
      }));
      assert.equal(printed.shown, 0, `${hash}: chart menus and navigation are hidden in print`);
      assert.equal(printed.scrollWidth <= 794, true, `${hash}: ${printed.scrollWidth}px wide in print at A4 width`);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', `${hash}: a PDF`);
      assert.ok(pdf.length > 20_000, `${hash}: the PDF has content (${pdf.length} bytes)`);
    }
  }),
);
