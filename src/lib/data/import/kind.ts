/** Which reader a file needs, from its name, checked against its first bytes. */
import type { ImportProblem } from './problems';

export type FileKind = 'csv' | 'tsv' | 'json' | 'parquet' | 'xlsx' | 'xls';

/**
 * The file input's `accept` list, a public contract (ARCHITECTURE.md section 4): the contract's
 * `.csv,.tsv,.parquet,.xlsx,.json`, then Excel 97-2003 and WPS workbooks.
 */
export const ACCEPT = '.csv,.tsv,.parquet,.xlsx,.json,.xls,.et';

export const extensionOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Reader for a file name; `.txt` is read as delimited text (Excel's "Unicode text" export). */
export function kindFromName(name: string): FileKind | null {
  const ext = extensionOf(name);
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'json' || ext === 'ndjson' || ext === 'jsonl') return 'json';
  if (ext === 'parquet' || ext === 'parq') return 'parquet';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  // WPS saves .et in the Excel 97-2003 format (LibreOffice opens both with its Excel 97 filter).
  if (ext === 'xls' || ext === 'et') return 'xls';
  return null;
}

type Magic = 'parquet' | 'zip' | 'ole' | 'gzip' | 'other';

function sniffMagic(head: Uint8Array): Magic {
  const at = (...b: number[]) => b.every((x, i) => head[i] === x);
  if (at(0x50, 0x41, 0x52, 0x31)) return 'parquet';
  if (at(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (at(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (at(0x1f, 0x8b)) return 'gzip';
  return 'other';
}

/**
 * Checks that the bytes fit the name, before any reader sees them: a reader handed the wrong bytes
 * fails with a message about its own internals (or, worse, reads random bytes as text).
 */
export function checkKind(file: string, kind: FileKind, bytes: Uint8Array): ImportProblem | null {
  if (bytes.length === 0) return { code: 'empty', file };
  const magic = sniffMagic(bytes);
  if (kind === 'xlsx') {
    // An old workbook renamed .xlsx is read as what it is.
    if (magic === 'ole' || magic === 'zip') return null;
    return { code: 'not-xlsx', file };
  }
  if (kind === 'xls') {
    // Portals often publish an HTML or XML table named .xls, and an .xlsx renamed .xls is common:
    // the spreadsheet library reads all of them.
    if (magic === 'ole' || magic === 'zip' || looksLikeMarkup(bytes)) return null;
    return { code: 'not-xls', file };
  }
  if (kind === 'parquet') {
    if (magic !== 'parquet') return { code: 'not-parquet', file };
    const n = bytes.length;
    const tail = n >= 12 && bytes[n - 4] === 0x50 && bytes[n - 3] === 0x41 && bytes[n - 2] === 0x52 && bytes[n - 1] === 0x31;
    return tail ? null : { code: 'parquet-truncated', file };
  }
  if (magic === 'gzip') return { code: 'compressed', file, format: 'gzip' };
  if (magic === 'zip') return { code: 'compressed', file, format: 'zip' };
  if (magic === 'ole') return { code: 'legacy-xls', file };
  if (magic === 'parquet') return { code: 'binary-text', file };
  return null;
}

/** HTML or XML (SpreadsheetML 2003) text: a `<` after any byte-order mark and whitespace. */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0d))) i++;
  return bytes[i] === 0x3c;
}
