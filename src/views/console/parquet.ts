import { Table, tableToIPC } from 'apache-arrow';
import { withKvMetadata } from '../../lib/data/parquet-meta';
import { PARQUET_KEY } from '../../lib/data/provenance';
import type { Engine } from '../../lib/engine';
import { copyToParquetSql, dropTableSql } from '../../lib/sql';
import type { ConsoleResult } from './state.svelte';

/**
 * The shown result as a Parquet file: it goes back into DuckDB as Arrow and out with COPY, so the
 * file holds what the table shows, and its key-value metadata names where the rows come from, so
 * importing it again keeps the mark.
 */
export async function resultParquet(engine: Engine, result: ConsoleResult): Promise<Uint8Array> {
  const tmp = `__export_${Date.now()}`;
  const file = `${tmp}.parquet`;
  const ipc = tableToIPC(new Table(result.batches.flatMap((b) => b.batches)).slice(0, result.rows.length), 'stream');
  const bytes = await engine.exclusive(async (conn) => {
    if (!conn.insertArrowIPC) throw new Error('this engine cannot take Arrow tables');
    await conn.insertArrowIPC(tmp, ipc);
    try {
      await conn.query(copyToParquetSql(tmp, file));
      return await conn.copyFileToBuffer(file);
    } finally {
      await conn.query(dropTableSql(tmp)).catch(() => undefined);
      await conn.dropFile(file).catch(() => undefined);
    }
  });
  return result.origins.length ? withKvMetadata(bytes, { [PARQUET_KEY]: JSON.stringify(result.origins) }) : bytes;
}
