/**
 * What a statement reads and writes, for provenance, from its tokens (outside comments). It
 * over-approximates on purpose: a column or alias that shares a table's name only makes a mark
 * appear where none was needed, while a missed table would hide one. Whatever it cannot follow it
 * reports (`Sources.opaque`), so the caller can say "origin unknown" rather than nothing.
 */

/** One token of a statement; `depth` is the parenthesis depth it sits at (a parenthesis counts outside). */
interface Token {
  kind: 'word' | 'ident' | 'string' | 'number' | 'punct';
  /** As written, quotes undone. */
  text: string;
  /** Lower-cased `text`. */
  low: string;
  start: number;
  end: number;
  depth: number;
}

const WORD = /[A-Za-z_\u0080-\uFFFF][\w$\u0080-\uFFFF]*/y;
const NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/y;

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let depth = 0;
  const n = sql.length;
  // A quoted token ends at its closing quote; a doubled quote inside escapes it.
  const quoted = (q: string): string => {
    let s = '';
    i++;
    while (i < n) {
      if (sql[i] === q) {
        if (sql[i + 1] === q) {
          s += q;
          i += 2;
          continue;
        }
        i++;
        break;
      }
      s += sql[i++];
    }
    return s;
  };
  const push = (kind: Token['kind'], text: string, start: number, d = depth) =>
    out.push({ kind, text, low: text.toLowerCase(), start, end: i, depth: d });
  while (i < n) {
    const c = sql[i];
    const start = i;
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'") push('string', quoted("'"), start);
    else if (c === '"') push('ident', quoted('"'), start);
    else if (/\s/.test(c)) i++;
    else {
      WORD.lastIndex = i;
      NUMBER.lastIndex = i;
      const w = WORD.exec(sql);
      const num = w ? null : NUMBER.exec(sql);
      if (w) {
        i += w[0].length;
        push('word', w[0], start);
      } else if (num) {
        i += num[0].length;
        push('number', num[0], start);
      } else {
        i++;
        if (c === '(') push('punct', c, start, depth++);
        else if (c === ')') push('punct', c, start, (depth = Math.max(0, depth - 1)));
        else push('punct', c, start);
      }
    }
  }
  return out;
}

/** Index of the `)` that closes the `(` at `open`; the last token when it is never closed. */
function closing(tokens: readonly Token[], open: number): number {
  const d = tokens[open].depth;
  for (let k = open + 1; k < tokens.length; k++)
    if (tokens[k].text === ')' && tokens[k].kind === 'punct' && tokens[k].depth === d) return k;
  return tokens.length - 1;
}

const isName = (t: Token | undefined): t is Token => !!t && (t.kind === 'word' || t.kind === 'ident');
const isPunct = (t: Token | undefined, p: string): boolean => !!t && t.kind === 'punct' && t.text === p;
const isWord = (t: Token | undefined, ...w: string[]): boolean => !!t && t.kind === 'word' && w.includes(t.low);

/** The names and string literals a statement mentions. */
export interface Mentions {
  /** Identifiers, lower-cased (DuckDB names are case-insensitive). */
  names: string[];
  /** Contents of string literals. */
  strings: string[];
}

/** Every identifier (bare or double-quoted) and every string literal of a statement, outside comments. */
export function mentions(sql: string): Mentions {
  const tokens = tokenize(sql);
  return {
    names: [...new Set(tokens.filter(isName).map((t) => t.low))],
    strings: [...new Set(tokens.filter((t) => t.kind === 'string').map((t) => t.text))],
  };
}

/** Table functions that read files: their first argument (a string or a list of strings) names them. */
const FILE_READERS = new Set([
  'read_parquet',
  'parquet_scan',
  'parquet_metadata',
  'parquet_schema',
  'parquet_file_metadata',
  'parquet_kv_metadata',
  'read_csv',
  'read_csv_auto',
  'sniff_csv',
  'read_json',
  'read_json_auto',
  'read_json_objects',
  'read_json_objects_auto',
  'read_ndjson',
  'read_ndjson_auto',
  'read_ndjson_objects',
  'read_text',
  'read_blob',
  'glob',
  'iceberg_scan',
  'delta_scan',
  'sqlite_scan',
  'st_read',
]);

/** Table functions whose rows are constants or the engine's own catalog: no data is read. */
const CONSTANT_FUNCTIONS = new Set(['range', 'generate_series', 'unnest', 'repeat', 'test_all_types', 'json_each', 'json_tree']);
const isCatalogName = (schema: string | null, name: string): boolean =>
  schema === 'information_schema' || schema === 'pg_catalog' || /^(duckdb_|pragma_)/.test(name);

/** Functions whose parentheses hold a FROM that is not a table (`extract(year FROM d)`). */
const FROM_IN_ARGS = new Set(['extract', 'trim', 'substring', 'substr', 'overlay', 'position']);

/** Keywords that end a FROM list at its own depth. */
const FROM_END = new Set([
  'where',
  'group',
  'order',
  'limit',
  'offset',
  'having',
  'qualify',
  'window',
  'union',
  'except',
  'intersect',
  'returning',
  'select',
  'set',
  'to',
  'with',
]);

/** What a statement reads. */
export interface Sources {
  /** Relations read by name (FROM, JOIN, EXECUTE, table macros), as written; the statement's own CTEs left out. */
  names: string[];
  /** Files read: a string in FROM position, the first argument of a file-reading function, an ATTACH target. */
  files: string[];
  /** Reads that cannot be named (a file-reading function called with a computed argument), as written. */
  opaque: string[];
}

/**
 * The relations, files and unnameable reads of a statement: what follows FROM and JOIN (and every
 * item of a comma-separated FROM list), SUMMARIZE, PIVOT, EXECUTE and ATTACH; calls of table
 * functions that only produce constants or read the engine's catalog are left out.
 */
export function sources(sql: string): Sources {
  const tokens = tokenize(sql);
  const names: string[] = [];
  const files: string[] = [];
  const opaque: string[] = [];
  const local = ctes(tokens);
  /** The function whose parentheses each depth sits in ('' for a plain parenthesis). */
  const callAt: string[] = [''];

  /** Reads one FROM item starting at `k`; returns the index after its head. */
  const item = (k: number): number => {
    while (isWord(tokens[k], 'lateral', 'only')) k++;
    const t = tokens[k];
    if (!t) return k;
    if (t.kind === 'string') {
      files.push(t.text);
      return k + 1;
    }
    if (!isName(t) || (t.kind === 'word' && (FROM_END.has(t.low) || t.low === 'values'))) return k;
    const parts = [t];
    while (isPunct(tokens[k + parts.length * 2 - 1], '.') && isName(tokens[k + parts.length * 2])) parts.push(tokens[k + parts.length * 2]);
    const next = k + parts.length * 2 - 1;
    const name = parts[parts.length - 1];
    const schema = parts.length > 1 ? parts[parts.length - 2].low : null;
    if (!isPunct(tokens[next], '(')) {
      if (!isCatalogName(schema, name.low) && !(parts.length === 1 && local.has(name.low))) names.push(name.text);
      return next;
    }
    const close = closing(tokens, next);
    if (FILE_READERS.has(name.low)) {
      // The first argument: one string or a list of strings, followed by the next argument or the end.
      const named: string[] = [];
      let j = next + 1;
      if (tokens[j]?.kind === 'string') named.push(tokens[j++].text);
      else if (isPunct(tokens[j], '[')) {
        do named.push(tokens[++j]?.kind === 'string' ? tokens[j++].text : '');
        while (isPunct(tokens[j], ','));
        j = isPunct(tokens[j], ']') ? j + 1 : -1;
      }
      const literal = named.length > 0 && !named.includes('') && j > 0 && (isPunct(tokens[j], ',') || j === close);
      if (literal) files.push(...named);
      else opaque.push(sql.slice(t.start, tokens[close].end));
    } else if (!CONSTANT_FUNCTIONS.has(name.low) && !isCatalogName(schema, name.low)) names.push(name.text);
    return next;
  };

  let fromDepth: number | null = null;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (isPunct(t, '(')) callAt[t.depth + 1] = isName(tokens[k - 1]) ? tokens[k - 1].low : '';
    if (fromDepth !== null && (t.depth < fromDepth || (t.depth === fromDepth && (isPunct(t, ';') || isWord(t, ...FROM_END)))))
      fromDepth = null;
    if (t.kind !== 'word' && !(fromDepth !== null && isPunct(t, ',') && t.depth === fromDepth)) continue;
    const w = t.low;
    if (w === 'from' && (isWord(tokens[k - 1], 'distinct') || FROM_IN_ARGS.has(callAt[t.depth] ?? ''))) continue;
    if (w === 'from' || w === 'join' || t.text === ',') {
      fromDepth = t.depth;
      item(k + 1);
    } else if (w === 'summarize' || w === 'pivot' || w === 'unpivot' || w === 'execute') {
      if (w !== 'execute' || k === 0) item(k + 1);
    } else if (w === 'attach') {
      const target = isWord(tokens[k + 1], 'database') ? tokens[k + 2] : tokens[k + 1];
      if (target?.kind === 'string') files.push(target.text);
    }
  }
  return { names: [...new Set(names)], files: [...new Set(files)], opaque: [...new Set(opaque)] };
}

/** Names a statement's WITH clauses define (lower-cased): reading them reads nothing outside it. */
function ctes(tokens: readonly Token[]): Set<string> {
  const out = new Set<string>();
  for (let k = 0; k < tokens.length; k++) {
    if (!isWord(tokens[k], 'with')) continue;
    let j = k + 1;
    if (isWord(tokens[j], 'recursive')) j++;
    while (isName(tokens[j])) {
      const name = tokens[j].low;
      j++;
      if (isPunct(tokens[j], '(')) j = closing(tokens, j) + 1;
      if (!isWord(tokens[j], 'as')) break;
      out.add(name);
      j++;
      while (isWord(tokens[j], 'not', 'materialized')) j++;
      if (!isPunct(tokens[j], '(')) break;
      j = closing(tokens, j) + 1;
      if (!isPunct(tokens[j], ',')) break;
      j++;
    }
  }
  return out;
}

/** What a statement writes: the object it creates, replaces, fills, drops or renames, or the file it copies to. */
export type Effect =
  /** `follows`: a view, macro or prepared statement, which reads its tables again each time it is used. */
  | { kind: 'create'; name: string; follows: boolean }
  | { kind: 'write'; name: string }
  | { kind: 'drop'; name: string }
  | { kind: 'rename'; from: string; to: string }
  /** `COPY … TO 'file'`: the file holds what `source` (a query) reads. */
  | { kind: 'copy-to'; file: string; source: string }
  | { kind: 'other' };

const NAME = String.raw`("(?:[^"]|"")+"|[A-Za-z_\u0080-\uFFFF][\w$\u0080-\uFFFF]*)(?:\s*\.\s*("(?:[^"]|"")+"|[A-Za-z_\u0080-\uFFFF][\w$\u0080-\uFFFF]*))?`;
const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s).toLowerCase();
/** The object's own name from `schema.name` or `name`. */
const last = (m: RegExpExecArray, at: number) => unquote(m[at + 1] ?? m[at]);

/**
 * Classifies a statement by what it writes; comments before it are skipped. Anything not matched
 * is `other`: the caller then treats every object the statement mentions as possibly written.
 */
export function effect(sql: string): Effect {
  const s = sql.replace(/^(\s|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  const copy = copyTo(s);
  if (copy) return copy;
  let m = new RegExp(
    String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY)\s+)?(TABLE|VIEW|MACRO|FUNCTION)\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`,
    'iu',
  ).exec(s);
  if (m) return { kind: 'create', name: last(m, 2), follows: m[1].toUpperCase() !== 'TABLE' };
  m = new RegExp(String.raw`^PREPARE\s+${NAME}`, 'iu').exec(s);
  if (m) return { kind: 'create', name: last(m, 1), follows: true };
  m = new RegExp(
    String.raw`^(?:DROP\s+(?:TABLE|VIEW|MACRO\s+TABLE|MACRO|FUNCTION)\s+(?:IF\s+EXISTS\s+)?|DEALLOCATE\s+(?:PREPARE\s+)?)${NAME}`,
    'iu',
  ).exec(s);
  if (m) return { kind: 'drop', name: last(m, 1) };
  m = new RegExp(String.raw`^ALTER\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?${NAME}\s+RENAME\s+TO\s+${NAME}`, 'iu').exec(s);
  if (m) return { kind: 'rename', from: last(m, 1), to: last(m, 3) };
  m = new RegExp(String.raw`^(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|COPY)\s+${NAME}`, 'iu').exec(s);
  if (m) return { kind: 'write', name: last(m, 1) };
  return { kind: 'other' };
}

/** `COPY name [(columns)] TO 'file'` or `COPY (query) TO 'file'`; null for anything else. */
function copyTo(sql: string): Effect | null {
  const tokens = tokenize(sql);
  if (!isWord(tokens[0], 'copy')) return null;
  let k = 1;
  let source: string;
  if (isPunct(tokens[k], '(')) {
    const close = closing(tokens, k);
    source = sql.slice(tokens[k].end, tokens[close].start);
    k = close + 1;
  } else if (isName(tokens[k])) {
    const from = tokens[k].start;
    while (isPunct(tokens[k + 1], '.') && isName(tokens[k + 2])) k += 2;
    source = `SELECT * FROM ${sql.slice(from, tokens[k].end)}`;
    k++;
    if (isPunct(tokens[k], '(')) k = closing(tokens, k) + 1;
  } else return null;
  if (!isWord(tokens[k], 'to') || tokens[k + 1]?.kind !== 'string') return null;
  return { kind: 'copy-to', file: tokens[k + 1].text, source };
}
