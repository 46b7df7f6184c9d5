import type { Table } from 'apache-arrow';
import { unionOrigins, type Origin } from '../../lib/data/provenance';
import { adoptUnknown, originsOfSql, recordStatement } from '../../lib/data/registry';
import { toRows, type Engine } from '../../lib/engine';
import { MEMORY_LIMIT_SQL, TABLE_NAMES_SQL } from '../../lib/sql';
import { sqlTypeName, valuesOf } from './arrow';
import type { ConsoleResult } from './state.svelte';
import { isReadOnly, type Statement } from './statements';

/** Rows kept for display and export; the console says when a result was cut. */
export const MAX_ROWS = 100_000;

/** Statements whose Arrow answer is a status, not a result to show. */
const NO_RESULT = /^(CREATE|DROP|ALTER|INSERT|UPDATE|DELETE|COPY|SET|ATTACH|DETACH|USE|LOAD|INSTALL|CHECKPOINT|VACUUM)\b/i;
const leadingComments = /^(\s|--[^\n]*\n)*/;

/** A failed run: the engine's error (`cause`), the statement it failed in, and whether data changed before. */
export class RunError extends Error {
  constructor(
    cause: unknown,
    readonly statement: Statement,
    readonly changed: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * Runs the console's statements in order with exclusive use of the engine, and returns the last
 * one's result with the origins of the tables it read. Statements that change data are recorded in
 * the provenance catalog; tables it could not follow get the origins of everything the run read.
 * Reads are streamed, so `engine.cancel()` stops them, and cut at `maxRows`.
 */
export async function runStatements(
  engine: Engine,
  statements: readonly Statement[],
  { pageOrigin, maxRows = MAX_ROWS }: { pageOrigin: string; maxRows?: number },
): Promise<{ result: ConsoleResult; changed: boolean }> {
  const t0 = performance.now();
  let changed = false;
  let truncated = false;
  const batches: Table[] = [];
  let rows: unknown[][] = [];
  let read: Origin[] = [];
  let resultOrigins: Origin[] = [];
  let current = statements[0];
  try {
    await engine.exclusive(async (conn) => {
      for (let k = 0; k < statements.length; k++) {
        current = statements[k];
        const origins = originsOfSql(current.sql, pageOrigin);
        read = unionOrigins(read, origins);
        resultOrigins = origins;
        const readOnly = isReadOnly(current.sql);
        if (!readOnly) {
          changed = true;
          recordStatement(current.sql, pageOrigin);
        }
        // Only reads are streamed (and so cancellable): DuckDB-WASM reports a failed DDL statement
        // sent as a stream as "fetch from an unsuccessful query result", hiding the real error.
        const last = k === statements.length - 1;
        if (!last || !readOnly) {
          const t = await conn.query(current.sql);
          if (last && t.numCols > 0 && !NO_RESULT.test(current.sql.replace(leadingComments, ''))) {
            batches.push(t);
            rows = valuesOf(t).slice(0, maxRows);
            truncated = t.numRows > maxRows;
          }
          continue;
        }
        const stream = await conn.stream(current.sql);
        for await (const batch of stream) {
          batches.push(batch);
          rows = rows.concat(valuesOf(batch));
          if (rows.length >= maxRows) {
            truncated = true;
            rows = rows.slice(0, maxRows);
            await conn.cancel();
            break;
          }
        }
      }
    });
  } catch (err) {
    throw new RunError(err, current, changed);
  } finally {
    if (changed) await adoptNewTables(engine, read);
  }
  const schema = batches[0]?.schema;
  return {
    changed,
    result: {
      columns: schema ? schema.fields.map((f) => f.name) : [],
      types: schema ? schema.fields.map((f) => sqlTypeName(String(f.type))) : [],
      rows,
      batches,
      truncated,
      ms: performance.now() - t0,
      origins: resultOrigins,
    },
  };
}

/** Tables a statement made that the catalog could not follow get the origins of what the run read. */
async function adoptNewTables(engine: Engine, read: Origin[]): Promise<void> {
  try {
    adoptUnknown(
      toRows(await engine.query(TABLE_NAMES_SQL)).map((r) => String(r.table_name)),
      read,
    );
  } catch {
    // The catalog only names sources; a failure here must not hide the statement's own result.
  }
}

/** The engine's memory limit as DuckDB states it (the console may have changed it with SET). */
export async function memoryLimit(engine: Engine): Promise<string> {
  try {
    return String(toRows(await engine.query(MEMORY_LIMIT_SQL))[0]?.m ?? '?');
  } catch {
    return '?';
  }
}
