import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import { engine } from './lib/engine';
import { bundledManifestUrl, describeDataset, recoverFiles, registerDataset } from './lib/data/catalog';
import { checkDataUrl, pagePolicy } from './lib/data/origins';
import { CHARTS, chartById, chartQuery } from './lib/charts/registry';
import { drawsWithoutEngine, useFirstPaint } from './lib/charts/first-paint';
import { firstAnswer } from './lib/data/answers';
import { parseHash } from './lib/state/url';
import { DATA_VERSION_META, PRERENDER_ATTR, prerenderedHash } from './lib/state/prerender';
import { startServiceWorker } from './lib/offline/service-worker.svelte';
import { hasSavedTables } from './lib/data/persist/flag';
import './app.css';

// Start the worker and the data registration now, in parallel with the first paint: the KPI tiles
// and every unfiltered chart draw from answers the build wrote into the page (lib/charts/first-paint).
// `data=<manifest url>` points the app at another dataset folder (e.g. province-scale Parquet on an
// object store), read with range requests like the bundled one.
// `dv=<data version>` (frozen embeds) reads the copy of the data the build keeps under data/v/<dv>/.
// A site this deployment does not accept data from is refused: the page shows its own data and says so.
const route = parseHash(location.hash);
const asked = route.data ? new URL(route.data, document.baseURI).href : null;
const check = asked ? checkDataUrl(asked, location.origin, pagePolicy()) : null;
const refused = asked && !check?.accepted ? asked : null;
const manifestUrl =
  asked && !refused ? asked : route.dv ? new URL(`data/v/${route.dv}/manifest.json`, document.baseURI).href : bundledManifestUrl();

const ownData = !asked || !!refused;
useFirstPaint(document, !ownData ? null : route.dv ? { dataVersion: route.dv } : 'bundled', engine);

// An embed of a chart on a small table never needs the engine: it draws from the page's own answers,
// or (frozen to an older data version) from that version's small.json, a few kilobytes instead of
// the 3 MiB (brotli) wasm module.
const engineFree = drawsWithoutEngine(route, ownData);
const def = chartById(route.chartId);
const smallJson = engineFree && def && !firstAnswer(chartQuery(def)) ? manifestUrl : null;

// Otherwise the worker starts before anything else: the manifest fetch and the first paint run alongside it.
if (!engineFree) engine.start().catch(() => undefined);
recoverFiles(engine);
const dataReady = engineFree ? describeDataset(manifestUrl) : registerDataset(engine, manifestUrl);
dataReady.catch(() => undefined);

// A small read-only handle for the benchmark and the SQL console's tests: run a query, see chart SQL.
declare global {
  interface Window {
    __jianghai?: {
      query(sql: string): Promise<number>;
      chartSql: Record<string, string>;
      ready: Promise<unknown>;
      /** Resolves when the explore view has no query in flight (set by the explore view). */
      idle?: () => Promise<void>;
      /** How the app took over the page: hydrating the prerendered page, or mounting afresh (set once done). */
      app?: 'hydrated' | 'mounted';
      /** Makes a picked file readable by SQL as `name`: the import benchmark's baseline, DuckDB's own read_csv. */
      registerFile(name: string, file: Blob): Promise<void>;
    };
  }
}
window.__jianghai = {
  query: async (sql) => (await engine.query(sql)).numRows,
  chartSql: Object.fromEntries(CHARTS.map((c) => [c.id, chartQuery(c)])),
  ready: dataReady,
  registerFile: async (name, file) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await engine.exclusive((conn) => conn.registerBuffer(name, bytes));
  },
};

const foreign = asked && !refused ? (check?.foreign ?? null) : null;
const target = document.getElementById('app')!;
// The build prerendered this state (src/pick.ts put it in #app before the first paint): hydrate it,
// from the same answers, so the charts on screen stay as they are. Otherwise mount afresh.
const version = document.querySelector<HTMLMetaElement>(`meta[name="${DATA_VERSION_META}"]`)?.content ?? null;
const shows = ownData ? prerenderedHash(route, version, matchMedia('(prefers-color-scheme: dark)').matches) : null;
const prerendered = shows !== null && target.getAttribute(PRERENDER_ATTR) === shows;
// An embed's view is a chunk of its own: loaded before the app renders, it draws at once (hydrating
// the prerendered page, or in place of a 'Loading…' line that the chart would then push down).
// A chunk that fails to arrive (offline, a deployment replaced mid-load) must not stop the app: the
// view then loads through LazyChunk, which says so and offers Retry.
const embedView = route.view === 'embed' ? await import('./views/Embed.svelte').catch(() => null) : null;
const preloaded = embedView ? { embed: embedView } : {};
// Hydrating holds the main thread for a while (the page is on screen already, from its HTML): let the
// engine's worker start and its module arrive first (its chunk was requested above), or the worker
// would only start once hydration is over. Never more than half a second: a slow network must not
// keep the page from answering input. A page not prerendered shows nothing until it mounts: no wait.
if (prerendered && !engineFree) await Promise.race([engine.spawned, new Promise((ok) => setTimeout(ok, 500))]);
const props = { dataReady, engineFree, smallJson, foreign, refused, preloaded };
if (prerendered) hydrate(App, { target, props });
else {
  target.replaceChildren();
  target.removeAttribute(PRERENDER_ATTR);
  mount(App, { target, props });
}
window.__jianghai.app = prerendered ? 'hydrated' : 'mounted';

// Tables the user saved on this device come back after the bundled data, off the first paint's path
// (their module is a chunk of its own, loaded only when something is saved; the workbench starts it
// otherwise); never in an embed, nor over another dataset or data version.
if (ownData && !route.dv && route.view !== 'embed' && hasSavedTables()) {
  dataReady
    .then(() => import('./lib/data/persist/device'))
    .then((m) => m.startDevice(engine))
    .catch(() => undefined);
}

// Offline support installs after the data is in (or has failed): it never competes with the first load.
dataReady.finally(() => startServiceWorker({ install: route.view !== 'embed' })).catch(() => undefined);
