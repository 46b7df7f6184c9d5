/**
 * Typed columns to Arrow IPC bytes, the form in which DuckDB-WASM takes a table from JavaScript.
 * Crossing as bytes rather than as an Arrow Table object keeps the page free of any question of
 * which copy of apache-arrow built the object.
 */
import { Bool, DateDay, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import type { ColumnType, Value } from './types';

export interface TypedColumn {
  name: string;
  type: ColumnType;
  /** An integer column whose values do not fit 32 bits. */
  wide?: boolean;
  values: readonly Value[];
}

function arrowType(c: TypedColumn): DataType {
  switch (c.type) {
    case 'integer':
      return c.wide ? new Int64() : new Int32();
    case 'number':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'date':
      return new DateDay();
    default:
      return new Utf8();
  }
}

/** Arrow IPC stream of the columns (all of the same length), names kept exactly as given. */
export function toArrowIPC(columns: readonly TypedColumn[]): Uint8Array {
  const length = columns[0]?.values.length ?? 0;
  const fields: Field[] = [];
  const children = columns.map((c) => {
    const type = arrowType(c);
    fields.push(new Field(c.name, type, true));
    const values = c.type === 'integer' && c.wide ? c.values.map((v) => (v === null ? null : BigInt(v as number))) : c.values;
    // vectorFromArray builds one chunk (checked in the unit tests), which one batch needs.
    return vectorFromArray(values as unknown[], type).data[0];
  });
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  const table = new Table(schema, [new RecordBatch(schema, data)]);
  return tableToIPC(table, 'stream');
}
