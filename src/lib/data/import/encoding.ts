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

/** Picks the encoding of `bytes`: a byte-order mark wins; otherwise valid UTF-8 is UTF-8, and anything else is GB18030. */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3, certain: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2, certain: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2, certain: true };
  if (isUtf8(bytes)) return { encoding: 'utf-8', bom: 0, certain: false };
  // GB18030 is a superset of GBK and GB2312 and decodes every byte sequence, so it is the fallback.
  return { encoding: 'gb18030', bom: 0, certain: false };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Characters that could not be decoded (U+FFFD); many of them mean the encoding is wrong. */
  replaced: number;
}

/** Decodes `bytes` with the given or the detected encoding, dropping any byte-order mark. */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): DecodedText {
  const detected = detectEncoding(bytes);
  const enc = encoding ?? detected.encoding;
  const skip = enc === detected.encoding ? detected.bom : 0;
  let text = new TextDecoder(enc).decode(skip ? bytes.subarray(skip) : bytes);
  // A BOM survives when the user forced an encoding that matches it; it must not reach a header.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let replaced = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) replaced++;
  return { text, encoding: enc, replaced };
}

/** True when the text contains NUL or many control characters: a binary file with a text name. */
export function looksBinary(bytes: Uint8Array, sample = 4096): boolean {
  const n = Math.min(bytes.length, sample);
  if (n === 0) return false;
  // UTF-16 text has NULs in every other byte; a BOM says so and is checked first.
  const d = detectEncoding(bytes);
  if (d.encoding === 'utf-16le' || d.encoding === 'utf-16be') return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control / n > 0.05;
}
