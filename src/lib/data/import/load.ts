/**
 * Putting staged tables into the engine and taking them out again, mapping one onto the `firms`
 * view and restoring the bundled data. Every name from a file is quoted; every value is bound.
 * The list of loaded tables lives here, outside any component, so it survives a change of view.
 */
import type { Engine } from '../../engine';
import { toRows } from '../../engine';
import { dropTableSql, quoteIdent, quoteLiteral } from '../../sql';
import { DESCRIBE_SQL, FIRM_TABLE, TABLE_NAMES_SQL } from '../../sql';
import { setSourceLines, type LineRuns } from '../checks/lines';
import { bundledManifestUrl, registerDataset } from '../catalog';
import { readKvMetadata } from '../parquet-meta';
import { importedOrigins, parseOrigins, PARQUET_KEY, viewProvenance, type Origin } from '../provenance';
import { forget, originsOf, setOrigins, setView } from '../registry';
import { firmSource, setFirmSource } from '../source';
import { toArrowIPC } from './arrow';
import type { FileKind } from './kind';
import { firmMappingStatements, unrecognisedSql, type FirmMapping, type MappingOptions } from './mapping';
import { ImportError } from './problems';
import { typedColumns, type StagedGrid, type StagedParquet } from './stage';

export interface LoadedColumn {
  name: string;
  type: string;
}

export interface LoadedTable {
  name: string;
  file: string;
  kind: FileKind;
  sheet: string | null;
  rows: number;
  columns: LoadedColumn[];
}

let tables: LoadedTable[] = [];
const listeners = new Set<(t: readonly LoadedTable[]) => void>();
const emit = () => {
  for (const fn of listeners) fn(tables);
};

export const loadedTables = (): readonly LoadedTable[] => tables;

export function onLoadedTables(fn: (t: readonly LoadedTable[]) => void): () => void {
  listeners.add(fn);
  fn(tables);
  return () => listeners.delete(fn);
}

/** Column names and DuckDB types of a table, in order. */
async function describeTable(engine: Engine, table: string): Promise<LoadedColumn[]> {
  const rows = toRows(await engine.queryParams(DESCRIBE_SQL, [table]));
  return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
}

/**
 * Lists table `t` as loaded. Its origins and source lines are recorded before the list is announced,
 * so that whoever listens for new tables (saving them on this device) reads them; a table without
 * lines clears those a former table of the same name left.
 */
async function register(
  engine: Engine,
  t: Omit<LoadedTable, 'rows' | 'columns'>,
  origins: Origin[],
  lines: LineRuns | null = null,
): Promise<LoadedTable> {
  setOrigins(t.name, origins);
  setSourceLines(t.name, lines);
  const [count] = toRows(await engine.query(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(t.name)}`));
  const loaded: LoadedTable = { ...t, rows: Number(count.n), columns: await describeTable(engine, t.name) };
  tables = [...tables.filter((x) => x.name !== t.name), loaded];
  emit();
  engine.invalidate();
  return loaded;
}

/** Lists a table already in the engine as loaded, with its origins and source lines (tables saved on this device, read back). */
export const adoptTable = register;

/** What the list of loaded tables says about a table's source. */
export interface ArrowSource {
  file: string;
  kind: FileKind;
  sheet: string | null;
  /** Origins the file states (a CSV this app exported), or null. */
  origins: Origin[] | null;
}

/**
 * Creates table `name` from Arrow IPC bytes, one stream or a sequence of batches with one schema
 * (made by the import worker as the engine takes them, see client.ts). The bytes are moved to the
 * engine's worker, not copied. A failed or cancelled import (through `signal`, or a batch source
 * that fails) leaves no table behind. `lines` gives the rows' source lines once every batch is in
 * (the import worker knows them only then).
 */
export async function loadArrow(
  engine: Engine,
  ipc: Uint8Array | AsyncIterable<Uint8Array>,
  source: ArrowSource,
  name: string,
  signal?: AbortSignal,
  lines: () => LineRuns | null = () => null,
): Promise<LoadedTable> {
  const batches = ipc instanceof Uint8Array ? [ipc] : ipc;
  await engine.exclusive(async (conn) => {
    if (!conn.insertArrowIPC) throw new Error('this engine cannot take Arrow tables');
    const drop = () => conn.query(dropTableSql(name)).catch(() => undefined);
    let first = true;
    try {
      for await (const batch of batches) {
        if (signal?.aborted) break;
        try {
          await conn.insertArrowIPC(name, batch, { append: !first });
        } catch (err) {
          throw new ImportError({ code: 'engine', file: source.file, detail: (err as Error).message });
        }
        first = false;
      }
    } catch (err) {
      await drop();
      throw err;
    }
    if (signal?.aborted) {
      await drop();
      throw signal.reason;
    }
  });
  return register(
    engine,
    { name, file: source.file, kind: source.kind, sheet: source.sheet },
    importedOrigins(source.file, source.origins ?? []),
    lines(),
  );
}

/** Creates table `name` from a staged text, JSON or workbook table with the chosen column types (in this thread). */
export async function loadGrid(engine: Engine, s: StagedGrid, name: string): Promise<LoadedTable> {
  return loadArrow(engine, toArrowIPC(typedColumns(s)), s, name);
}

let parquetSeq = 0;

/**
 * Copies a Parquet file into table `name`. The bytes are registered under a private name only for
 * the copy, so that a truncated or corrupt file fails here, with its name, and not later in a chart.
 */
export async function loadParquet(engine: Engine, s: StagedParquet, name: string, signal?: AbortSignal): Promise<LoadedTable> {
  const fileName = `import_${++parquetSeq}.parquet`;
  // Read before the bytes go to the worker: registering a buffer transfers it, leaving it empty here.
  const origins = importedOrigins(s.file, statedOrigins(s.bytes));
  await engine.exclusive(async (conn) => {
    await conn.registerBuffer(fileName, s.bytes);
    try {
      await conn.query(`CREATE TABLE ${quoteIdent(name)} AS SELECT * FROM read_parquet(${quoteLiteral(fileName)})`);
    } catch (err) {
      await conn.query(dropTableSql(name)).catch(() => undefined);
      throw new ImportError({ code: 'parquet-unreadable', file: s.file, detail: (err as Error).message.split('\n')[0] });
    } finally {
      await conn.dropFile(fileName).catch(() => undefined);
    }
    if (signal?.aborted) {
      await conn.query(dropTableSql(name));
      throw signal.reason;
    }
  });
  return register(engine, { name, file: s.file, kind: 'parquet', sheet: null }, origins);
}

/** Origins a Parquet file states in its key-value metadata (files this app exported do). */
function statedOrigins(bytes: Uint8Array): Origin[] {
  try {
    const json = readKvMetadata(bytes)[PARQUET_KEY];
    return json ? parseOrigins(JSON.parse(json)) : [];
  } catch {
    // Unreadable metadata states nothing; DuckDB has already read the rows themselves.
    return [];
  }
}

/** Drops an imported table; if the firm views run on it, they go back to the bundled data first. */
export async function removeTable(engine: Engine, name: string): Promise<void> {
  const src = firmSource();
  if (src.kind === 'user' && src.table === name) await restoreBundled(engine);
  await engine.query(dropTableSql(name));
  forget(name);
  // A later table of the same name must not be given this file's line numbers.
  setSourceLines(name, null);
  tables = tables.filter((t) => t.name !== name);
  emit();
  engine.invalidate();
}

export interface MappingResult {
  rows: number;
  /** Per field, source values that were not recognised and became NULL. */
  unrecognised: { field: string; n: number; examples: string[] }[];
}

/** Builds the mapped firm table from `source` and points the `firms` view (and every firm chart) at it. */
export async function applyFirmMapping(engine: Engine, source: string, label: string, mapping: FirmMapping, options: MappingOptions): Promise<MappingResult> {
  const types = Object.fromEntries((await describeTable(engine, source)).map((c) => [c.name, c.type]));
  const unrecognised: MappingResult['unrecognised'] = [];
  let rows = 0;
  // The mapped rows are the source table's: a re-imported export of modelled rows stays modelled.
  const origins = originsOf([source]);
  const opts = { ...options, modelled: viewProvenance(origins).modelled };
  await engine.exclusive(async (conn) => {
    for (const sql of firmMappingStatements(source, mapping, types, opts)) await conn.query(sql);
    rows = Number(toRows(await conn.query('SELECT count(*)::BIGINT AS n FROM firms_user'))[0].n);
    const check = unrecognisedSql(source, mapping, types, opts);
    if (check) {
      for (const r of toRows(await conn.query(check))) {
        unrecognised.push({ field: String(r.field), n: Number(r.n), examples: (r.examples as unknown[] | null ?? []).map(String) });
      }
    }
  });
  setOrigins('firms_user', origins);
  setView(FIRM_TABLE, ['firms_user']);
  setFirmSource({ kind: 'user', table: source, label });
  engine.invalidate();
  return { rows, unrecognised };
}

/** Points every bundled view back at its Parquet file and the firm views at the bundled firms. */
export async function restoreBundled(engine: Engine): Promise<void> {
  await registerDataset(engine, bundledManifestUrl());
  await engine.query('DROP TABLE IF EXISTS firms_user');
  forget('firms_user');
  setFirmSource({ kind: 'bundled' });
  engine.invalidate();
}

/**
 * Recreates the bundled views after SQL console statements may have dropped or replaced them. A
 * user's mapped firm table, if still there, keeps the firm views; imported tables are left alone,
 * and tables the console dropped leave the list.
 */
export async function repairBundled(engine: Engine): Promise<void> {
  await registerDataset(engine, bundledManifestUrl());
  const src = firmSource();
  if (src.kind === 'user') {
    const [r] = toRows(await engine.query(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'firms_user'`));
    if (Number(r.n) > 0) {
      await engine.query('CREATE OR REPLACE VIEW firms AS SELECT * FROM firms_user');
      setView(FIRM_TABLE, ['firms_user']);
    } else setFirmSource({ kind: 'bundled' });
  }
  await syncLoadedTables(engine);
  engine.invalidate();
}

/** Drops from the list the imported tables that no longer exist (a console user may DROP them). */
export async function syncLoadedTables(engine: Engine): Promise<void> {
  if (tables.length === 0) return;
  const existing = new Set(toRows(await engine.query(TABLE_NAMES_SQL)).map((r) => String(r.table_name)));
  const next = tables.filter((t) => existing.has(t.name));
  for (const t of tables) if (!existing.has(t.name)) setSourceLines(t.name, null);
  if (next.length !== tables.length) {
    tables = next;
    emit();
  }
}
