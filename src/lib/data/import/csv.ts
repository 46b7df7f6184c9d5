/**
 * Delimited text (CSV, TSV, semicolon or pipe separated) as written by Excel, WPS and databases:
 * RFC 4180 quoting, CRLF/LF/CR line ends, quoted fields spanning lines.
 */
export type Delimiter = ',' | '\t' | ';' | '|';

const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export interface DelimitedParse {
  /** Records as text fields; `lines[i]` is the 1-based line where record i starts. */
  rows: string[][];
  lines: number[];
  /** Line of a quote that is never closed (the rest of the file became one field), or null. */
  unclosedQuoteLine: number | null;
}

/** Splits delimited text into records. Never throws: defects are reported in the result. */
export function parseDelimited(text: string, delimiter: Delimiter, maxRows = Infinity): DelimitedParse {
  const rows: string[][] = [];
  const lines: number[] = [];
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let unclosedQuoteLine: number | null = null;
  while (i < n && rows.length < maxRows) {
    const row: string[] = [];
    const startLine = line;
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const openLine = line;
        let buf = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            buf += text.slice(j);
            line += countNewlines(text, j, n);
            j = n;
            unclosedQuoteLine ??= openLine;
            break;
          }
          buf += text.slice(j, q);
          line += countNewlines(text, j, q);
          if (text.charCodeAt(q + 1) === 34) {
            buf += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        // Text between a closing quote and the next delimiter (a malformed field) is kept, not lost.
        let k = j;
        while (k < n && text.charCodeAt(k) !== d && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
        field = buf + text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === 10 || c === 13) break;
          k++;
        }
        field = text.slice(i, k);
        i = k;
      }
      row.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        // A delimiter at the very end of the text still ends a field: "a,b," has three.
        if (i >= n) {
          row.push('');
          break;
        }
        continue;
      }
      // End of record: CRLF, LF or CR.
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else i++;
      line++;
      break;
    }
    rows.push(row);
    lines.push(startLine);
  }
  return { rows, lines, unclosedQuoteLine };
}

function countNewlines(text: string, from: number, to: number): number {
  let c = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) c++;
  }
  return c;
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
    const { rows } = parseDelimited(sample, d, 50);
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
