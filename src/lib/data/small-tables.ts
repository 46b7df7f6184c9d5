import type { Row } from '../engine';

// The small tables (projects, schools, Enping investments) as written by `npm run data` into
// small.json: charts on them can draw from it without the 17 MiB engine, which is what an embed of
// one of those charts needs. Same rows as the Parquet files, same data version.
let loading: Promise<Record<string, Row[]>> | null = null;

/** Fetches small.json once, from the dataset folder of `manifestUrl`. */
export function smallTables(manifestUrl: string): Promise<Record<string, Row[]>> {
  loading ??= fetch(new URL('small.json', manifestUrl)).then(async (r) => {
    if (!r.ok) throw new Error(`Could not load ${r.url}: HTTP ${r.status}`);
    const { dataVersion: _, ...tables } = (await r.json()) as Record<string, unknown>;
    return tables as Record<string, Row[]>;
  });
  return loading;
}

/** Rows of one table in the order the chart asks for, as `ORDER BY column [DESC]` would give. */
export function ordered(rows: readonly Row[], column: string, desc: boolean): Row[] {
  const cmp = (a: Row, b: Row) => {
    const [x, y] = [a[column], b[column]];
    const r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return desc ? -r : r;
  };
  return [...rows].sort(cmp);
}
