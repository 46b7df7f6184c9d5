// KPI tiles paint from the build-time snapshot of published figures, so they must be right before
// the engine exists; the progressbar tells the reader the engine is on its way, then goes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMEOUT, withPage } from './harness.mjs';
import { KPIS } from './expected.mjs';
import { chartsReady, holdRequests } from './page.mjs';

const readTiles = (page) =>
  page.$$eval('li.kpi', (tiles) =>
    tiles.map((li) => ({
      id: li.dataset.fact,
      qualifier: li.querySelector('.kpi-qualifier')?.textContent.trim() ?? '',
      number: li.querySelector('.kpi-number')?.textContent.trim() ?? null,
      unit: li.querySelector('.kpi-unit')?.textContent.trim() ?? null,
      phrase: li.querySelector('.kpi-value')?.getAttribute('aria-label') ?? null,
    })),
  );

function assertTiles(tiles, lang) {
  const byId = new Map(tiles.map((t) => [t.id, t]));
  for (const [id, qualifier, number, unit, phrase] of KPIS[lang]) {
    assert.deepEqual(byId.get(id), { id, qualifier, number, unit, phrase }, `tile ${id} (${lang})`);
  }
}

for (const [lang, hash] of [
  ['zh', '#/'],
  ['en', '#/?v=1&lang=en'],
]) {
  test(
    `KPI tiles show the published figures in ${lang === 'zh' ? 'Chinese' : 'English'} before the engine is ready`,
    { timeout: TIMEOUT },
    () =>
      withPage({}, async ({ page, context, open }) => {
        // Holding the wasm module keeps the engine from starting; the tiles must not care.
        const wasm = await holdRequests(context, '**/*.wasm');
        await open(hash);
        await page.locator('li.kpi').first().waitFor();
        assert.equal(await page.getByRole('progressbar').count(), 1, 'the engine should still be loading');
        assertTiles(await readTiles(page), lang);
        // Each tile's source link names the article, in words derived from the facts table's origin.
        const sources = await page.$$eval('li.kpi .kpi-source a', (as) => as.map((a) => a.textContent.trim()));
        assert.equal(sources.length, await page.locator('li.kpi').count());
        assert.ok(sources.length >= KPIS[lang].length);
        assert.deepEqual(new Set(sources), new Set([lang === 'zh' ? '《江门日报》2023年7月7日' : 'Jiangmen Daily, 7 July 2023']));
        wasm.release();
        await chartsReady(page);
        assertTiles(await readTiles(page), lang);
      }),
  );
}

test('the progressbar shows while the engine loads and goes away once the data is registered', { timeout: TIMEOUT }, () =>
  withPage({}, async ({ page, context, open }) => {
    const wasm = await holdRequests(context, '**/*.wasm');
    await open('#/');
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    await wasm.seen;
    assert.ok(await bar.getAttribute('aria-label'), 'the progressbar needs an accessible name');
    assert.equal(await bar.getAttribute('aria-valuemin'), '0');
    assert.equal(await bar.getAttribute('aria-valuemax'), '100');
    wasm.release();
    await bar.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('alert').count(), 0);
    await chartsReady(page);
  }),
);

// A host that did not upload the 17 MiB wasm module answers 404.
test('an engine that cannot load shows an alert and keeps the published figures', { timeout: TIMEOUT }, () =>
  withPage({ allowErrors: true }, async ({ page, context, open }) => {
    await context.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await open('#/?lang=en');
    const alert = page.getByRole('alert').first();
    // A healthy engine starts or fails within two seconds here.
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.textContent(), /\S/);
    assert.equal(await page.getByRole('progressbar').count(), 0, 'the progressbar should give way to the alert');
    assertTiles(await readTiles(page), 'en');
  }),
);
