/**
 * Delimited text (CSV, TSV, semicolon or pipe separated) as written by Excel, WPS and databases,
 * parsed by Papa Parse (RFC 4180 quoting, quoted fields spanning lines). Around it: the line where
 * each record starts (problems are reported by line), CRLF, LF and CR line ends even mixed in one
 * file, an unclosed quote reported with its line, and hard limits checked record by record so that a
 * hostile file stops the parse at once instead of filling the memory.
 */
import Papa from 'papaparse';

export type Delimiter = ',' | '\t' | ';' | '|';

const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export interface DelimitedParse {
  /** Records as text fields; `lines[i]` is the 1-based line where record i starts. */
  rows: string[][];
  lines: number[];
  /** Line of a quote that is never closed (the rest of the file became one field), or null. */
  unclosedQuoteLine: number | null;
  /** Set when a limit stopped the parse: which one, the line of the record that crossed it, and the count reached. */
  stopped: { limit: 'columns' | 'cells'; line: number; found: number } | null;
}

export interface ParseOptions {
  /** Stop after this many records (for sniffing). */
  maxRows?: number;
  /** Stop at the first record with more fields than this. */
  maxFields?: number;
  /** Stop when the records read so far hold more fields than this. */
  maxCells?: number;
  /** Hears characters parsed so far and the total, every few thousand records. */
  onProgress?: (done: number, total: number) => void;
  /** Takes each record with its line instead of `rows` and `lines` (which stay empty): nothing is kept here. */
  onRecord?: (row: string[], line: number) => void;
}

/**
 * Line break that ends records: a lone CR (old Mac exports) when the first break is one, LF
 * otherwise. In LF mode a CR before the LF is removed from the record's last field, so CRLF and LF
 * lines mix freely.
 */
function lineBreak(text: string): '\n' | '\r' {
  const cr = text.indexOf('\r');
  if (cr === -1) return '\n';
  const lf = text.indexOf('\n');
  return (lf === -1 || cr < lf) && text.charCodeAt(cr + 1) !== 10 ? '\r' : '\n';
}

/** Splits delimited text into records. Never throws: defects are reported in the result. */
export function parseDelimited(text: string, delimiter: Delimiter, opts: ParseOptions = {}): DelimitedParse {
  const { maxRows = Infinity, maxFields = Infinity, maxCells = Infinity, onProgress, onRecord } = opts;
  const newline = lineBreak(text);
  const rows: string[][] = [];
  const lines: number[] = [];
  let unclosedQuoteLine: number | null = null;
  let stopped: DelimitedParse['stopped'] = null;

  // Line of an offset, counted forward from the last offset asked about (offsets only grow).
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number): number => {
    for (let k = text.indexOf(newline, counted); k !== -1 && k < offset; k = text.indexOf(newline, k + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };

  let start = 0;
  let cells = 0;
  let records = 0;
  // The last record is held back one step: a final empty one (a line break ending the file) is dropped.
  let held: string[] | null = null;
  let heldLine = 0;
  const emit = (row: string[], line: number) => {
    if (onRecord) onRecord(row, line);
    else {
      rows.push(row);
      lines.push(line);
    }
  };
  const parser: Papa.Parser = new Papa.Parser({
    delimiter,
    newline,
    quoteChar: '"',
    step(result: Papa.ParseStepResult<string[][]>) {
      const row = result.data[0];
      const at = lineAt(start);
      for (const e of result.errors) {
        if (e.code === 'MissingQuotes' && unclosedQuoteLine === null) {
          // Papa gives the offset after the opening quote; the quote sits one character before.
          const saved = [line, counted] as const;
          unclosedQuoteLine = lineAt(Math.max(start, (e.index ?? start) - 1));
          [line, counted] = saved;
        }
      }
      if (newline === '\n') {
        const last = row.length - 1;
        const f = row[last];
        if (f.charCodeAt(f.length - 1) === 13) row[last] = f.slice(0, -1);
      }
      start = result.meta.cursor;
      // An empty line (one empty field) holds no cell worth counting, and ends most files.
      if (row.length > 1 || row[0] !== '') cells += row.length;
      if (row.length > maxFields || cells > maxCells) {
        stopped = row.length > maxFields ? { limit: 'columns', line: at, found: row.length } : { limit: 'cells', line: at, found: cells };
        parser.abort();
        return;
      }
      if (held) emit(held, heldLine);
      held = row;
      heldLine = at;
      records++;
      // Papa's own `preview` counts nothing in step mode.
      if (records >= maxRows) parser.abort();
      if (onProgress && records % 16_384 === 0) onProgress(start, text.length);
    },
  });
  parser.parse(text, 0, false);
  // A line break at the very end of the text ends the last record; it does not start another.
  const h = held as string[] | null;
  if (h && !(start >= text.length && h.length === 1 && h[0] === '' && /[\r\n]$/.test(text))) emit(h, heldLine);
  onProgress?.(text.length, text.length);
  return { rows, lines, unclosedQuoteLine, stopped };
}

/**
 * Guesses the delimiter from the first records: the one that splits most lines into the same
 * number (more than one) of fields. A `.tsv` name breaks ties in favour of tabs.
 */
export function sniffDelimiter(text: string, preferTab = false): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: Delimiter = preferTab ? '\t' : ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const { rows } = parseDelimited(sample, d, { maxRows: 50 });
    const widths = rows.filter((r) => r.some((f) => f.trim() !== '')).map((r) => r.length);
    if (widths.length === 0) continue;
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    let modeWidth = 1;
    let modeCount = 0;
    for (const [w, c] of counts) if (c > modeCount || (c === modeCount && w > modeWidth)) [modeWidth, modeCount] = [w, c];
    if (modeWidth < 2) continue;
    // Consistency first, then width: a delimiter that appears inside text splits lines unevenly.
    const score = (modeCount / widths.length) * 1000 + Math.min(modeWidth, 100) + (preferTab && d === '\t' ? 0.5 : 0);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}
