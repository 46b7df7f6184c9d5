/** Shape of data/manifest.json, written by scripts/build-data.mjs. */
import { parseOrigin, type Bilingual, type Origin, type SourceRef } from './provenance';

export interface ColumnInfo {
  name: string;
  type: 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | string;
  label: Bilingual;
  unit: Bilingual | null;
  /** Every value of a categorical column, when the manifest lists them (saves a scan of big tables). */
  values?: string[];
}

export interface TableInfo {
  name: string;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  /** Version 2: where the rows come from. Version 1 manifests said 'published' | 'modelled' (see `tableOrigins`). */
  provenance: unknown;
  /** Version 1 only: the published figures the rows reproduce. */
  sourceFacts?: string[];
  label: Bilingual;
  description: Bilingual;
  columns: ColumnInfo[];
  /**
   * Large tables: the bounds of `column` (which the file is sorted by) that split its loading into
   * memory into slices, b0 <= ... <= bn, so progress can be shown after each slice.
   */
  load?: { column: string; bounds: number[] };
}

export interface Manifest {
  version: number;
  dataVersion: string;
  source?: { title_zh: string; title_en: string; publisher: string; date: string; file: string };
  tables: TableInfo[];
  /** Answers to the first-paint queries over these tables (scale data), keyed by SQL text. */
  firstPaint?: { answers: Record<string, Record<string, unknown>[]> };
}

/** Reads a manifest and checks the parts the app relies on, with an error that names the URL. */
export async function fetchManifest(url: string, fetchFn: typeof fetch = fetch): Promise<Manifest> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (err) {
    throw new Error(`Could not load the data manifest ${url}: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok) throw new Error(`Could not load the data manifest ${url}: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new Error(`The data manifest ${url} is not valid JSON.`);
  }
  const m = json as Manifest;
  if (!m || !Array.isArray(m.tables) || m.tables.some((t) => typeof t?.name !== 'string' || typeof t?.file !== 'string')) {
    throw new Error(`The data manifest ${url} has no valid "tables" list (each needs "name" and "file").`);
  }
  return m;
}

/**
 * The origin a manifest states for one of its tables. Version 2 gives an object; version 1 gave a
 * word and one source for the whole manifest, which is read the same way. Anything else is no
 * origin at all (the view then names none rather than guessing).
 */
export function tableOrigins(m: Manifest, t: TableInfo): Origin[] {
  if (t.provenance && typeof t.provenance === 'object') {
    const o = parseOrigin(t.provenance);
    return o ? [o] : [];
  }
  if (t.provenance !== 'published' && t.provenance !== 'modelled') return [];
  const s = m.source;
  const source: SourceRef | null = s
    ? {
        publisher: { zh: s.publisher.split(' ')[0] ?? s.publisher, en: s.publisher.split(' ').slice(1).join(' ') || s.publisher },
        title: { zh: s.title_zh, en: s.title_en },
        date: s.date,
        url: null,
      }
    : null;
  const facts = Array.isArray(t.sourceFacts) ? t.sourceFacts.filter((f) => typeof f === 'string') : [];
  if (t.provenance === 'modelled') return [{ kind: 'modelled', source, facts, rows: t.label ?? null }];
  return source ? [{ kind: 'published', source, facts }] : [];
}
