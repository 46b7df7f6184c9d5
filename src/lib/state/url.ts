import type { Lang } from '../format/number';
import { FIRM_DIMS, isActive, type Dim, type Selections } from '../sql';
import { cleanHighlight, cleanNotes, limitedLine, NO_REPORTER, notesLength, REPORTER_LIMITS, type ReporterText } from './reporter';

/** Version written into every link with state; `migrate` upgrades older links, never breaks them. */
export const URL_VERSION = 3;
const VIEWS = ['explore', 'embed', 'data', 'sql', 'about'] as const;
export type View = (typeof VIEWS)[number];

export const TABLE_COLUMNS = ['name', 'segment', 'area', 'scale_class', 'srdi_level', 'output_2022', 'employees', 'founded'] as const;
export type SortColumn = (typeof TABLE_COLUMNS)[number];

/** Everything the hash can say. Unknown or malformed keys never reach this type. */
export interface AppState {
  view: View;
  chartId: string | null;
  lang: Lang;
  /** Selections of the linked firm views, by dimension id. */
  sels: Selections;
  sort: { column: SortColumn; desc: boolean };
  /** Zero-based page of the firm table. */
  page: number;
  /** Pre-aggregated brushing (on by default; off only for benchmarks and comparison). */
  preagg: boolean;
  /** Manifest URL of another dataset folder (http, https or relative), or null for the bundled data. */
  data: string | null;
  /** Data version a frozen embed is pinned to (first 12 hex digits of the manifest checksum). */
  dv: string | null;
  /** Embed flags. */
  static: boolean;
  theme: 'light' | 'dark' | 'auto';
  /** A reporter's headline, subtitle, notes and highlighted categories (shown by embeds and exports). */
  reporter: ReporterText;
}

export const DEFAULT_STATE: AppState = {
  view: 'explore',
  chartId: null,
  lang: 'zh',
  sels: {},
  sort: { column: 'output_2022', desc: true },
  page: 0,
  preagg: true,
  data: null,
  dv: null,
  static: false,
  theme: 'light',
  reporter: NO_REPORTER,
};

/** Keys of the reporter's words, added in v3. */
const REPORTER_KEYS = ['title', 'subtitle', 'notes', 'hl'] as const;

const CHART_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_HASH = 16_384;
const MAX_VALUES = 64;
const MAX_VALUE_LENGTH = 200;
const MAX_PAGE = 1_000_000;

type Params = Map<string, string>;

/**
 * Upgrades the parameters of an older link in place. v1 links (the first dashboard) carried only
 * `lang`; v2 added the explorer state; v3 the reporter's words. Each step is a function so old
 * bookmarks keep working.
 */
const MIGRATIONS: Record<number, (p: Params) => void> = {
  // v1 -> v2: nothing was renamed; the step exists so the chain is complete and tested.
  1: () => undefined,
  // v2 -> v3: the reporter keys meant nothing before v3, so an older link that happens to carry one
  // (hand-edited, or appended by some other tool) opens as it always did, without a new headline.
  2: (p) => REPORTER_KEYS.forEach((k) => p.delete(k)),
};

export function migrate(params: Params): Params {
  let v = Number(params.get('v') ?? '1');
  if (!Number.isInteger(v) || v < 1) v = 1;
  for (; v < URL_VERSION; v++) MIGRATIONS[v]?.(params);
  params.set('v', String(URL_VERSION));
  return params;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function readParams(query: string): Params {
  const params: Params = new Map();
  for (const part of query.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const key = decode(i < 0 ? part : part.slice(0, i));
    // Values of list keys are decoded item by item later, so commas inside values survive.
    if (key !== null && !params.has(key)) params.set(key, i < 0 ? '' : part.slice(i + 1));
  }
  return params;
}

/** Values of a comma list whose items are encoded one by one (selections, highlights). */
const listItems = (raw: string, max: number): string[] =>
  raw
    .split(',')
    .slice(0, max)
    .map(decode)
    .filter((v): v is string => v !== null);

function parseSelection(dim: Dim, raw: string): Selections[string] {
  if (dim.kind === 'points') {
    const values = listItems(raw, MAX_VALUES).filter((v) => v.length > 0 && v.length <= MAX_VALUE_LENGTH && !v.includes('\u0000'));
    const unique = [...new Set(values)];
    return unique.length ? { kind: 'points', values: unique } : undefined;
  }
  const m = /^(-?\d{1,7})\.\.(-?\d{1,7})$/.exec(decode(raw) ?? '');
  if (!m) return undefined;
  const lo = Math.max(dim.min, Math.min(dim.max, Number(m[1])));
  const hi = Math.max(dim.min, Math.min(dim.max, Number(m[2])));
  return hi > lo ? { kind: 'interval', lo, hi } : undefined;
}

/** The reporter's words; a value over its limit, or not decodable, is left out like any malformed key. */
function parseReporter(params: Params): ReporterText {
  const text = (k: string) => {
    const raw = params.get(k);
    return raw === undefined ? null : decode(raw);
  };
  const title = text('title');
  const subtitle = text('subtitle');
  const notesRaw = text('notes');
  const notes = notesRaw === null ? [] : cleanNotes(notesRaw);
  const hl = params.get('hl');
  return {
    title: title === null ? null : limitedLine(title, REPORTER_LIMITS.title),
    subtitle: subtitle === null ? null : limitedLine(subtitle, REPORTER_LIMITS.subtitle),
    notes: notesLength(notes) <= REPORTER_LIMITS.notes ? notes : [],
    highlight: hl === undefined ? [] : cleanHighlight(listItems(hl, REPORTER_LIMITS.highlight * 4)),
  };
}

function parseDataUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  const s = decode(raw);
  if (!s || s.length > 2048) return null;
  try {
    const u = new URL(s, 'https://relative.invalid/');
    return u.protocol === 'https:' || u.protocol === 'http:' ? s : null;
  } catch {
    return null;
  }
}

/**
 * Reads `#/<view>[/<chartId>]?key=value&...`. Never throws: anything it does not understand
 * falls back to the default for that part, so an old or mangled link still opens the dashboard.
 */
export function parseHash(hash: string, dims: Dim[] = FIRM_DIMS): AppState {
  const state: AppState = { ...DEFAULT_STATE, sels: {}, sort: { ...DEFAULT_STATE.sort }, reporter: NO_REPORTER };
  const raw = hash.slice(0, MAX_HASH).replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = migrate(readParams(q < 0 ? '' : raw.slice(q + 1)));
  const parts = path.split('/').filter(Boolean);
  const view = parts[0] ?? 'explore';
  if ((VIEWS as readonly string[]).includes(view)) state.view = view as View;
  if (parts[1] && parts[1].length <= 64 && CHART_ID.test(parts[1])) state.chartId = parts[1];

  const lang = params.get('lang');
  if (lang === 'zh' || lang === 'en') state.lang = lang;
  for (const dim of dims) {
    const v = params.get(dim.id);
    if (v !== undefined) state.sels[dim.id] = parseSelection(dim, v);
    if (!state.sels[dim.id]) delete state.sels[dim.id];
  }
  const sort = /^([a-z_0-9]+)\.(asc|desc)$/.exec(params.get('sort') ?? '');
  if (sort && (TABLE_COLUMNS as readonly string[]).includes(sort[1]))
    state.sort = { column: sort[1] as SortColumn, desc: sort[2] === 'desc' };
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 0) state.page = Math.min(page, MAX_PAGE);
  if (params.get('preagg') === '0') state.preagg = false;
  state.data = parseDataUrl(params.get('data'));
  const dv = params.get('dv');
  if (dv && /^[0-9a-f]{12}$/.test(dv)) state.dv = dv;
  if (params.has('static') && params.get('static') !== '0') state.static = true;
  const theme = params.get('theme');
  if (theme === 'dark' || theme === 'auto' || theme === 'light') state.theme = theme;
  state.reporter = parseReporter(params);
  return state;
}

/** Writes the state as a hash; defaults are left out so links stay short. */
export function formatHash(state: AppState, dims: Dim[] = FIRM_DIMS): string {
  const path = state.view === 'explore' ? '/' : `/${state.view}${state.chartId ? `/${state.chartId}` : ''}`;
  const parts: string[] = [];
  if (state.lang !== DEFAULT_STATE.lang) parts.push(`lang=${state.lang}`);
  for (const dim of dims) {
    const sel = state.sels[dim.id];
    if (!isActive(sel)) continue;
    if (sel!.kind === 'points') parts.push(`${dim.id}=${sel!.values.map(encodeURIComponent).join(',')}`);
    else parts.push(`${dim.id}=${sel!.lo}..${sel!.hi}`);
  }
  const d = DEFAULT_STATE.sort;
  if (state.sort.column !== d.column || state.sort.desc !== d.desc)
    parts.push(`sort=${state.sort.column}.${state.sort.desc ? 'desc' : 'asc'}`);
  if (state.page > 0) parts.push(`page=${state.page}`);
  if (!state.preagg) parts.push('preagg=0');
  if (state.data) parts.push(`data=${encodeURIComponent(state.data)}`);
  if (state.dv) parts.push(`dv=${state.dv}`);
  if (state.static) parts.push('static=1');
  if (state.theme !== DEFAULT_STATE.theme) parts.push(`theme=${state.theme}`);
  const r = state.reporter;
  if (r.title) parts.push(`title=${encodeURIComponent(r.title)}`);
  if (r.subtitle) parts.push(`subtitle=${encodeURIComponent(r.subtitle)}`);
  if (r.notes.length) parts.push(`notes=${encodeURIComponent(r.notes.join('\n'))}`);
  if (r.highlight.length) parts.push(`hl=${r.highlight.map(encodeURIComponent).join(',')}`);
  return `#${path}${parts.length ? `?v=${URL_VERSION}&${parts.join('&')}` : ''}`;
}
