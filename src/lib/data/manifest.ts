/** Shape of data/manifest.json, written by scripts/build-data.mjs. */
export interface Bilingual {
  zh: string;
  en: string;
}

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
  provenance: 'published' | 'modelled';
  label: Bilingual;
  description: Bilingual;
  columns: ColumnInfo[];
}

export interface Manifest {
  version: number;
  dataVersion: string;
  source: { title_zh: string; title_en: string; publisher: string; date: string; file: string };
  tables: TableInfo[];
}

/** Reads a manifest and checks the parts the app relies on, with an error that names the URL. */
export async function fetchManifest(url: string, fetchFn: typeof fetch = fetch): Promise<Manifest> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (err) {
    throw new Error(`Could not load the data manifest ${url}: ${(err as Error).message}`);
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
