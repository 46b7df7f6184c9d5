/** The console's list of tables and columns, read from DuckDB's information schema. */
import type { Engine } from '../../lib/engine';
import { toRows } from '../../lib/engine';

export interface SchemaTable {
  name: string;
  kind: string;
  columns: { name: string; type: string }[];
}

export const SCHEMA_SQL = `SELECT t.table_name, t.table_type, c.column_name, c.data_type
FROM information_schema.tables t JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
WHERE t.table_schema = 'main'
ORDER BY t.table_name, c.ordinal_position`;

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
