/**
 * Where rows come from, as data: every table the engine holds has one or more origins, and the mark,
 * source line and fact-quoting words of a view are derived from the origins of the tables it reads.
 * Nothing here knows a chart: a chart only says which tables it reads.
 */
import { t } from '../format/i18n';
import type { Lang } from '../format/number';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A publication rows were taken from (published) or calibrated to (modelled). */
export interface SourceRef {
  publisher: Bilingual;
  title: Bilingual;
  /** ISO date of the publication. */
  date: string;
  url: string | null;
  file?: string;
}

/** One origin of a table's rows. */
export type Origin =
  | {
      kind: 'published';
      source: SourceRef;
      /** Ids of published figures the rows reproduce exactly (words quoting them may appear on them). */
      facts: string[];
    }
  | { kind: 'modelled'; source: SourceRef | null; facts: string[]; /** What the modelled rows are: "firm rows". */ rows: Bilingual | null }
  | { kind: 'user'; /** The file the user imported (it never leaves the browser). */ file: string }
  | {
      kind: 'unknown';
      /** What was read that the page cannot follow, as the statement wrote it: a glob, a file or table it does not know. */
      ref: string;
    }
  | {
      kind: 'foreign';
      /** Host the rows were loaded from (another origin than this site's). */
      host: string;
      /** What that host's manifest says about them, unverified; never trusted for fact-quoting words. */
      claimed: Exclude<Origin, { kind: 'foreign' }> | null;
    };

/** Key of the Parquet key-value entry that carries a table's origins in files this app writes. */
export const PARQUET_KEY = 'jianghai:provenance';

const sameOrigin = (a: Origin, b: Origin): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Union of origin lists, without repeats, in first-seen order. */
export function unionOrigins(...lists: readonly (readonly Origin[])[]): Origin[] {
  const out: Origin[] = [];
  for (const list of lists) for (const o of list) if (!out.some((x) => sameOrigin(x, o))) out.push(o);
  return out;
}

const isBilingual = (v: unknown): v is Bilingual =>
  !!v && typeof (v as Bilingual).zh === 'string' && typeof (v as Bilingual).en === 'string';

function parseSource(v: unknown): SourceRef | null {
  const s = v as Partial<SourceRef> | null;
  if (!s || !isBilingual(s.publisher) || !isBilingual(s.title) || typeof s.date !== 'string') return null;
  const url = typeof s.url === 'string' && /^https?:\/\//.test(s.url) ? s.url : null;
  return { publisher: s.publisher, title: s.title, date: s.date, url, ...(typeof s.file === 'string' ? { file: s.file } : {}) };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Reads one origin from untrusted JSON (a manifest, a Parquet file's metadata); null when it is not
 * one. Unknown fields are dropped, so a crafted file cannot smuggle words into the page.
 */
export function parseOrigin(v: unknown): Origin | null {
  const o = v as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return null;
  switch (o.kind) {
    case 'published': {
      const source = parseSource(o.source);
      return source ? { kind: 'published', source, facts: strings(o.facts) } : null;
    }
    case 'modelled':
      return { kind: 'modelled', source: parseSource(o.source), facts: strings(o.facts), rows: isBilingual(o.rows) ? o.rows : null };
    case 'user':
      return typeof o.file === 'string' ? { kind: 'user', file: o.file } : null;
    case 'unknown':
      return typeof o.ref === 'string' ? { kind: 'unknown', ref: o.ref } : null;
    case 'foreign': {
      if (typeof o.host !== 'string' || !o.host) return null;
      const claimed = parseOrigin(o.claimed);
      return { kind: 'foreign', host: o.host, claimed: claimed && claimed.kind !== 'foreign' ? claimed : null };
    }
    default:
      return null;
  }
}

/** Origins from a JSON value holding one origin or a list of them (the Parquet metadata form). */
export function parseOrigins(v: unknown): Origin[] {
  const list = Array.isArray(v) ? v : [v];
  return unionOrigins(list.map(parseOrigin).filter((o): o is Origin => o !== null));
}

/**
 * The same origins as seen from this page when they were loaded from `host`: every claim becomes
 * the host's claim, and no fact-quoting words survive (the host may have changed any number).
 */
export function asForeign(origins: readonly Origin[], host: string): Origin[] {
  if (origins.length === 0) return [{ kind: 'foreign', host, claimed: null }];
  return unionOrigins(
    origins.map((o): Origin => {
      if (o.kind === 'foreign') return o;
      const claimed = o.kind === 'published' || o.kind === 'modelled' ? { ...o, facts: [] } : o;
      return { kind: 'foreign', host, claimed };
    }),
  );
}

/** What a view built on some tables shows about where its numbers come from. */
export interface ViewProvenance {
  origins: Origin[];
  /** True when any rows are modelled (also when another site says so of its rows). */
  modelled: boolean;
  /** Hosts of other origins the rows were loaded from. */
  foreign: string[];
  /** True when some rows are the user's own import. */
  user: boolean;
  /** What the rows read that the page cannot follow (globs, files and tables it does not know). */
  unknown: string[];
}

export function viewProvenance(origins: readonly Origin[]): ViewProvenance {
  const own = origins.map((o) => (o.kind === 'foreign' ? o.claimed : o));
  return {
    origins: [...origins],
    modelled: own.some((o) => o?.kind === 'modelled'),
    foreign: [...new Set(origins.flatMap((o) => (o.kind === 'foreign' ? [o.host] : [])))],
    user: own.some((o) => o?.kind === 'user'),
    unknown: [...new Set(own.flatMap((o) => (o?.kind === 'unknown' ? [o.ref] : [])))],
  };
}

/**
 * True when words quoting these published figures may appear on the view: every origin is this
 * site's own published or modelled data reproducing all of them (a user's rows or another site's
 * rows are not described by the article's totals).
 */
export function quotesHold(vp: ViewProvenance, facts: readonly string[] | undefined): boolean {
  if (!facts || facts.length === 0) return true;
  if (vp.origins.length === 0) return false;
  return vp.origins.every((o) => (o.kind === 'published' || o.kind === 'modelled') && facts.every((f) => o.facts.includes(f)));
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "《江门日报》2023年7月7日" / "Jiangmen Daily, 7 July 2023". */
function citation(s: SourceRef, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.date);
  if (lang === 'zh') {
    const date = m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : s.date;
    return `《${s.publisher.zh}》${date}`;
  }
  const date = m ? `${Number(m[3])} ${EN_MONTHS[Number(m[2]) - 1]} ${m[1]}` : s.date;
  return `${s.publisher.en}, ${date}`;
}

function originPhrase(o: Origin, lang: Lang): string {
  const zh = lang === 'zh';
  switch (o.kind) {
    case 'published':
      return citation(o.source, lang);
    case 'modelled': {
      const rows = o.rows?.[lang] ?? (zh ? '明细' : 'rows');
      const what = zh ? `${rows}为模拟数据` : `modelled ${rows}`;
      return o.source ? `${citation(o.source, lang)}${zh ? '；' : '; '}${what}` : what;
    }
    case 'user':
      return zh ? `您导入的数据：${o.file}` : `Your imported data: ${o.file}`;
    case 'unknown':
      return zh ? `来源不明（${o.ref}）` : `origin unknown (${o.ref})`;
    case 'foreign': {
      const claim = o.claimed ? originPhrase(o.claimed, lang) : null;
      if (zh) return `来自 ${o.host} 的数据（${claim ? `该网站自称来源：${claim}，本站未核实` : '未注明来源'}）`;
      return `Data from ${o.host} (${claim ? `that site names its source as: ${claim}; not checked by this site` : 'no source given'})`;
    }
  }
}

/** The source line of a view: one phrase per origin (what cannot be followed in one); '' when the rows have no origin to name. */
export function sourceLine(vp: ViewProvenance, lang: Lang): string {
  const refs = vp.origins.flatMap((o) => (o.kind === 'unknown' ? [o.ref] : []));
  const known = vp.origins.filter((o) => o.kind !== 'unknown');
  const unknown = refs.length ? [originPhrase({ kind: 'unknown', ref: refs.join(lang === 'zh' ? '、' : ', ') }, lang)] : [];
  const phrases = [...new Set([...known.map((o) => originPhrase(o, lang)), ...unknown])];
  // "Jiangmen Daily; modelled firm rows" already names the article a published table is from.
  const kept = phrases.filter((p) => !phrases.some((q) => q !== p && q.startsWith(p)));
  return kept.join(lang === 'zh' ? '；' : '; ');
}

/** A mark shown beside the source line and baked into every export. */
export interface Mark {
  kind: 'modelled' | 'foreign' | 'unknown';
  label: string;
  /** The mark explained in one sentence. */
  explain: string;
}

export function marks(vp: ViewProvenance, lang: Lang): Mark[] {
  const zh = lang === 'zh';
  const out: Mark[] = [];
  if (vp.modelled) {
    // Only rows calibrated to published figures may say that they reproduce them.
    const calibrated = vp.origins.some((o) => o.kind === 'modelled' && o.facts.length > 0);
    out.push({
      kind: 'modelled',
      label: zh ? '模拟数据' : 'Modelled data',
      explain: calibrated
        ? zh ? '基于按公开总量校准的模拟数据，并非真实企业数据。' : 'Built on modelled rows that reproduce the published totals; not real firm data.'
        : zh ? '基于模拟数据，并非真实数据。' : 'Built on modelled rows; not real data.',
    });
  }
  if (vp.unknown.length) {
    const refs = vp.unknown.join(zh ? '、' : ', ');
    out.push({
      kind: 'unknown',
      label: t(lang, 'Source unknown'),
      explain: zh
        ? `这些数字读取了本页无法追溯来源的数据（${refs}），使用前请核实其来源。`
        : `These numbers read data whose origin this page cannot follow (${refs}); check where it comes from before using them.`,
    });
  }
  for (const host of vp.foreign) {
    out.push({
      kind: 'foreign',
      label: zh ? `外部数据：${host}` : `External data: ${host}`,
      explain: zh ? `这些数字来自另一网站 ${host}，不是本站发布的数据。` : `These numbers come from another site, ${host}; this site did not publish them.`,
    });
  }
  return out;
}

/**
 * Origins of rows a user imports from a file that states some (a CSV or Parquet file this app
 * exported): the claims are kept, so modelled rows stay marked, but they are the file's word, so the
 * user's file is named too and no fact-quoting words are allowed on them.
 */
export function importedOrigins(file: string, claimed: readonly Origin[]): Origin[] {
  const kept = claimed.map((o): Origin => (o.kind === 'published' || o.kind === 'modelled' ? { ...o, facts: [] } : o));
  return unionOrigins([{ kind: 'user', file }], kept);
}

/** Prefix of the line of an exported CSV that carries its origins as JSON, for a later import. */
export const CSV_PROVENANCE_PREFIX = `${PARQUET_KEY}=`;

/**
 * The lines an exported CSV begins with: what it is (title, and a reporter's subtitle and notes),
 * where it comes from, its marks, then the origins as JSON (read back on import). Rows with no
 * origin, or only the user's own, get none.
 */
export function csvPreamble(
  vp: ViewProvenance,
  lang: Lang,
  extra: { title?: string; subtitle?: string; notes?: readonly string[]; filters?: string; date?: string } = {},
): string[] {
  // A user's own rows need no explaining to the user; the file stays a plain table.
  if (vp.origins.every((o) => o.kind === 'user')) return [];
  const colon = lang === 'zh' ? '：' : ': ';
  return [
    extra.title,
    extra.subtitle,
    ...(extra.notes ?? []),
    `${lang === 'zh' ? '来源' : 'Source'}${colon}${sourceLine(vp, lang)}`,
    ...marks(vp, lang).map((m) => `${m.label}${colon}${m.explain}`),
    extra.filters,
    extra.date,
    `${CSV_PROVENANCE_PREFIX}${JSON.stringify(vp.origins)}`,
  ].filter((l): l is string => !!l);
}
