/**
 * Parquet file-level key-value metadata (FileMetaData field 5), read and written in the browser.
 *
 * The engine the app pins, DuckDB-WASM 1.28.0 (DuckDB 0.9.1), can do neither: its COPY rejects the
 * KV_METADATA option and it has no parquet_kv_metadata() table function. Reading goes through
 * hyparquet's footer parser, so no Thrift reader is hand-written here. Writing patches the footer of
 * a file DuckDB already wrote: the rows, pages and offsets stay byte for byte as they are, and only
 * one field is appended to the Thrift struct at the end of the file.
 *
 * A Parquet file is `PAR1 <data> <footer> <footer length: u32 LE> PAR1`, the footer being a
 * FileMetaData struct in the Thrift compact protocol
 * (https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md).
 *
 * No Svelte and no duckdb-wasm here: the functions take and return bytes.
 */
import { asyncBufferFromUrl, parquetMetadata, parquetMetadataAsync, type AsyncBuffer } from 'hyparquet';
// The raw compact-protocol struct reader parquetMetadata itself uses (so it adds nothing to the
// bundle). withKvMetadata needs what parquetMetadata does not report: the raw field ids present and
// where the struct's STOP byte really is.
import { deserializeTCompactProtocol } from 'hyparquet/src/thrift.js';

/** Thrown when bytes are not a Parquet file this module can read or patch; the message says why. */
export class ParquetMetadataError extends Error {
  override name = 'ParquetMetadataError';
}

/** "PAR1" read as a little-endian u32. */
const MAGIC = 0x31524150;
/** "PARE": a file whose footer is encrypted (Parquet modular encryption). */
const MAGIC_ENCRYPTED = 0x45524150;
/** Leading magic + footer length + trailing magic. */
const FRAME = 12;

// Thrift compact protocol, from the spec linked above.
/** Field type and list element type STRUCT. */
const T_STRUCT = 0x0c;
/** Field type LIST. */
const T_LIST = 0x09;
/** Field type BINARY (strings are UTF-8 binaries). */
const T_BINARY = 0x08;
/** The byte that ends every struct. */
const STOP = 0x00;
/** FileMetaData.key_value_metadata: `5: optional list<KeyValue>`. */
const FIELD_KV = 5;
/** FileMetaData.encryption_algorithm, present only in signed plaintext footers. */
const FIELD_ENCRYPTION = 8;

interface Footer {
  /** Offset of the first footer byte. */
  start: number;
  /** Offset just past the last footer byte (where the footer length is stored). */
  end: number;
}

/** Checks the frame of a Parquet file and finds its footer; throws ParquetMetadataError if it is not one. */
function locateFooter(bytes: Uint8Array): Footer {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('Parquet bytes must be a Uint8Array');
  if (bytes.length < FRAME) {
    throw new ParquetMetadataError(`Not a Parquet file: ${bytes.length} bytes is shorter than the ${FRAME}-byte Parquet frame`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = view.getUint32(bytes.length - 4, true);
  if (tail === MAGIC_ENCRYPTED) {
    throw new ParquetMetadataError('Parquet file has an encrypted footer (PARE); its metadata cannot be read without the key');
  }
  if (view.getUint32(0, true) !== MAGIC || tail !== MAGIC) {
    throw new ParquetMetadataError('Not a Parquet file: it does not start and end with the PAR1 magic');
  }
  const length = view.getUint32(bytes.length - 8, true);
  const room = bytes.length - FRAME;
  if (length === 0 || length > room) {
    throw new ParquetMetadataError(`Not a valid Parquet file: footer length ${length} is out of range (1..${room} for a file of ${bytes.length} bytes)`);
  }
  return { start: bytes.length - 8 - length, end: bytes.length - 8 };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads the file-level key-value metadata of a Parquet file.
 *
 * @param bytes - the whole Parquet file (not modified).
 * @returns the pairs in file order, as a plain object; `{}` when the file has none. A key listed
 *   twice keeps its last value (Parquet does not forbid duplicates; a record cannot hold both). A pair
 *   whose optional value is absent maps to `''`.
 * @throws ParquetMetadataError if the bytes are not Parquet (no PAR1 magic, footer length out of
 *   range) or the footer cannot be parsed.
 */
export function readKvMetadata(bytes: Uint8Array): Record<string, string> {
  locateFooter(bytes);
  let pairs: { key: string; value?: string }[] | undefined;
  try {
    // geoparquet: false, because hyparquet would otherwise JSON.parse a "geo" value, and a file whose
    // "geo" is not GeoParquet JSON should still have its metadata read.
    pairs = parquetMetadata(bytes, { geoparquet: false }).key_value_metadata;
  } catch (err) {
    throw new ParquetMetadataError(`Parquet footer could not be parsed: ${describe(err)}`);
  }
  return toRecord(pairs);
}

/** Bytes read from the end of a remote file at first: a footer of DuckDB's is a few kilobytes. */
const FOOTER_GUESS = 64 * 1024;

/**
 * Reads the file-level key-value metadata of a Parquet file that is not in memory, from its footer
 * alone (hyparquet's `asyncBufferFromUrl` gives a file on a server, read with range requests).
 *
 * @returns the pairs as `readKvMetadata` gives them.
 * @throws ParquetMetadataError if the footer cannot be read or parsed (the message says why).
 */
export async function readKvMetadataAsync(file: AsyncBuffer): Promise<Record<string, string>> {
  try {
    return toRecord((await parquetMetadataAsync(file, { geoparquet: false, initialFetchSize: FOOTER_GUESS })).key_value_metadata);
  } catch (err) {
    throw new ParquetMetadataError(`Parquet footer could not be read: ${describe(err)}`);
  }
}

/**
 * Reads the key-value metadata of a Parquet file on a server with range requests for its footer.
 * `byteLength` (a manifest states it) saves a HEAD request.
 */
export async function readKvMetadataFromUrl(
  url: string,
  { byteLength, fetch: fetchFn }: { byteLength?: number; fetch?: typeof fetch } = {},
): Promise<Record<string, string>> {
  let file: AsyncBuffer;
  try {
    file = await asyncBufferFromUrl({ url, byteLength, fetch: fetchFn });
  } catch (err) {
    throw new ParquetMetadataError(`Parquet file ${url} could not be read: ${describe(err)}`);
  }
  return readKvMetadataAsync(file);
}

function toRecord(pairs: readonly { key: string; value?: string }[] | undefined): Record<string, string> {
  // Collected on a prototype-less object, where a key such as "__proto__" is an ordinary property
  // (on a plain object that assignment would hit the prototype setter and be lost); spreading then
  // copies it as own data onto the plain object callers expect.
  const out: Record<string, string> = Object.create(null);
  for (const { key, value } of pairs ?? []) out[key] = value ?? '';
  return { ...out };
}

/**
 * Returns a copy of a Parquet file whose footer also carries the given key-value metadata.
 *
 * The data pages and every offset into them are untouched: the footer's closing STOP byte is replaced
 * by a `key_value_metadata` field, a new STOP, the new footer length and PAR1. That is valid because
 * Thrift fields may come in any order (the spec: "the fields can be encoded in any order"), so field
 * 5 may follow fields 6 (created_by) and 7 (column_orders).
 *
 * Merging is not supported: if the file already has key-value metadata, this throws rather than
 * writing a second field 5 (readers would disagree on which one counts) or re-encoding the whole
 * footer. Pass every pair in one call. Files written by the app's DuckDB 0.9.1 COPY never have field
 * 5, so this only refuses files from other writers or a second call on an already patched file.
 *
 * @param bytes - a whole Parquet file (not modified).
 * @param kv - pairs to add, in the order they should appear; an empty object gives a plain copy.
 * @returns a new buffer.
 * @throws ParquetMetadataError if the bytes are not Parquet, the footer cannot be parsed, is signed
 *   (encrypted plaintext-footer mode), or already has key-value metadata.
 */
export function withKvMetadata(bytes: Uint8Array, kv: Record<string, string>): Uint8Array {
  const { start, end } = locateFooter(bytes);
  const entries = Object.entries(kv);
  for (const [key, value] of entries) {
    if (typeof value !== 'string') throw new TypeError(`Parquet metadata value for "${key}" must be a string, not ${typeof value}`);
  }

  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset + start, end - start), offset: 0 };
  let fields: Record<string, unknown>;
  try {
    fields = deserializeTCompactProtocol(reader);
  } catch (err) {
    throw new ParquetMetadataError(`Parquet footer could not be parsed: ${describe(err)}`);
  }
  // The patch replaces the last footer byte, so that byte must be the STOP that closes FileMetaData;
  // a signed footer, for one, is followed by a nonce and tag inside the footer length.
  if (reader.offset !== end - start || bytes[end - 1] !== STOP) {
    throw new ParquetMetadataError(
      `Parquet footer does not end where FileMetaData ends (struct ends at byte ${reader.offset} of ${end - start}); it cannot be patched`,
    );
  }
  if (fields[`field_${FIELD_ENCRYPTION}`] !== undefined) {
    throw new ParquetMetadataError('Parquet footer is signed (encryption_algorithm is set); adding metadata would break the signature');
  }
  if (fields[`field_${FIELD_KV}`] !== undefined) {
    throw new ParquetMetadataError(
      'Parquet file already has key-value metadata; withKvMetadata does not merge into it (pass every pair in one call to a file without any)',
    );
  }
  if (entries.length === 0) return bytes.slice();

  const field = encodeKvField(entries);
  const footerLength = end - start - 1 + field.length + 1;
  if (footerLength > 0xffffffff) throw new ParquetMetadataError('Parquet footer would exceed 4 GiB');

  const out = new Uint8Array(end - 1 + field.length + 1 + 8);
  out.set(bytes.subarray(0, end - 1), 0); // everything up to, not including, the old STOP
  out.set(field, end - 1);
  let at = end - 1 + field.length;
  out[at++] = STOP; // closes FileMetaData again
  const view = new DataView(out.buffer);
  view.setUint32(at, footerLength, true);
  view.setUint32(at + 4, MAGIC, true);
  return out;
}

/** Compact-protocol bytes of `5: list<KeyValue>` (header, list header, elements). */
function encodeKvField(entries: [string, string][]): Uint8Array {
  const utf8 = new TextEncoder();
  const out: number[] = [];
  // Long-form field header: type nibble with a zero delta, then the field id as a zigzag varint.
  // The short form (delta in the high nibble) cannot be used: it is relative to the previous field,
  // and fields 6 and 7 (ids above 5) may precede this one, which would need a negative delta.
  out.push(T_LIST);
  varint(out, zigzag32(FIELD_KV)); // 5 -> 0x0A
  // List header: size in the high nibble when 0..14, else 0xF there and the size as a varint.
  if (entries.length < 15) out.push((entries.length << 4) | T_STRUCT);
  else {
    out.push(0xf0 | T_STRUCT);
    varint(out, entries.length);
  }
  for (const [key, value] of entries) {
    // KeyValue { 1: required string key; 2: optional string value }: short-form headers, delta 1 each.
    binaryField(out, utf8.encode(key));
    binaryField(out, utf8.encode(value));
    out.push(STOP);
  }
  return Uint8Array.from(out);
}

/** A BINARY field whose id is one more than the previous field's: header, varint length, bytes. */
function binaryField(out: number[], data: Uint8Array): void {
  out.push((1 << 4) | T_BINARY); // 0x18
  varint(out, data.length);
  for (const b of data) out.push(b);
}

/** ULEB128: seven bits a byte, least significant first, high bit set on all but the last. */
function varint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** Zigzag folding of an i32 (the spec's `(n << 1) ^ (n >> 31)`), unsigned. */
function zigzag32(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}
