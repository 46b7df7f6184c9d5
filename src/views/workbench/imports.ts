/**
 * The import workflows of the data view: files picked or dropped are read and staged in an import
 * worker each (Parquet goes straight to the engine), previews are restaged and retyped there, and a
 * staged table is loaded into the engine as Arrow IPC. Progress and Cancel go through `view.job`.
 */
import { ImportWorker, cancelled, isCancelled } from '../../lib/data/import/client';
import { loadArrow, loadParquet } from '../../lib/data/import/load';
import { shapeLimits } from '../../lib/data/import/limits';
import { tableNameFor } from '../../lib/data/import/names';
import { ImportError } from '../../lib/data/import/problems';
import type { ImportPhase } from '../../lib/data/import/protocol';
import { admit, readBytes } from '../../lib/data/import/read';
import { checkKind } from '../../lib/data/import/kind';
import type { GridKind, StageOptions, StagedParquet } from '../../lib/data/import/stage';
import type { ColumnType } from '../../lib/data/import/types';
import { engine, toRows } from '../../lib/engine';
import { TABLE_NAMES_SQL } from '../../lib/sql';
import { nextId, view, type StagedItem } from './state.svelte';

const deviceMemory = () => (navigator as Navigator & { deviceMemory?: number }).deviceMemory;

/** Shows what stopped an import; `closed` when a cancel also closed the file's preview. */
function report(err: unknown, file: string, closed = false): void {
  if (isCancelled(err)) view.notice = closed ? { kind: 'cancelled', file, closed } : { kind: 'cancelled', file };
  else if (err instanceof ImportError) view.alerts.push({ id: nextId(), problem: err.problem });
  else view.alerts.push({ id: nextId(), problem: { code: 'engine', file, detail: (err as Error)?.message ?? String(err) } });
}

async function existingNames(except?: string): Promise<string[]> {
  const rows = toRows(await engine.query(TABLE_NAMES_SQL));
  return [...rows.map((r) => String(r.table_name)), ...view.staged.map((s) => s.name)].filter((n) => n !== except);
}

/** Starts a job for `file`; the returned function reports a worker's progress into it. */
function track(
  file: string,
  phase: ImportPhase | 'loading',
  cancel: () => void,
): (phase: ImportPhase, done: number, total: number) => void {
  view.job = { file, phase, done: 0, total: 0, cancel };
  return (p, done, total) => {
    if (view.job?.file === file) view.job = { ...view.job, phase: p, done, total };
  };
}

const replace = (item: StagedItem, next: Partial<StagedItem>) =>
  (view.staged = view.staged.map((x) => (x.id === item.id ? { ...x, ...next } : x)));

/** Drops a staged preview and ends its worker. */
export function discard(item: StagedItem): void {
  view.staged = view.staged.filter((x) => x.id !== item.id);
  item.worker.close();
}

/** Reads and stages each file in turn; Cancel stops the file being read and the ones after it. */
export async function takeFiles(files: File[]): Promise<void> {
  view.alerts = [];
  view.notice = null;
  let stop = false;
  for (const file of files) {
    if (stop) break;
    try {
      const kind = admit(file, deviceMemory());
      if (kind === 'parquet') await takeParquet(file, () => (stop = true));
      else {
        const worker = new ImportWorker(file.name);
        const progress = track(file.name, 'reading', () => {
          stop = true;
          worker.cancel();
        });
        try {
          const staged = await worker.open(file, kind as GridKind, shapeLimits(deviceMemory()), progress);
          const name = tableNameFor(file.name, null, await existingNames());
          view.staged = [...view.staged, { id: nextId(), worker, staged, name }];
        } catch (err) {
          worker.close();
          throw err;
        }
      }
    } catch (err) {
      report(err, file.name);
    } finally {
      view.job = null;
    }
  }
}

/** A Parquet file is read here (in chunks, never blocking) and copied into the engine by DuckDB. */
async function takeParquet(file: File, stopBatch: () => void): Promise<void> {
  const abort = new AbortController();
  const progress = track(file.name, 'reading', () => {
    stopBatch();
    abort.abort(cancelled());
  });
  const bytes = await readBytes(file, (done, total) => progress('reading', done, total), abort.signal);
  const problem = checkKind(file.name, 'parquet', bytes);
  if (problem) throw new ImportError(problem);
  const staged: StagedParquet = { file: file.name, size: bytes.length, kind: 'parquet', bytes };
  if (view.job) view.job = { ...view.job, phase: 'loading', done: 0, total: 0 };
  const name = tableNameFor(file.name, null, await existingNames());
  const t = await loadParquet(engine, staged, name, abort.signal);
  view.notice = { kind: 'loaded', name: t.name, rows: t.rows, columns: null };
}

/**
 * Stages a previewed file again with other options. A new sheet, encoding or delimiter changes the
 * grid, so its header row is detected again; otherwise the chosen header row is kept.
 */
export async function restage(item: StagedItem, opts: StageOptions): Promise<void> {
  const s = item.staged;
  const merged: StageOptions = {
    encoding: s.encoding ?? undefined,
    delimiter: s.delimiter ?? undefined,
    sheet: s.sheet ?? undefined,
    ...opts,
  };
  if (!('headerRow' in opts) && opts.sheet === undefined && opts.encoding === undefined && opts.delimiter === undefined)
    merged.headerRow = s.headerRow;
  // Cancel must stop the worker mid-way, and the staged table lives in that worker: the preview
  // closes with it, and the notice says to pick the file again.
  const progress = track(s.file, 'parsing', () => discard(item));
  try {
    const next = await item.worker.restage(merged, progress);
    const current = view.staged.find((x) => x.id === item.id);
    if (!current) return;
    const taken = await existingNames(current.name);
    const name = opts.sheet !== undefined ? tableNameFor(s.file, opts.sheet === next.sheets[0] ? null : opts.sheet, taken) : current.name;
    replace(item, { staged: next, name });
  } catch (err) {
    report(err, s.file, true);
  } finally {
    view.job = null;
  }
}

/** Converts a preview's columns to the types the user chose. */
export async function retype(item: StagedItem, types: ColumnType[]): Promise<void> {
  const progress = track(item.staged.file, 'checking', () => discard(item));
  try {
    replace(item, { staged: await item.worker.retype(types, progress) });
  } catch (err) {
    // As in restage: a cancelled retype took the staged table's worker with it.
    report(err, item.staged.file, true);
  } finally {
    view.job = null;
  }
}

/** Loads a staged table into the engine under the name the user gave it, then ends its worker. */
export async function load(item: StagedItem): Promise<void> {
  const current = view.staged.find((x) => x.id === item.id) ?? item;
  const s = current.staged;
  const abort = new AbortController();
  const progress = track(s.file, 'converting', () => {
    abort.abort(cancelled());
    discard(current);
  });
  try {
    const taken = await existingNames(current.name);
    const name = tableNameFor(`${current.name.trim()}.table`, null, taken);
    // The worker converts batch after batch while the engine inserts them.
    // Registry checks name the file's lines (lib/data/checks/lines.ts): the worker knows them once
    // every batch is converted, and they are recorded with the table.
    const t = await loadArrow(engine, current.worker.batches(progress), s, name, abort.signal, () => current.worker.sourceLines);
    discard(current);
    view.notice = { kind: 'loaded', name: t.name, rows: t.rows, columns: t.columns.length };
  } catch (err) {
    report(err, s.file);
  } finally {
    view.job = null;
  }
}
