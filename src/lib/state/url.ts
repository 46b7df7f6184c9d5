import type { Lang } from '../format/number';

export const URL_VERSION = 1;
export const VIEWS = ['explore', 'embed', 'data', 'sql', 'about'] as const;
export type View = (typeof VIEWS)[number];

/** Everything the hash can say. Unknown or malformed keys never reach this type. */
export interface AppState {
  view: View;
  chartId: string | null;
  lang: Lang;
}

export const DEFAULT_STATE: AppState = { view: 'explore', chartId: null, lang: 'zh' };

const CHART_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_HASH = 8192;

/**
 * Reads `#/<view>[/<chartId>]?key=value&...`. Never throws: anything it does not understand
 * falls back to the default for that part, so an old or mangled link still opens the dashboard.
 */
export function parseHash(hash: string): AppState {
  const state: AppState = { ...DEFAULT_STATE };
  const raw = hash.slice(0, MAX_HASH).replace(/^#/, '');
  const [path, query = ''] = splitOnce(raw, '?');
  const parts = path.split('/').filter(Boolean);
  const view = parts[0] ?? 'explore';
  if ((VIEWS as readonly string[]).includes(view)) state.view = view as View;
  if (parts[1] && parts[1].length <= 64 && CHART_ID.test(parts[1])) state.chartId = parts[1];
  const params = new URLSearchParams(query);
  const lang = params.get('lang');
  if (lang === 'zh' || lang === 'en') state.lang = lang;
  return state;
}

/** Writes the state as a hash; defaults are left out so links stay short. */
export function formatHash(state: AppState): string {
  const path = state.view === 'explore' ? '/' : `/${state.view}${state.chartId ? `/${state.chartId}` : ''}`;
  const params = new URLSearchParams();
  if (state.lang !== DEFAULT_STATE.lang) params.set('lang', state.lang);
  const q = params.toString();
  return `#${path}${q ? `?v=${URL_VERSION}&${q}` : ''}`;
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}
