/**
 * The provenance catalog: for every table and view in the engine, where its rows come from. Bundled
 * and `data=` tables are entered when registered, imports when loaded, the mapped firm table when
 * mapped, and the SQL console enters what its statements create. Views resolve through what they
 * read, so a view keeps following its tables. Framework-free observable, like the engine.
 */
import { effect, mentions, sources } from '../sql/names';
import { unionOrigins, viewProvenance, type Origin, type ViewProvenance } from './provenance';

/** A table holds rows of `origins`; a view also shows whatever the tables it `reads` hold now. */
interface Entry {
  origins: Origin[];
  reads: string[];
}

const entries = new Map<string, Entry>();
/** Registered file names and URLs (what a table function may read) -> the table they hold. */
const files = new Map<string, string>();
const listeners = new Set<() => void>();
let version = 0;

const key = (name: string) => name.toLowerCase();
const changed = () => {
  version++;
  for (const fn of listeners) fn();
};

/** Called after every change of the catalog; returns the unsubscribe function. */
export function onRegistry(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Bumped on every change, for views that re-derive their words. */
export const registryVersion = (): number => version;

/** Enters a table holding rows of these origins (an empty list: rows with no origin to name). */
export function setOrigins(name: string, origins: readonly Origin[]): void {
  entries.set(key(name), { origins: unionOrigins(origins), reads: [] });
  changed();
}

/** Enters a view: its rows are those of the tables it reads, whatever they hold later, plus `origins`. */
export function setView(name: string, reads: readonly string[], origins: readonly Origin[] = []): void {
  entries.set(key(name), { origins: unionOrigins(origins), reads: reads.map(key).filter((r) => r !== key(name)) });
  changed();
}

/** Says that file `file` (a registered name or a URL) holds the rows of table `table`. */
export function setFile(file: string, table: string): void {
  files.set(file, key(table));
}

export function forget(name: string): void {
  if (entries.delete(key(name))) changed();
}

/** Origins of the rows of these tables, views resolved (unknown names have none). */
export function originsOf(names: readonly string[]): Origin[] {
  const seen = new Set<string>();
  const out: Origin[][] = [];
  const visit = (n: string) => {
    const k = key(n);
    if (seen.has(k)) return;
    seen.add(k);
    const e = entries.get(k);
    if (!e) return;
    out.push(e.origins);
    e.reads.forEach(visit);
  };
  names.forEach(visit);
  return unionOrigins(...out);
}

export const provenanceOf = (tables: readonly string[]): ViewProvenance => viewProvenance(originsOf(tables));

/** Key of the catalog entry of a file a console statement wrote (`COPY … TO`); no table can be named so. */
const fileEntry = (file: string) => `\u0000file:${file.toLowerCase()}`;

/** Tables a statement may read: every name it mentions that the catalog knows, and known files it reads. */
export function tablesIn(sql: string): string[] {
  const m = mentions(sql);
  const out = new Set(m.names.filter((n) => entries.has(n)));
  for (const s of [...m.strings, ...sources(sql).names]) {
    const t = files.get(s);
    if (t) out.add(t);
  }
  for (const f of sources(sql).files) for (const t of globMatches(f)) out.add(t);
  return [...out];
}

/** Origins of whatever a statement reads, including URLs of other sites it names and what it reads that the catalog cannot follow. */
export function originsOfSql(sql: string, pageOrigin: string): Origin[] {
  return unionOrigins(originsOf(tablesIn(sql)), urlOrigins(sql, pageOrigin), unknownOrigins(sql, pageOrigin));
}

/** Other sites a statement reads from by URL (`read_parquet('https://…')`). */
function urlOrigins(sql: string, pageOrigin: string): Origin[] {
  const foreign: Origin[] = [];
  for (const s of mentions(sql).strings) {
    const host = foreignHost(s, pageOrigin);
    if (host && !files.has(s)) foreign.push({ kind: 'foreign', host, claimed: null });
  }
  return foreign;
}

/** The host of a URL on another site than the page's; null for anything else. */
function foreignHost(s: string, pageOrigin: string): string | null {
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    const u = new URL(s);
    return u.origin === pageOrigin ? null : u.host;
  } catch {
    return null;
  }
}

const GLOB = /[*?[]/;

/** Known files a glob pattern matches (DuckDB's globs: `*` and `?` within a folder, `**` across, `[…]`). */
function globMatches(pattern: string): string[] {
  if (!GLOB.test(pattern)) return [];
  let re: RegExp;
  try {
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*\*/g, '\u0000')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replaceAll('\u0000', '.*')}$`,
    );
  } catch {
    // An unbalanced `[` (a file called "a[.csv"): DuckDB says what it makes of it; the glob is
    // already an unknown source, so no known file is claimed.
    return [];
  }
  return [...new Set([...files].filter(([f]) => re.test(f)).map(([, t]) => t))];
}

/**
 * What a statement reads that the catalog cannot identify: a relation it does not know, a file
 * nobody registered or wrote, a glob (it may match any file), a reader given a computed argument.
 * Each becomes an "origin unknown", so such a result is never shown as if it had no source.
 */
function unknownOrigins(sql: string, pageOrigin: string): Origin[] {
  const src = sources(sql);
  const refs = [
    ...src.names.filter((n) => !entries.has(key(n)) && !files.has(n)),
    ...src.files.filter((f) => GLOB.test(f) || (!files.has(f) && !foreignHost(f, pageOrigin))).map((f) => `'${f}'`),
    ...src.opaque,
  ];
  return refs.map((ref): Origin => ({ kind: 'unknown', ref }));
}

/**
 * Records what a console statement did to the catalog: a created table holds what the statement
 * read; a view, macro or prepared statement reads it again each time; a filled table adds it; a
 * file written with COPY … TO holds what its query read; a drop or rename moves the entry. When
 * the statement is not recognised, every known table it names may have been written.
 */
export function recordStatement(sql: string, pageOrigin: string): void {
  const fx = effect(sql);
  const read = originsOfSql(sql, pageOrigin);
  switch (fx.kind) {
    case 'create':
      if (fx.follows) setView(fx.name, tablesIn(sql), [...urlOrigins(sql, pageOrigin), ...unknownOrigins(sql, pageOrigin)]);
      else setOrigins(fx.name, read);
      return;
    case 'copy-to':
      entries.set(fileEntry(fx.file), { origins: originsOfSql(fx.source, pageOrigin), reads: [] });
      files.set(fx.file, fileEntry(fx.file));
      changed();
      return;
    case 'write':
      setOrigins(fx.name, unionOrigins(originsOf([fx.name]), read));
      return;
    case 'drop':
      forget(fx.name);
      return;
    case 'rename': {
      const e = entries.get(fx.from);
      if (!e) return;
      entries.delete(fx.from);
      entries.set(fx.to, e);
      changed();
      return;
    }
    case 'other':
      for (const t of tablesIn(sql)) {
        const e = entries.get(t)!;
        if (e.reads.length === 0) setOrigins(t, unionOrigins(e.origins, read));
      }
  }
}

/**
 * Tables the engine holds that the catalog does not know (made by a statement it could not read):
 * they get the origins of everything the statement read, so no table escapes unmarked.
 */
export function adoptUnknown(tables: readonly string[], origins: readonly Origin[]): void {
  for (const t of tables) if (!entries.has(key(t))) entries.set(key(t), { origins: unionOrigins(origins), reads: [] });
  changed();
}

/** Why a table cannot be read: its file failed, or the whole dataset's manifest did. */
export type Problem =
  | { kind: 'manifest'; url: string; detail: string }
  | { kind: 'file'; table: string; url: string; status: number | null; detail: string };

/** Problems by table; the manifest's under '' (it concerns every table). */
const problems = new Map<string, Problem>();

export function setProblem(table: string, p: Problem): void {
  problems.set(key(table), p);
  changed();
}

export function clearProblem(table: string): void {
  if (problems.delete(key(table))) changed();
}

/** What stops these tables from being read, the dataset's own problem first. */
export function problemsOf(tables: readonly string[]): Problem[] {
  return ['', ...tables.map(key)].flatMap((t) => problems.get(t) ?? []);
}

/** For tests: the catalog empty again. */
export function resetRegistry(): void {
  entries.clear();
  files.clear();
  problems.clear();
  changed();
}
