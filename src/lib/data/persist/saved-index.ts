/**
 * The index of what is saved on this device: one small JSON document naming each saved table (its
 * file, column types, origins, size, date and where its Parquet copy is) and the firm mapping. Pure:
 * reading an index from storage treats it as untrusted (another version of the app, a damaged file)
 * and keeps only the entries it can read.
 */
import { FIRM_FIELDS, type FirmField, type FirmMapping } from '../import/mapping';
import { parseOrigins, type Origin } from '../provenance';
import { parseLineRuns, type LineRuns } from '../checks/lines';

export const INDEX_VERSION = 1;

export interface SavedColumn {
  name: string;
  type: string;
}

export interface SavedTable {
  /** Table name in the engine. */
  name: string;
  /** The file it was imported from, and the sheet of a workbook. */
  file: string;
  kind: string;
  sheet: string | null;
  rows: number;
  columns: SavedColumn[];
  origins: Origin[];
  /** Key of its Parquet copy in the device store. */
  blob: string;
  /** Size of that copy. */
  bytes: number;
  /** ISO time it was saved. */
  savedAt: string;
  /** Source lines of its rows, when the file had lines. */
  lines: LineRuns | null;
}

export interface SavedMapping {
  table: string;
  label: string;
  mapping: FirmMapping;
  outputFactor: number;
  /** The explorer ran on the mapped table when the page was left: it does again on the next visit. */
  active: boolean;
}

export interface SavedIndex {
  version: number;
  tables: SavedTable[];
  mapping: SavedMapping | null;
}

export const emptyIndex = (): SavedIndex => ({ version: INDEX_VERSION, tables: [], mapping: null });

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function parseTable(v: unknown): SavedTable | null {
  const t = v as Record<string, unknown> | null;
  if (!t || typeof t !== 'object') return null;
  if (!isString(t.name) || !t.name || !isString(t.file) || !isString(t.blob) || !/^[\w.-]+$/.test(t.blob)) return null;
  if (!isCount(t.rows) || !isCount(t.bytes) || !Array.isArray(t.columns)) return null;
  const columns = t.columns.filter((c): c is SavedColumn => !!c && isString((c as SavedColumn).name) && isString((c as SavedColumn).type));
  if (columns.length !== t.columns.length) return null;
  return {
    name: t.name,
    file: t.file,
    kind: isString(t.kind) ? t.kind : 'csv',
    sheet: isString(t.sheet) ? t.sheet : null,
    rows: t.rows,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    origins: parseOrigins(t.origins ?? []),
    blob: t.blob,
    bytes: t.bytes,
    savedAt: isString(t.savedAt) ? t.savedAt : '',
    lines: parseLineRuns(t.lines),
  };
}

function parseMapping(v: unknown, tables: readonly SavedTable[]): SavedMapping | null {
  const m = v as Record<string, unknown> | null;
  if (!m || typeof m !== 'object' || !isString(m.table) || !tables.some((t) => t.name === m.table)) return null;
  const raw = (m.mapping ?? {}) as Record<string, unknown>;
  const mapping = Object.fromEntries(FIRM_FIELDS.map((f: FirmField) => [f, isString(raw[f]) ? raw[f] : null])) as FirmMapping;
  const factor = typeof m.outputFactor === 'number' && Number.isFinite(m.outputFactor) && m.outputFactor > 0 ? m.outputFactor : 1e4;
  return { table: m.table, label: isString(m.label) ? m.label : m.table, mapping, outputFactor: factor, active: m.active === true };
}

/** Reads an index from untrusted JSON; anything unreadable is left out (a wholly unreadable one is empty). */
export function parseIndex(v: unknown): SavedIndex {
  const o = v as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || o.version !== INDEX_VERSION || !Array.isArray(o.tables)) return emptyIndex();
  const tables: SavedTable[] = [];
  for (const t of o.tables.map(parseTable)) if (t && !tables.some((x) => x.name === t.name)) tables.push(t);
  return { version: INDEX_VERSION, tables, mapping: parseMapping(o.mapping, tables) };
}

/**
 * Reads the stored index text: no text is an empty index; text that is not JSON (a damaged file) is an
 * empty index too, with the parser's message in `damaged` so the caller can say so.
 */
export function readIndexText(text: string | null): { index: SavedIndex; damaged: string | null } {
  if (text === null) return { index: emptyIndex(), damaged: null };
  try {
    return { index: parseIndex(JSON.parse(text)), damaged: null };
  } catch (err) {
    return { index: emptyIndex(), damaged: (err as Error)?.message ?? String(err) };
  }
}

/** The index with `t` saved (replacing a table of the same name), and the blob that copy replaces. */
export function withTable(index: SavedIndex, t: SavedTable): { index: SavedIndex; replaced: string | null } {
  const old = index.tables.find((x) => x.name === t.name) ?? null;
  const tables = old ? index.tables.map((x) => (x.name === t.name ? t : x)) : [...index.tables, t];
  return { index: { ...index, tables }, replaced: old && old.blob !== t.blob ? old.blob : null };
}

/** The index without table `name` (and without its mapping), and the blob to delete. */
export function withoutTable(index: SavedIndex, name: string): { index: SavedIndex; removed: string | null } {
  const old = index.tables.find((x) => x.name === name) ?? null;
  return {
    index: { ...index, tables: index.tables.filter((x) => x.name !== name), mapping: index.mapping?.table === name ? null : index.mapping },
    removed: old?.blob ?? null,
  };
}

/** The index with this mapping (or none); a mapping of a table that is not saved is not kept. */
export function withMapping(index: SavedIndex, mapping: SavedMapping | null): SavedIndex {
  return { ...index, mapping: mapping && index.tables.some((t) => t.name === mapping.table) ? mapping : null };
}

/** Stored blobs no table of the index refers to (left by a write that never reached the index). */
export function orphanBlobs(index: SavedIndex, blobs: readonly string[]): string[] {
  const used = new Set(index.tables.map((t) => t.blob));
  return blobs.filter((b) => !used.has(b));
}

/** Bytes of every saved table together. */
export const savedBytes = (index: SavedIndex): number => index.tables.reduce((s, t) => s + t.bytes, 0);
