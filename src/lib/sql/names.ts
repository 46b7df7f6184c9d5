/**
 * The names a statement mentions, for provenance: every identifier (bare or double-quoted) and every
 * string literal (file names and URLs that table functions read), outside comments. It
 * over-approximates on purpose: a column or alias that shares a table's name only makes a mark
 * appear where none was needed, while a missed table would hide one.
 */
export interface Mentions {
  /** Identifiers, lower-cased (DuckDB names are case-insensitive). */
  names: string[];
  /** Contents of string literals. */
  strings: string[];
}

const WORD = /[A-Za-z_\u0080-\uFFFF][\w$\u0080-\uFFFF]*/y;

export function mentions(sql: string): Mentions {
  const names = new Set<string>();
  const strings = new Set<string>();
  let i = 0;
  const n = sql.length;
  // A quoted token ends at its closing quote; a doubled quote inside escapes it.
  const quoted = (q: string): string => {
    let out = '';
    i++;
    while (i < n) {
      if (sql[i] === q) {
        if (sql[i + 1] === q) {
          out += q;
          i += 2;
          continue;
        }
        i++;
        break;
      }
      out += sql[i++];
    }
    return out;
  };
  while (i < n) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'") strings.add(quoted("'"));
    else if (c === '"') names.add(quoted('"').toLowerCase());
    else {
      WORD.lastIndex = i;
      const m = WORD.exec(sql);
      if (m) {
        names.add(m[0].toLowerCase());
        i += m[0].length;
      } else i++;
    }
  }
  return { names: [...names], strings: [...strings] };
}

/** What a statement writes: the object it creates, replaces, fills, drops or renames. */
export type Effect =
  | { kind: 'create'; name: string; view: boolean }
  | { kind: 'write'; name: string }
  | { kind: 'drop'; name: string }
  | { kind: 'rename'; from: string; to: string }
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
  let m = new RegExp(
    String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY)\s+)?(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`,
    'iu',
  ).exec(s);
  if (m) return { kind: 'create', name: last(m, 2), view: m[1].toUpperCase() === 'VIEW' };
  m = new RegExp(String.raw`^DROP\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?${NAME}`, 'iu').exec(s);
  if (m) return { kind: 'drop', name: last(m, 1) };
  m = new RegExp(String.raw`^ALTER\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?${NAME}\s+RENAME\s+TO\s+${NAME}`, 'iu').exec(s);
  if (m) return { kind: 'rename', from: last(m, 1), to: last(m, 3) };
  m = new RegExp(String.raw`^(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|COPY)\s+${NAME}`, 'iu').exec(s);
  if (m) return { kind: 'write', name: last(m, 1) };
  return { kind: 'other' };
}
