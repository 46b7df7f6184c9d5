/** Questions about the engine's own catalog: which tables exist and what columns they have. */

/** Every table and view of the main schema with its columns in order (table_name, table_type, column_name, data_type). */
export const SCHEMA_SQL = `SELECT t.table_name, t.table_type, c.column_name, c.data_type
FROM information_schema.tables t JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
WHERE t.table_schema = 'main'
ORDER BY t.table_name, c.ordinal_position`;

/** Names of every table and view (table_name). */
export const TABLE_NAMES_SQL = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`;

/** Columns of one table, bound as the single `?` parameter (name, type). */
export const DESCRIBE_SQL = `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`;
