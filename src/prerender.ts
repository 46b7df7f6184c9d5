/**
 * The prerendered pages: the app rendered on the server side of Svelte (`render` from svelte/server)
 * at build time, from the same components, chart definitions and first-paint answers the page then
 * hydrates with (scripts/first-paint.ts runs this module; main.ts hydrates what it wrote).
 */
import { render } from 'svelte/server';
import App from './App.svelte';
import * as EmbedView from './views/Embed.svelte';
import { applyFirstPaint, drawsWithoutEngine, type FirstPaint } from './lib/charts/first-paint';
import { engine } from './lib/engine';
import { parseHash } from './lib/state/url';

/** The markup of the page for `hash` (a canonical hash of lib/state/prerender.ts), drawn from `fp`. */
export function prerender(fp: FirstPaint, hash: string): string {
  applyFirstPaint(fp, engine);
  const route = parseHash(hash);
  const { body } = render(App, {
    props: {
      hash,
      // The data is never ready on the server: the page renders as it is before the engine answers.
      dataReady: new Promise<never>(() => undefined),
      engineFree: drawsWithoutEngine(route, true),
      smallJson: null,
      preloaded: { embed: EmbedView },
    },
  });
  return body;
}
