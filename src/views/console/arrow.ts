import { Type, type Table } from 'apache-arrow';

/**
 * Rows of an Arrow result as arrays of plain values, in column order, for the result table and its
 * CSV: dates and timestamps as ISO text (DuckDB-WASM hands them over as epoch milliseconds).
 */
export function valuesOf(table: Table): unknown[][] {
  const fields = table.schema.fields;
  const temporal = fields.map((f) => f.typeId === Type.Date || f.typeId === Type.Timestamp);
  const dateOnly = fields.map((f) => f.typeId === Type.Date);
  const cols = fields.map((_, i) => table.getChildAt(i));
  const out: unknown[][] = [];
  for (let r = 0; r < table.numRows; r++) {
    out.push(
      cols.map((v, i) => {
        const x = v?.get(r) ?? null;
        if (x === null || !temporal[i]) return x;
        const d = x instanceof Date ? x : new Date(Number(x));
        return dateOnly[i] ? d.toISOString().slice(0, 10) : d.toISOString().replace('T', ' ').replace('Z', '');
      }),
    );
  }
  return out;
}

const SQL_TYPES: [RegExp, string][] = [
  [/^Utf8|^LargeUtf8/, 'VARCHAR'],
  [/^Int8$/, 'TINYINT'],
  [/^Int16$/, 'SMALLINT'],
  [/^Int32$/, 'INTEGER'],
  [/^Int64$/, 'BIGINT'],
  [/^Uint/, 'UINTEGER'],
  [/^Float32$/, 'FLOAT'],
  [/^Float64$/, 'DOUBLE'],
  [/^Bool$/, 'BOOLEAN'],
  [/^Date/, 'DATE'],
  [/^Timestamp/, 'TIMESTAMP'],
  [/^Decimal/, 'DECIMAL'],
  [/^Binary/, 'BLOB'],
];

/** DuckDB's name for the Arrow type a result column arrives in, as the schema list shows it. */
export function sqlTypeName(arrowType: string): string {
  return SQL_TYPES.find(([re]) => re.test(arrowType))?.[1] ?? arrowType;
}
