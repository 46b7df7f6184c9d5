/**
 * Paint before the engine: the build runs the unfiltered queries of every chart with native DuckDB
 * over the same Parquet files (and checks them against DuckDB-WASM), and writes the answers into
 * index.html. Views draw from them at once; the engine's identical answers then take over. Only the
 * bundled data of this build, with nothing selected, is answered this way.
 */
import type { Origin } from '../data/provenance';
import { setOrigins } from '../data/registry';
import type { Engine, Row } from '../engine';
import { allViewsSql, firmPageSql, FIRM_PAGE_SIZE, FIRMS, lorenzSql, top10Sql } from '../sql';
import { DEFAULT_STATE } from '../state/url';
import { chartQuery, ROWS_CHARTS } from './registry';

/** Id of the `<script type="application/json">` element that carries the answers. */
export const FIRST_PAINT_ID = 'jianghai-first-paint';

export interface FirstPaint {
  /** Data version (manifest checksum) the answers belong to. */
  dataVersion: string;
  /** Rows of each query, by its SQL text. */
  answers: Record<string, Row[]>;
  /** Origins of each table, as the manifest states them, so the first paint names its sources too. */
  origins: Record<string, Origin[]>;
}

/** Every query the first paint of `#/` and of each embed asks with nothing selected. */
export function firstPaintQueries(): string[] {
  return [
    allViewsSql(FIRMS),
    lorenzSql(''),
    top10Sql(''),
    firmPageSql('', DEFAULT_STATE.sort, 0, FIRM_PAGE_SIZE),
    ...ROWS_CHARTS.map((c) => chartQuery(c)),
  ];
}

let answers: Record<string, Row[]> | null = null;

/**
 * Takes the answers from the page when they belong to the data it shows: the bundled data
 * ('bundled'), a frozen data version (only if it is this build's), never another site's (null).
 */
export function useFirstPaint(doc: Document, data: 'bundled' | { dataVersion: string } | null, engine: Engine): void {
  answers = null;
  // The first registration is epoch 1; any later change (an import, a mapping, a console statement,
  // a retry) may have changed the rows the build answered for.
  engine.subscribe(() => {
    if (engine.epoch > 1) answers = null;
  });
  const el = doc.getElementById(FIRST_PAINT_ID);
  if (!el?.textContent || data === null) return;
  try {
    const fp = JSON.parse(el.textContent) as FirstPaint;
    if (data !== 'bundled' && fp.dataVersion !== data.dataVersion) return;
    answers = fp.answers;
    for (const [table, origins] of Object.entries(fp.origins)) setOrigins(table, origins);
  } catch {
    // A damaged snapshot only costs the early paint; the engine draws everything.
  }
}

/** The build's answer to `sql`, when the first paint has one. */
export const firstAnswer = (sql: string): Row[] | undefined => answers?.[sql];
