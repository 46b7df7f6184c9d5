import { mount } from 'svelte';
import App from './App.svelte';
import { engine } from './lib/engine';
import { bundledManifestUrl, registerDataset } from './lib/data/catalog';
import { CHARTS, chartById } from './views/charts/specs';
import { selectAll } from './lib/sql';
import { LINKED } from './views/explore/linked';
import { Crossfilter } from './lib/state/crossfilter';
import { FIRM_DIMS } from './lib/state/selection';
import { parseHash } from './lib/state/url';
import './app.css';

// Start the worker and the data registration now, in parallel with the first paint: the KPI tiles
// render from the build-time snapshot and never wait for the engine.
// `data=<manifest url>` points the app at another dataset folder (e.g. province-scale Parquet on an
// object store), read with range requests like the bundled one.
// `dv=<data version>` (frozen embeds) reads the copy of the data the build keeps under data/v/<dv>/.
const route = parseHash(location.hash);
const manifestUrl = route.data
  ? new URL(route.data, document.baseURI).href
  : route.dv
    ? new URL(`data/v/${route.dv}/manifest.json`, document.baseURI).href
    : bundledManifestUrl();

// An embed of a chart on a small table draws from small.json and never needs the engine: the page
// then loads a few kilobytes of data instead of the 3 MiB (brotli) wasm module.
const snapshot = route.view === 'embed' && !route.data && chartById(route.chartId) ? manifestUrl : null;

// Otherwise the worker starts before anything else: the manifest fetch and the first paint run alongside it.
if (!snapshot) engine.start().catch(() => undefined);
const dataReady = snapshot ? Promise.resolve() : registerDataset(engine, manifestUrl);
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
    };
  }
}
window.__jianghai = {
  query: async (sql) => (await engine.query(sql)).numRows,
  chartSql: (() => {
    const cf = new Crossfilter(engine, FIRM_DIMS);
    return Object.fromEntries([...LINKED.map((d) => [d.id, cf.viewSql(d.dim, {})]), ...CHARTS.map((c) => [c.id, selectAll(c.table, c.order.column, c.order.desc)])]);
  })(),
  ready: dataReady,
};

mount(App, { target: document.getElementById('app')!, props: { dataReady, snapshot } });
