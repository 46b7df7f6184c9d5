/**
 * Text encodings of the files people export: UTF-8 (with or without a byte-order mark), GB18030/GBK
 * (Excel and WPS on Chinese Windows write "CSV" in the ANSI code page, which is GBK), and UTF-16
 * (Excel's "Unicode text" export).
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'big5';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bom: number;
  /** True when the guess rests on a byte-order mark rather than on trying the bytes. */
  certain: boolean;
}

/** The encoding a byte-order mark announces, or null when the bytes start without one. */
function byteOrderMark(bytes: Uint8Array): DetectedEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3, certain: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2, certain: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2, certain: true };
  return null;
}

/**
 * Picks the encoding of `bytes`: a byte-order mark wins; otherwise UTF-8 when the bytes are UTF-8,
 * or mostly so (a registry merged from several offices can carry a few GBK lines in a UTF-8 file:
 * see `decodeText`), and GB18030 for anything else.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const bom = byteOrderMark(bytes);
  if (bom) return bom;
  if (utf8Text(bytes) !== null || mostlyUtf8(bytes)) return { encoding: 'utf-8', bom: 0, certain: false };
  // GB18030 is a superset of GBK and GB2312 and decodes every byte sequence, so it is the fallback.
  return { encoding: 'gb18030', bom: 0, certain: false };
}

/** The text of bytes that are entirely UTF-8, or null. */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
/**
 * End of the valid UTF-8 sequence starting at `i` (a byte of 0x80 or more), or -1 when the bytes
 * there are not UTF-8 (overlong forms and surrogates included, as TextDecoder judges them).
 */
function utf8SequenceEnd(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const cont = (k: number, lo = 0x80, hi = 0xbf) => k < bytes.length && bytes[k] >= lo && bytes[k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(i + 1) ? i + 2 : -1;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) ? i + 3 : -1;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? i + 4 : -1;
  }
  return -1;
}

/** Byte ranges [start, end) of the lines (LF-ended) that hold bytes which are not UTF-8, scanning `bytes` from `from`. */
export function nonUtf8Lines(bytes: Uint8Array, from = 0, to = bytes.length): [number, number][] {
  const out: [number, number][] = [];
  let lineStart = from;
  let bad = false;
  for (let i = from; i < to; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 10) {
        if (bad) out.push([lineStart, i + 1]);
        bad = false;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    const end = utf8SequenceEnd(bytes, i);
    if (end === -1) {
      bad = true;
      i++;
    } else i = end;
  }
  if (bad) out.push([lineStart, to]);
  return out;
}

/**
 * True for bytes that are UTF-8 apart from a few lines: in the first 4 MB, most of the lines that
 * hold non-ASCII text are UTF-8. A GBK line is almost never valid UTF-8, so a GBK file fails nearly
 * every such line.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const to = Math.min(bytes.length, 4 * 1024 * 1024);
  const bad = nonUtf8Lines(bytes, 0, to).length;
  if (bad === 0) return true;
  let nonAscii = 0;
  let inLine = false;
  for (let i = 0; i < to; i++) {
    const b = bytes[i];
    if (b === 10) inLine = false;
    else if (b >= 0x80 && !inLine) {
      nonAscii++;
      inLine = true;
    }
  }
  return bad * 2 < nonAscii;
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when a byte-order mark decided the encoding (and the caller did not choose one). */
  certain: boolean;
  /** Characters that could not be decoded (U+FFFD); many of them mean the encoding is wrong. */
  replaced: number;
  /** Lines (1-based) of a UTF-8 file whose bytes were not UTF-8 and were read as GB18030 instead. */
  gbkLines: number[];
}

/**
 * Decodes `bytes` with the given or the detected encoding, dropping any byte-order mark. In a UTF-8
 * file, a line that is not UTF-8 but reads cleanly as GB18030 is read that way, and its number is
 * reported; any other undecodable byte becomes U+FFFD and is counted. The bytes are decoded once
 * when they are UTF-8 (a 100 MB file takes a tenth of a second per pass).
 */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): DecodedText {
  const bom = byteOrderMark(bytes);
  let enc = encoding ?? bom?.encoding;
  const body = bom && (enc === undefined || enc === bom.encoding) ? bytes.subarray(bom.bom) : bytes;
  const certain = !!bom && encoding === undefined;
  let text: string | null = null;
  const gbkLines: number[] = [];
  if (enc === undefined || enc === 'utf-8') {
    text = utf8Text(body);
    if (text === null) {
      if (enc === undefined && !mostlyUtf8(body)) enc = 'gb18030';
      else text = mixedUtf8(body, gbkLines);
    }
    enc ??= 'utf-8';
  }
  text ??= new TextDecoder(enc).decode(body);
  // A BOM survives when the user forced an encoding that matches it; it must not reach a header.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let replaced = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) replaced++;
  return { text, encoding: enc, certain, replaced, gbkLines };
}

/** UTF-8 text with its non-UTF-8 lines read as GB18030 where that reads cleanly; their numbers go to `gbkLines`. */
function mixedUtf8(body: Uint8Array, gbkLines: number[]): string {
  const parts: string[] = [];
  const utf8 = new TextDecoder('utf-8');
  const gbk = new TextDecoder('gb18030');
  let at = 0;
  // The line number at byte `at`.
  let line = 1;
  for (const [from, to] of nonUtf8Lines(body)) {
    for (let i = body.indexOf(10, at); i !== -1 && i < from; i = body.indexOf(10, i + 1)) line++;
    const other = gbk.decode(body.subarray(from, to));
    const clean = !other.includes('\ufffd');
    parts.push(utf8.decode(body.subarray(at, from)), clean ? other : utf8.decode(body.subarray(from, to)));
    if (clean) gbkLines.push(line);
    at = to;
    if (body[to - 1] === 10) line++;
  }
  parts.push(utf8.decode(body.subarray(at)));
  return parts.join('');
}

/** True when the text contains NUL or many control characters: a binary file with a text name. */
export function looksBinary(bytes: Uint8Array, sample = 4096): boolean {
  const n = Math.min(bytes.length, sample);
  if (n === 0) return false;
  // UTF-16 text has NULs in every other byte; a BOM says so and is checked first.
  const bom = byteOrderMark(bytes);
  if (bom && bom.encoding !== 'utf-8') return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control / n > 0.05;
}
