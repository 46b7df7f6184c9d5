/// <reference lib="webworker" />
// The service worker: after one visit the app shell, every view's chunk, the engine and the bundled
// data come from this device, so every view, embed and the SQL console work with no network. The
// precache list is written by vite-plugin-pwa at build time with a revision per file, so a new
// deployment installs beside the old one, waits, and is taken when the page asks (its update banner).
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  getCacheKeyForURL,
  matchPrecache,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { createPartialResponse } from 'workbox-range-requests';
import type { RouteMatchCallback } from 'workbox-core';
import { NavigationRoute, registerRoute } from 'workbox-routing';

// vite-plugin-pwa replaces self.__WB_MANIFEST with the build's file list and revisions.
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const precached = (url: URL) => getCacheKeyForURL(url.href) !== undefined;

// DuckDB-WASM opens a Parquet file with a HEAD request carrying `Range: bytes=0-` and expects a 206
// with the file's length, then reads it with ranged GETs; the engine also checks its wasm module with
// a HEAD. Workbox's precache route answers only whole GETs, so these are answered here from the same
// cached copy (registered first, so they win over the precache route).
const partialOrHead: RouteMatchCallback = ({ url, request }) =>
  precached(url) && (request.method === 'HEAD' || request.headers.has('range'));

async function fromPrecache({ request }: { request: Request }): Promise<Response> {
  const cached = await matchPrecache(request.url);
  if (!cached) return fetch(request);
  const answer = request.headers.has('range') ? await createPartialResponse(request, cached) : cached;
  if (request.method !== 'HEAD') return answer;
  // The cached body is decoded: its length is the blob's, whatever Content-Encoding the host used.
  const headers = new Headers(answer.headers);
  headers.delete('content-encoding');
  if (answer.status === 200) headers.set('content-length', String((await answer.blob()).size));
  return new Response(null, { status: answer.status, statusText: answer.statusText, headers });
}

registerRoute(partialOrHead, fromPrecache, 'GET');
registerRoute(partialOrHead, fromPrecache, 'HEAD');

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page of the app is index.html (routes live in the hash); a navigation to a file that exists
// (a Parquet link, say) is left to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\.(?!html?$)[a-z0-9]+$/i] }));

// The first visit's page and its engine worker are taken over as soon as the cache is complete, so
// going offline later in that same visit still finds the other views' chunks. Updates wait for the
// page's word (SKIP_WAITING from workbox-window) so a running page never mixes two deployments.
clientsClaim();
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
