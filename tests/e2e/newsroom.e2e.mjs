// Newsroom (issue 11): a reporter's words typed into the Embed dialog reach the embed of the copied
// snippet and its downloads, as text; a PNG's QR code opens the chart it shows; a long image (长图)
// stacks the picked charts at phone width with one code to the page; the snippet clamps a posted
// height of 1e7; the QR encoder is fetched only when an image is made.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import jsQR from 'jsqr';
import { ROOT, TIMEOUT, subpathSite, withPage } from './harness.mjs';
import { chartsReady, downloadOf, figure } from './page.mjs';

const AUTOMOTIVE = encodeURIComponent('汽车电子');
const XSS = '<img src=x onerror=alert(1)>';
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Serious or critical axe-core violations inside `within`, in words. */
async function axeViolations(page, within) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    const { violations } = await window.axe.run(sel, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, within);
}

/**
 * Decodes a PNG in a blank page of the test's browser and reads it as a phone would: the QR code it
 * carries (jsQR over the pixels of `crop`, or of the whole image), its size, and how much ink each
 * horizontal band holds (`bands`, in image pixels).
 */
async function readPng(context, bytes, { crop = null, bands = [] } = {}) {
  const page = await context.newPage();
  try {
    const got = await page.evaluate(
      async ({ b64, crop, bands }) => {
        const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(bmp, 0, 0);
        const c = crop ?? { x: 0, y: 0, w: bmp.width, h: bmp.height };
        const data = ctx.getImageData(c.x, c.y, c.w, c.h).data;
        let s = '';
        for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
        // Share of pixels in a band that are coloured (bars), not white, grey or black text.
        const ink = bands.map(([y0, y1]) => {
          const band = ctx.getImageData(0, y0, bmp.width, y1 - y0).data;
          let coloured = 0;
          for (let i = 0; i < band.length; i += 4) {
            const [r, g, b] = [band[i], band[i + 1], band[i + 2]];
            if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
          }
          return coloured / (band.length / 4);
        });
        return { b64: btoa(s), w: c.w, h: c.h, width: bmp.width, height: bmp.height, ink };
      },
      { b64: bytes.toString('base64'), crop, bands },
    );
    const qr = jsQR(new Uint8ClampedArray(Buffer.from(got.b64, 'base64')), got.w, got.h);
    return {
      width: got.width,
      height: got.height,
      ink: got.ink,
      qr: qr?.data ?? null,
      qrTop: qr ? qr.location.topLeftCorner.y + (crop?.y ?? 0) : null,
      qrLeft: qr ? qr.location.topLeftCorner.x + (crop?.x ?? 0) : null,
    };
  } finally {
    await page.close();
  }
}

/** The words of an SVG document, in order, as a reader sees them. */
const wordsOf = (svg) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1])
    .join(' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

test(
  "a reporter's headline typed into the Embed dialog shows, as text, in the embed of the copied snippet and in its SVG; its PNG's QR code opens that chart; a posted 1e7 is clamped",
  { timeout: TIMEOUT * 2 },
  async () => {
    const { dir, server } = await subpathSite();
    await withPage({ server, base: '/sub/dir/', viewport: { width: 1280, height: 900 } }, async ({ page, context, open }) => {
      let alerted = false;
      context.on('page', (p) => p.on('dialog', (d) => ((alerted = true), d.dismiss())));
      page.on('dialog', (d) => ((alerted = true), d.dismiss()));
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      await open(`#/?lang=en&segment=${AUTOMOTIVE}`);
      await chartsReady(page);
      const historyBefore = await page.evaluate(() => history.length);

      await figure(page, 'firms-by-area').getByRole('button', { name: 'Embed', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const headline = `Waihai leads ${XSS}`;
      await dialog.getByLabel('Headline').fill(headline);
      await dialog.getByLabel('Subtitle').fill('Automotive electronics firms & their subdistricts');
      await dialog.getByLabel('Notes under the chart').fill('First note.\nSecond note.');
      await dialog.getByRole('checkbox', { name: 'Waihai Subdistrict' }).check();
      // Limits are stated beside each field and enforced by it.
      assert.match(await dialog.locator('#reporter-title-limit').textContent(), /\/ 80 characters at most/);
      assert.equal(await dialog.getByLabel('Headline').getAttribute('maxlength'), '80');

      // The preview follows the words in place: no reload of the dashboard, no entries in its history.
      const preview = page.frameLocator('iframe.embed-preview');
      await preview.locator('figure.chart .chart-title', { hasText: 'Waihai leads' }).waitFor();
      assert.equal(await preview.locator('figure.chart .chart-title').textContent(), headline);
      assert.equal(await page.evaluate(() => history.length), historyBefore, 'typing adds no history entries');
      assert.deepEqual(await axeViolations(page, 'dialog.embed-dialog'), [], 'the dialog with the reporter fields passes axe');

      await dialog.getByRole('button', { name: 'Copy code', exact: true }).click();
      await dialog.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
      const snippet = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(snippet, await dialog.locator('#embed-snippet').inputValue(), 'the clipboard holds the snippet shown');
      const src = /<iframe src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
      assert.ok(src.startsWith(`${server.url}sub/dir/embed.html#/embed/firms-by-area?v=3&lang=en&segment=${AUTOMOTIVE}&title=`), src);
      assert.match(snippet, /title="Waihai leads &lt;img src=x onerror=alert\(1\)>"/, 'the iframe is titled with the headline, escaped');
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();

      // The article a reader opens.
      writeFileSync(
        join(dir, 'news-article.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head>
<body><h1>An article</h1>
<script>window.__posted = []; addEventListener('message', (e) => { if (e.data?.type === 'jianghai-embed:height') window.__posted.push(e.data); });</script>
${snippet}
</body></html>`,
      );
      await page.goto(`${server.url}news-article.html`);
      const frame = page.frameLocator('iframe[data-jianghai-embed]');
      const fig = frame.locator('figure.chart[data-chart-id="firms-by-area"][data-state=ready]');
      await fig.locator('svg.chart-svg .mark').first().waitFor();
      const shown = await fig.evaluate((f) => ({
        title: f.querySelector('.chart-title').textContent,
        subtitle: f.querySelector('.subtitle')?.textContent,
        notes: [...f.querySelectorAll('.notes p')].map((p) => p.textContent),
        source: f.querySelector('.source-line').textContent.replace(/\s+/g, ' ').trim(),
        modelled: !!f.querySelector('.modelled-mark'),
        images: f.ownerDocument.querySelectorAll('img').length,
        muted: Object.fromEntries([...f.querySelectorAll('rect.mark')].map((r) => [r.dataset.row, r.classList.contains('muted')])),
      }));
      assert.equal(shown.title, headline, 'the headline is the typed text, markup and all');
      assert.equal(shown.images, 0, 'no markup was made of it');
      assert.equal(shown.subtitle, 'Automotive electronics firms & their subdistricts');
      assert.deepEqual(shown.notes, ['First note.', 'Second note.']);
      assert.match(shown.source, /Modelled data.*Source: Jiangmen Daily, 7 July 2023; modelled firm rows/, 'the source line and mark stay');
      assert.ok(shown.modelled);
      assert.equal(shown.muted['外海街道'], false, 'the highlighted bar is in colour');
      assert.equal(shown.muted['江南街道'], true, 'the others are muted');
      assert.equal(shown.muted['礼乐街道'], true);

      const menu = (name) => fig.locator('.chart-menu').getByRole('button', { name, exact: true });
      const svg = (await downloadOf(page, menu('Download SVG'))).bytes.toString('utf8');
      const words = wordsOf(svg);
      for (const w of [
        headline,
        'Automotive electronics firms & their subdistricts',
        'First note.',
        'Second note.',
        'Source: Jiangmen Daily, 7 July 2023; modelled firm rows',
        'Modelled data: ',
        'Filters: Segment: Automotive electronics',
        'Exported: ',
      ])
        assert.ok(words.includes(w), `the SVG says "${w}": ${words}`);
      assert.ok(!svg.includes('<img'), 'the SVG holds the headline as text only');

      const csv = (await downloadOf(page, menu('Download CSV'))).bytes.toString('utf8');
      assert.ok(csv.includes(headline) && csv.includes('Source: Jiangmen Daily') && csv.includes('Modelled data'), csv.slice(0, 400));

      const png = await readPng(context, (await downloadOf(page, menu('Download PNG'))).bytes);
      assert.equal(png.qr, src, 'the PNG’s QR code opens the chart with the reporter’s words');
      assert.ok(
        png.qrTop > png.height * 0.55 && png.qrLeft > png.width * 0.5,
        `the code is at the foot, on the right: ${JSON.stringify(png)}`,
      );
      const square = await readPng(context, (await downloadOf(page, menu('Square PNG'))).bytes);
      assert.equal(square.width, square.height);
      assert.equal(square.qr, src, 'the square PNG carries the same code');

      // A posted 1e7 is clamped to 5,000 px by the snippet's script.
      const embedFrame = page.frames().find((f) => f.url().includes('/embed/firms-by-area'));
      await embedFrame.evaluate(() =>
        window.parent.postMessage({ type: 'jianghai-embed:height', chartId: 'firms-by-area', height: 1e7 }, '*'),
      );
      await page.waitForFunction(() => window.__posted.some((m) => m.height === 1e7));
      assert.equal(await page.evaluate(() => document.querySelector('iframe[data-jianghai-embed]').getBoundingClientRect().height), 5000);

      // The code's link, opened as a phone would: that chart, with that headline.
      const reader = await context.newPage();
      await reader.goto(png.qr);
      await chartsReady(reader, ['firms-by-area']);
      assert.equal(await figure(reader, 'firms-by-area').locator('.chart-title').textContent(), headline);
      assert.equal(alerted, false, 'no script of the headline ran');
    });
  },
);

test(
  'the QR encoder is fetched only when an image is made; the option turns the code off in SVG and PNG for the session; the dashboard PNG opens the chart in its state',
  { timeout: TIMEOUT },
  () =>
    withPage({}, async ({ page, context, open, server, logSince }) => {
      const qrChunk = () => logSince().filter((e) => /\/assets\/qrcode[^/]*\.js$/.test(e.path)).length;
      await open('#/?lang=en');
      await chartsReady(page);
      assert.equal(qrChunk(), 0, 'no QR code chunk on first load');
      const menu = (name) =>
        figure(page, 'schools')
          .locator('.chart-menu')
          .getByRole(name === 'QR code on images' ? 'checkbox' : 'button', { name, exact: true });
      const png = await readPng(context, (await downloadOf(page, menu('Download PNG'))).bytes);
      assert.equal(qrChunk(), 1, 'the encoder was fetched for the image');
      assert.equal(png.qr, `${server.url}embed.html#/embed/schools?v=3&lang=en`);

      const svgOf = async () => (await downloadOf(page, menu('Download SVG'))).bytes.toString('utf8');
      assert.equal((await svgOf()).match(/class="qr"/g)?.length, 1, 'the SVG carries the code too');
      await menu('QR code on images').uncheck();
      assert.equal(
        await figure(page, 'firms-by-area').getByRole('checkbox', { name: 'QR code on images' }).isChecked(),
        false,
        'one setting for every chart',
      );
      assert.ok(!(await svgOf()).includes('class="qr"'), 'no code in the SVG with the option off');
      const plain = await readPng(context, (await downloadOf(page, menu('Download PNG'))).bytes);
      assert.equal(plain.qr, null, 'no code with the option off');
      assert.ok(plain.height < png.height, `the foot is shorter without the code (${plain.height} < ${png.height})`);
      await page.reload();
      await chartsReady(page);
      assert.equal(await menu('QR code on images').isChecked(), false, 'remembered for the session');
    }),
);

test(
  'a long image of three charts is one PNG 1,080 px wide with each chart drawn at phone width, its title, source and marks, and one QR code to the page',
  { timeout: TIMEOUT * 2 },
  () =>
    withPage({}, async ({ page, context, open, server }) => {
      await open(`#/?lang=en&segment=${AUTOMOTIVE}`);
      await chartsReady(page);
      const button = page.getByRole('button', { name: 'Long image for WeChat' });
      await button.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      assert.deepEqual(await axeViolations(page, 'dialog.long-image-dialog'), [], 'the long image dialog passes axe');
      const boxes = dialog.getByRole('group', { name: 'Charts' }).getByRole('checkbox');
      const picks = ['Firms by subdistrict', 'Founding year of firms', 'Two new primary schools: seats, classes and area'];
      for (const box of await boxes.all()) {
        const name = (await box.evaluate((b) => b.parentElement.textContent)).trim();
        if (picks.includes(name)) await box.check();
        else await box.uncheck();
      }

      const svg = (await downloadOf(page, dialog.getByRole('button', { name: 'Download SVG', exact: true }))).bytes.toString('utf8');
      const [w, h] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg).slice(1).map(Number);
      assert.equal(w, 390, 'laid out at a phone width');
      const words = wordsOf(svg);
      let at = 0;
      for (const word of [
        'Jianghai electronic-information cluster',
        'Filters: Segment: Automotive electronics',
        'Firms by subdistrict',
        'Source: Jiangmen Daily, 7 July 2023; modelled firm rows',
        'Modelled data: ',
        'Founding year of firms',
        'Source: Jiangmen Daily, 7 July 2023; modelled firm rows',
        'Modelled data: ',
        'Two new primary schools: seats, classes and area',
        'Source: Jiangmen Daily, 7 July 2023',
        'Scan to open the live page',
      ]) {
        const i = words.indexOf(word, at);
        assert.ok(i >= at, `"${word}" follows in the long image: ${words}`);
        at = i + word.length;
      }
      // Each chart is the app's own drawing at the phone width (358 px between the margins), not a desktop one.
      const charts = [...svg.matchAll(/<g transform="translate\(16,([\d.]+)\)"><svg[^>]* width="([\d.]+)" height="([\d.]+)"/g)].map((m) =>
        m.slice(1).map(Number),
      );
      assert.equal(charts.length, 3, 'three charts');
      for (const [, cw] of charts) assert.equal(cw, 358);
      assert.equal(svg.match(/class="qr"/g)?.length, 1, 'one code');

      const scale = 1080 / 390;
      const bytes = (await downloadOf(page, dialog.getByRole('button', { name: 'Download long image (PNG)', exact: true }))).bytes;
      const bands = charts.map(([y, , ch]) => [Math.round(y * scale), Math.round((y + ch) * scale)]);
      const img = await readPng(context, bytes, {
        crop: { x: 0, y: Math.round((h - 260) * scale), w: 1080, h: Math.round(260 * scale) },
        bands,
      });
      assert.equal(img.width, 1080, 'one PNG 1,080 px wide');
      assert.ok(Math.abs(img.height - h * scale) <= 1, `its height is the composed image's (${img.height} for ${h} CSS px)`);
      for (const [i, ink] of img.ink.entries())
        assert.ok(ink > 0.01, `chart ${i + 1} is drawn in its band (${(ink * 100).toFixed(1)}% coloured)`);
      const link = `${server.url}#/?v=3&lang=en&segment=${AUTOMOTIVE}`;
      assert.equal(img.qr, link, 'the code opens the page with its filters');
      assert.match(await dialog.getByRole('status').textContent(), /Long image saved/);

      const reader = await context.newPage();
      await reader.goto(img.qr);
      await chartsReady(reader);
      assert.match(await reader.locator('.selection-bar .chip').first().textContent(), /Segment: Automotive electronics/);
    }),
);

test('in Chinese the dialogs speak Chinese, and a reporter’s Chinese headline and highlight show in the embed', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, context, open }) => {
    await open('#/?lang=zh');
    await chartsReady(page);
    await page.getByRole('button', { name: '生成长图' }).click();
    const long = page.getByRole('dialog');
    await long.getByRole('button', { name: '下载长图（PNG）' }).waitFor();
    assert.equal(await long.getByRole('checkbox', { name: '附本页二维码' }).isChecked(), true);
    await long.getByRole('button', { name: '关闭' }).click();
    await long.waitFor({ state: 'detached' });
    await figure(page, 'schools').getByRole('button', { name: '嵌入', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('标题', { exact: true }).fill('两所小学');
    assert.match(await dialog.locator('#reporter-title-limit').textContent(), /4 \/ 80 字以内/);
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();

    const embed = await context.newPage();
    await embed.goto(
      `${page.url().split('#')[0]}#/embed/firms-by-segment?v=3&lang=zh&title=${encodeURIComponent('汽车电子企业数量居首')}&hl=${AUTOMOTIVE}`,
    );
    await chartsReady(embed, ['firms-by-segment']);
    const fig = figure(embed, 'firms-by-segment');
    assert.equal(await fig.locator('.chart-title').textContent(), '汽车电子企业数量居首');
    assert.match(await fig.locator('.source-line').textContent(), /模拟数据.*来源/);
    assert.equal(await fig.getByRole('checkbox', { name: '图片附二维码' }).count(), 1);
    const muted = await fig.locator('rect.mark').evaluateAll((rs) => rs.map((r) => [r.dataset.row, r.classList.contains('muted')]));
    assert.ok(muted.length > 3);
    for (const [row, isMuted] of muted) assert.equal(isMuted, row !== '汽车电子', `${row} is ${isMuted ? 'muted' : 'in colour'}`);
  }),
);

test('an image of the concentration view carries the top-10 share, HHI and Gini shown beside its curve', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, open }) => {
    await open('#/?lang=en');
    await chartsReady(page);
    const fig = figure(page, 'concentration');
    const shown = await fig
      .locator('dl.stats > div')
      .evaluateAll((ds) => ds.map((d) => `${d.querySelector('dt').textContent.trim()}: ${d.querySelector('dd').textContent.trim()}`));
    assert.equal(shown.length, 3);
    const svg = (await downloadOf(page, fig.getByRole('button', { name: 'Download SVG', exact: true }))).bytes.toString('utf8');
    const words = wordsOf(svg);
    for (const s of shown) assert.ok(words.includes(s), `the image says "${s}": ${words}`);
  }),
);
