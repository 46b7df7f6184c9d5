/**
 * Typed columns to Arrow IPC bytes, the form in which DuckDB-WASM takes a table from JavaScript.
 * Crossing as bytes rather than as an Arrow Table object keeps the page free of any question of
 * which copy of apache-arrow built the object. Buffers are filled directly: apache-arrow's generic
 * builders took 7 s for 500,000 rows of 8 columns on the main thread, this takes well under one.
 */
import { Bool, DateDay, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableToIPC, type Data, type DataType } from 'apache-arrow';
import { isEmptyCell } from './grid';
import { TextColumn } from './text-column';
import type { ColumnType, Value } from './types';

export interface TypedColumn {
  name: string;
  type: ColumnType;
  /** An integer column whose values do not fit 32 bits. */
  wide?: boolean;
  /** The values; a text column may give a TextColumn (its blank cells are null). */
  values: readonly Value[] | TextColumn;
  /** Text whose blank strings stand for null (ConvertedColumn.blankIsNull); otherwise an empty string is a value. */
  blankIsNull?: boolean;
}

const DAY_MS = 86_400_000;

function validity(values: readonly Value[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return { bitmap, nulls };
}

/** Set by utf8Bytes when the text it counted holds a lone surrogate. */
let loneSurrogate = false;

/**
 * Bytes TextEncoder writes for `s.slice(start, end)` encoded on its own: one to three per UTF-16
 * unit, four per surrogate pair, and three for a lone surrogate (written as U+FFFD). A lone
 * surrogate sets `loneSurrogate`: text joined to its neighbour could then pair it with a surrogate
 * of the next cell, so the caller must encode that cell on its own.
 */
function utf8Bytes(s: string, start = 0, end = s.length): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c < 0xd800 || c >= 0xe000) n += 2;
    else if (c < 0xdc00 && i + 1 < end && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A pair: two units, four bytes.
      n += 2;
      i++;
    } else {
      n += 2;
      loneSurrogate = true;
    }
  }
  return n;
}

/** `s` with each lone surrogate replaced by U+FFFD, as TextEncoder would write it on its own. */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A cell that may be blank without being empty: it starts with whitespace (see isEmptyCell). */
const mayBeBlank = (code: number) => code <= 32 || (code >= 127 && code < 0x3400) || code >= 0xfe00;

/**
 * A TextColumn as Arrow UTF-8: offsets and nulls from one walk over each chunk's characters, then
 * each chunk encoded in one call (its empty cells add no bytes). A chunk with a blank cell that is
 * not empty (spaces) is encoded cell by cell, since that cell must add none; so is a chunk with a
 * lone surrogate, which encoded with its neighbours could pair with theirs.
 */
function utf8FromText(col: TextColumn): Data {
  const n = col.length;
  const offsets = new Int32Array(n + 1);
  const bitmap = new Uint8Array((n + 7) >> 3);
  const chunks = col.chunks();
  const byCell: boolean[] = [];
  let nulls = 0;
  let row = 0;
  let pos = 0;
  for (const { text, ends } of chunks) {
    let start = 0;
    let oneByOne = false;
    for (let j = 0; j < ends.length; j++, row++) {
      const end = ends[j];
      if (end === start || (mayBeBlank(text.charCodeAt(start)) && isEmptyCell(text.slice(start, end)))) {
        nulls++;
        oneByOne ||= end !== start;
      } else {
        bitmap[row >> 3] |= 1 << (row & 7);
        loneSurrogate = false;
        pos += utf8Bytes(text, start, end);
        oneByOne ||= loneSurrogate;
      }
      offsets[row + 1] = pos;
      start = end;
    }
    byCell.push(oneByOne);
  }
  const data = new Uint8Array(pos);
  const encoder = new TextEncoder();
  row = 0;
  chunks.forEach(({ text, ends }, k) => {
    if (!byCell[k]) encoder.encodeInto(text, data.subarray(offsets[row]));
    else {
      let start = 0;
      for (let j = 0; j < ends.length; j++) {
        const r = row + j;
        if (offsets[r + 1] > offsets[r]) encoder.encodeInto(text.slice(start, ends[j]), data.subarray(offsets[r]));
        start = ends[j];
      }
    }
    row += ends.length;
  });
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data });
}

function utf8(values: readonly Value[], blankIsNull: boolean): Data {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  // One encode of the whole column instead of one per value: a call per cell costs more than the
  // copying, for the short strings a registry holds. Offsets come from each value's UTF-8 length,
  // counted in the same pass that finds the nulls.
  const parts: string[] = new Array(n);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let s = '';
    if (v === null || v === undefined || (blankIsNull && typeof v === 'string' && isEmptyCell(v))) nulls++;
    else {
      s = typeof v === 'string' ? v : String(v);
      bitmap[i >> 3] |= 1 << (i & 7);
      loneSurrogate = false;
      const bytes = utf8Bytes(s);
      // The cells are encoded joined: a lone surrogate becomes U+FFFD first, so it cannot pair
      // with a surrogate that starts the next cell (same byte count).
      if (loneSurrogate) s = wellFormed(s);
      pos += bytes;
    }
    parts[i] = s;
    offsets[i + 1] = pos;
  }
  const data = new Uint8Array(pos);
  // Joined in slices: one string of a whole column could pass V8's limit of 2^29 characters.
  const encoder = new TextEncoder();
  let at = 0;
  for (let i = 0; i < n; i += 65_536) at += encoder.encodeInto(parts.slice(i, i + 65_536).join(''), data.subarray(at)).written;
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data });
}

function column(c: TypedColumn): { type: DataType; data: Data } {
  if (c.type === 'text') return { type: new Utf8(), data: c.values instanceof TextColumn ? utf8FromText(c.values) : utf8(c.values, c.blankIsNull ?? false) };
  // Only text columns come as TextColumns (convert.ts).
  const values = c.values as readonly Value[];
  const n = values.length;
  const { bitmap, nulls } = validity(values);
  switch (c.type) {
    case 'integer':
      if (c.wide) {
        const data = new BigInt64Array(n);
        for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = BigInt(values[i] as number);
        return { type: new Int64(), data: makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap: bitmap, data }) };
      } else {
        const data = new Int32Array(n);
        for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = values[i] as number;
        return { type: new Int32(), data: makeData({ type: new Int32(), length: n, nullCount: nulls, nullBitmap: bitmap, data }) };
      }
    case 'number': {
      const data = new Float64Array(n);
      for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = values[i] as number;
      return { type: new Float64(), data: makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap: bitmap, data }) };
    }
    case 'boolean': {
      const data = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (values[i] === true) data[i >> 3] |= 1 << (i & 7);
      return { type: new Bool(), data: makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: bitmap, data }) };
    }
    case 'date': {
      const data = new Int32Array(n);
      // Converted columns hold days already (ConvertedColumn); a Date is taken too.
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v !== null) data[i] = typeof v === 'number' ? v : Math.floor((v as Date).getTime() / DAY_MS);
      }
      return { type: new DateDay(), data: makeData({ type: new DateDay(), length: n, nullCount: nulls, nullBitmap: bitmap, data }) };
    }
    default:
      throw new Error(`no Arrow type for column type ${c.type as string}`);
  }
}

/** Arrow IPC stream of the columns (all of the same length), names kept exactly as given; `onColumn` hears progress. */
export function toArrowIPC(columns: readonly TypedColumn[], onColumn?: (done: number, total: number) => void): Uint8Array {
  const length = columns[0]?.values.length ?? 0;
  const built = columns.map((c, i) => {
    const b = column(c);
    onColumn?.(i + 1, columns.length);
    return b;
  });
  const fields = columns.map((c, i) => new Field(c.name, built[i].type, true));
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children: built.map((b) => b.data) });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, data)]), 'stream');
}

/**
 * The columns as Arrow IPC streams of at most `rows` rows each, all with one schema: the engine
 * inserts one batch while the next is built (in another worker), and no buffer holds more than a
 * batch. Batches are large because each insert costs DuckDB-WASM a fixed toll: 632,000 rows took
 * 0.18 s in one batch, 0.4-0.6 s in three and 0.8-1.0 s in ten (warm, CPU time).
 */
export const BATCH_ROWS = 1 << 20;

export function* arrowBatches(columns: readonly TypedColumn[], rows = BATCH_ROWS): Generator<Uint8Array> {
  const length = columns[0]?.values.length ?? 0;
  if (length <= rows) {
    yield toArrowIPC(columns);
    return;
  }
  for (let from = 0; from < length; from += rows) yield toArrowIPC(columns.map((c) => ({ ...c, values: slice(c.values, from, from + rows) })));
}

function slice(values: readonly Value[] | TextColumn, from: number, to: number): readonly Value[] | TextColumn {
  // A TextColumn shares its chunk strings when the batch bounds fall on chunk edges (BATCH_ROWS does).
  return values.slice(from, to);
}
