/**
 * The one script that runs before the first paint: a classic (blocking) script that the build places
 * after the prerendered pages in index.html and embed.html, so the page shows the state its hash asks
 * for, or nothing until the app mounts; never another state (see lib/state/prerender.ts).
 */
import { pickPrerender } from './lib/state/prerender';

pickPrerender(document, location.hash);
