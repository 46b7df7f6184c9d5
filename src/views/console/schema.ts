/** The console's list of tables and columns, read from DuckDB's information schema. */
import type { Engine } from '../../lib/engine';
import { toRows } from '../../lib/engine';
import { SCHEMA_SQL } from '../../lib/sql';

export interface SchemaTable {
  name: string;
  kind: string;
  columns: { name: string; type: string }[];
}

export async function readSchema(engine: Engine): Promise<SchemaTable[]> {
  const byName = new Map<string, SchemaTable>();
  for (const r of toRows(await engine.query(SCHEMA_SQL))) {
    const name = String(r.table_name);
    let t = byName.get(name);
    if (!t) byName.set(name, (t = { name, kind: String(r.table_type), columns: [] }));
    t.columns.push({ name: String(r.column_name), type: String(r.data_type) });
  }
  return [...byName.values()];
}
