/**
 * Splitting the console's text into statements, so that each runs on its own (the last one
 * streamed, so it can be cancelled), and an engine error's position maps back to the editor.
 */
export interface Statement {
  sql: string;
  /** Offset of `sql` in the whole text. */
  start: number;
}

/** Splits on semicolons outside strings, quoted names and comments; drops empty statements. */
export function splitStatements(text: string): Statement[] {
  const out: Statement[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const sql = raw.trim();
    if (sql !== '' && !/^(--[^\n]*\n?\s*|\/\*[\s\S]*?\*\/\s*)*$/.test(sql)) out.push({ sql, start: start + lead });
  };
  while (i < n) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      // Doubled quotes inside continue the string; an unclosed one runs to the end.
      let j = close;
      while (j !== -1 && text[j + 1] === c) j = text.indexOf(c, j + 2);
      i = j === -1 ? n : j + 1;
    } else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === ';') {
      push(i);
      start = i + 1;
      i++;
    } else i++;
  }
  push(n);
  return out;
}

/** Line and column (1-based) of an offset, for error messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** True for statements that only read: after them nothing needs re-querying. */
export function isReadOnly(sql: string): boolean {
  const first = sql
    .replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '')
    .split(/[\s(]/, 1)[0]
    .toUpperCase();
  return ['SELECT', 'WITH', 'FROM', 'VALUES', 'DESCRIBE', 'SHOW', 'SUMMARIZE', 'EXPLAIN', 'TABLE', 'PRAGMA'].includes(first);
}

/**
 * Offset in `sql` that DuckDB's message points at. DuckDB 0.9 echoes the line ("LINE 2: select x")
 * with a caret under the spot, sometimes windowed with "..." for long lines, rather than giving
 * an offset; the echoed text is found in the statement to turn the caret into an offset.
 */
export function errorOffset(detail: string, sql: string, position: number | null = null): number | null {
  if (position !== null) return position;
  const lines = detail.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (at < 0) return null;
  const m = /^(LINE (\d+): )(.*)$/.exec(lines[at])!;
  const caret = (lines[at + 1] ?? '').indexOf('^');
  if (caret < 0) return null;
  const lineNo = Number(m[2]);
  let echoed = m[3];
  let col = caret - m[1].length;
  if (echoed.startsWith('...')) {
    echoed = echoed.slice(3);
    col -= 3;
  }
  echoed = echoed.replace(/\.\.\.$/, '');
  const sqlLines = sql.split('\n');
  const target = sqlLines[lineNo - 1];
  if (target === undefined) return null;
  const found = target.indexOf(echoed.slice(0, Math.max(1, Math.min(echoed.length, 40))));
  const base = sqlLines.slice(0, lineNo - 1).reduce((a, l) => a + l.length + 1, 0);
  return base + Math.max(0, Math.min(target.length, (found >= 0 ? found : 0) + Math.max(0, col)));
}
