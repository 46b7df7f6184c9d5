/**
 * The manifest of a `data=` dataset on this site, asked for by src/pick.ts before the first paint. A
 * scale dataset's charts paint from its manifest (`firstPaint`), and the app would only ask for it once
 * its modules have arrived and run, a few hundred milliseconds into a cold load.
 */
interface Prefetch {
  url: string;
  response: Promise<Response>;
}

declare global {
  interface Window {
    __jianghaiManifest?: Prefetch;
  }
}

/** Starts fetching the manifest `data` names when it is on this page's origin (another site's waits for the app's check). */
export function prefetchManifest(data: string | null, base: string, origin: string): void {
  if (!data) return;
  let url: URL;
  try {
    url = new URL(data, base);
  } catch {
    return; // the app says what is wrong with the link
  }
  if (url.origin !== origin) return;
  const response = fetch(url.href);
  response.catch(() => undefined); // the app reports a failure when it takes the response
  window.__jianghaiManifest = { url: url.href, response };
}

/** A fetch that takes the prefetched response for its URL, once; any other request goes to the network. */
export const fetchPrefetched: typeof fetch = (input, init) => {
  const p = window.__jianghaiManifest;
  if (p && String(input) === p.url && !init) {
    window.__jianghaiManifest = undefined;
    return p.response;
  }
  return fetch(input, init);
};
