/**
 * Which page the build prerendered for a hash. index.html and embed.html carry, as `<template>`s, the
 * server-rendered markup of a few states (the dashboard in each language; each chart's embed in each
 * language), each under the canonical hash of that state. A small script run before the first paint
 * (src/pick.ts) puts the matching one into #app; main.ts then hydrates it, or mounts afresh when there
 * is none (filters, another view, another dataset), so the page never shows a state it was not asked for.
 */
import { DEFAULT_STATE, formatHash, parseHash, type AppState } from './url';

/** Attribute of each `<template>` (and of #app once one is in it): the hash it was rendered for. */
export const PRERENDER_ATTR = 'data-prerender';

/** Name of the `<meta>` that carries the data version the pages were prerendered from. */
export const DATA_VERSION_META = 'jianghai:data-version';

/**
 * The canonical hash of the prerendered page that shows `route` exactly, or null when no prerendered
 * page can: only the unfiltered dashboard and plain embeds of this site's own data are prerendered,
 * live or frozen to the data version they were rendered from (`dataVersion`). An embed's marks are
 * coloured for its theme, and only the light one is prerendered: `theme=auto` is light on a system
 * that is not dark (`systemDark`); a dark embed is drawn by the app.
 */
export function prerenderedHash(route: AppState, dataVersion: string | null, systemDark = false): string | null {
  if (route.view !== 'explore' && route.view !== 'embed') return null;
  if (route.dv !== null && route.dv !== dataVersion) return null;
  if (route.view === 'embed' && (route.theme === 'dark' || (route.theme === 'auto' && systemDark))) return null;
  const plain: AppState = { ...DEFAULT_STATE, view: route.view, chartId: route.chartId, lang: route.lang };
  return formatHash({ ...route, dv: null, theme: DEFAULT_STATE.theme }) === formatHash(plain) ? formatHash(plain) : null;
}

/** The hashes the build prerenders: the dashboard, and the embed of each of `chartIds`, in each language. */
export function prerenderHashes(page: 'index' | 'embed', chartIds: readonly string[]): string[] {
  const langs = ['zh', 'en'] as const;
  const states: AppState[] =
    page === 'index'
      ? langs.map((lang) => ({ ...DEFAULT_STATE, lang }))
      : chartIds.flatMap((chartId) => langs.map((lang) => ({ ...DEFAULT_STATE, view: 'embed' as const, chartId, lang })));
  return states.map((s) => formatHash(s));
}

/**
 * Before the first paint: moves the template prerendered for `hash` into #app (marked with its hash)
 * and drops the others; sets the page's language and an embed's theme, which the app would set only
 * once it runs. Returns the hash whose page is now in #app, or null (the app mounts afresh).
 */
export function pickPrerender(doc: Document, hash: string): string | null {
  const route = parseHash(hash);
  const root = doc.documentElement;
  root.lang = route.lang === 'zh' ? 'zh-CN' : 'en';
  if (route.view === 'embed') root.dataset.theme = route.theme;
  const version = doc.querySelector<HTMLMetaElement>(`meta[name="${DATA_VERSION_META}"]`)?.content ?? null;
  const key = prerenderedHash(route, version, doc.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches ?? false);
  const app = doc.getElementById('app');
  const templates = [...doc.querySelectorAll<HTMLTemplateElement>(`template[${PRERENDER_ATTR}]`)];
  const chosen = templates.find((t) => t.getAttribute(PRERENDER_ATTR) === key);
  if (app && chosen && key) {
    app.replaceChildren(chosen.content);
    app.setAttribute(PRERENDER_ATTR, key);
  }
  for (const t of templates) t.remove();
  return app?.getAttribute(PRERENDER_ATTR) ?? null;
}
