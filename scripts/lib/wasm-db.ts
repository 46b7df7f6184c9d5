/**
 * Opens the engine the app ships (DuckDB-WASM 1.28.0, blocking Node build) over the built data, so
 * tests check SQL and Parquet against the real thing rather than a native DuckDB of another version.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as blocking from '@duckdb/duckdb-wasm/blocking';
import type { DuckDBBindings, DuckDBConnection, DuckDBRuntime } from '@duckdb/duckdb-wasm/blocking';

/** An open DuckDB-WASM instance with one view per table of data/manifest.json. */
export interface WasmDb {
  /** Runs `sql` and returns plain row objects; BIGINT/HUGEINT/DECIMAL values become numbers. */
  query<T = Record<string, unknown>>(sql: string): T[];
  /** The raw connection, for Arrow results or prepared statements. */
  conn: DuckDBConnection;
  /** The bindings, for the virtual file system (registerFileBuffer, copyFileToBuffer, dropFile). */
  db: DuckDBBindings;
  /** Closes the connection and drops the cached instance. */
  close(): void;
}

/** The part of an Arrow table the row conversion reads (kept structural: see toPlain). */
interface ArrowTable {
  numRows: number;
  schema: { fields: { name: string; type: ArrowType }[] };
  getChildAt(index: number): { get(row: number): unknown } | null;
}
interface ArrowType {
  typeId: number;
  scale?: number;
}

interface ManifestTable {
  name: string;
  file: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'node_modules/@duckdb/duckdb-wasm/dist');

// Under "bundler" resolution TypeScript sees the browser typings of this entry point; at run time
// Node resolves the node build, which also exports NODE_RUNTIME.
const { createDuckDB, NODE_RUNTIME, VoidLogger } = blocking as typeof blocking & { NODE_RUNTIME: DuckDBRuntime };

// Starting the engine takes about a second, so each test process shares one instance.
let cached: Promise<WasmDb> | null = null;

/** Opens (once per process) DuckDB-WASM with every table of `<dataDir>/manifest.json` as a view. */
export function openWasmDb(dataDir = 'data'): Promise<WasmDb> {
  cached ??= start(isAbsolute(dataDir) ? dataDir : join(root, dataDir)).catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

async function start(dataDir: string): Promise<WasmDb> {
  const db: DuckDBBindings = await createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  const conn = db.connect();
  // A failed extension download breaks the instance; the app never needs one.
  conn.query('SET autoload_known_extensions = false');

  const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as { tables: ManifestTable[] };
  for (const t of manifest.tables) {
    db.registerFileBuffer(t.file, new Uint8Array(readFileSync(join(dataDir, t.file))));
    conn.query(`CREATE VIEW "${t.name}" AS SELECT * FROM read_parquet('${t.file}')`);
  }

  return {
    conn,
    db,
    query<T = Record<string, unknown>>(sql: string): T[] {
      return toRows(conn.query(sql) as unknown as ArrowTable) as T[];
    },
    close() {
      conn.close();
      cached = null;
    },
  };
}

function toRows(table: ArrowTable): Record<string, unknown>[] {
  const fields = table.schema.fields;
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) {
      row[fields[c].name] = toPlain(table.getChildAt(c)?.get(r), fields[c].type);
    }
    rows.push(row);
  }
  return rows;
}

// Arrow's type id for Decimal (fixed by the Arrow format). Checked by id, not with apache-arrow's
// DataType.isDecimal, because apache-arrow 13's typings do not resolve under "bundler" resolution.
const ARROW_DECIMAL = 7;

function toPlain(value: unknown, type: ArrowType): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  // DuckDB hands HUGEINT (e.g. SUM of INTEGER) and DECIMAL to Arrow as decimals, whose string form
  // is the unscaled integer.
  if (type.typeId === ARROW_DECIMAL) return Number(String(value)) / 10 ** (type.scale ?? 0);
  return value;
}
