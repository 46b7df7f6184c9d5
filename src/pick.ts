/**
 * The one script that runs before the first paint: a deferred classic script the build places in the
 * head of index.html and embed.html ahead of the app's module, so it is fetched at once and runs as
 * soon as the page is parsed, first. Until it has run #app is empty (every prerendered page is a
 * template), so the page shows the state its hash asks for, or nothing until the app mounts; never
 * another state (see lib/state/prerender.ts). It also asks for a `data=` manifest on this site, which
 * a scale dataset's charts paint from (lib/data/prefetch.ts).
 */
import { prefetchManifest } from './lib/data/prefetch';
import { pickPrerender } from './lib/state/prerender';
import { parseHash } from './lib/state/url';

pickPrerender(document, location.hash);
prefetchManifest(parseHash(location.hash).data, document.baseURI, location.origin);
