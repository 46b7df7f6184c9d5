/**
 * Paint before the engine: the build runs the unfiltered queries of every chart with native DuckDB
 * over the same Parquet files (and checks them against DuckDB-WASM), and writes the answers into
 * index.html. Views draw from them at once; the engine's identical answers then take over. Only the
 * bundled data of this build, with nothing selected, is answered this way.
 */
import { clearAnswers, offerAnswers } from '../data/answers';
import type { Origin } from '../data/provenance';
import { setOrigins } from '../data/registry';
import type { Engine, Row } from '../engine';
import type { AppState } from '../state/url';
import { chartById, unfilteredQueries, VIEWS } from './registry';

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

/**
 * Every query the first paint of `#/` and of each embed asks with nothing selected. Without
 * `firmPage` (scale data), the firm list waits for the engine: a large table is loaded without its
 * free-text columns, so its first page would not look like the engine's.
 */
export function firstPaintQueries({ firmPage = true } = {}): string[] {
  const views = VIEWS.filter((v) => firmPage || v.kind !== 'firm-list');
  return [...new Set(views.flatMap(unfilteredQueries))];
}

/** Offers a first paint's answers and its tables' origins: in the page, and to the build's prerender. */
export function applyFirstPaint(fp: FirstPaint, engine: Engine): void {
  for (const [table, origins] of Object.entries(fp.origins)) setOrigins(table, origins);
  offerAnswers(fp.answers, engine);
}

/**
 * Takes the answers from the page when they belong to the data it shows: the bundled data
 * ('bundled'), a frozen data version (only if it is this build's), never another site's (null).
 */
export function useFirstPaint(doc: Document, data: 'bundled' | { dataVersion: string } | null, engine: Engine): void {
  clearAnswers();
  const el = doc.getElementById(FIRST_PAINT_ID);
  if (!el?.textContent || data === null) return;
  try {
    const fp = JSON.parse(el.textContent) as FirstPaint;
    if (data !== 'bundled' && fp.dataVersion !== data.dataVersion) return;
    applyFirstPaint(fp, engine);
  } catch {
    // A damaged snapshot only costs the early paint; the engine draws everything.
  }
}

/**
 * True when the page is an embed of a chart on a small table showing this site's own data: it draws
 * from the page's answers (or a frozen version's small.json) and never starts the engine.
 */
export const drawsWithoutEngine = (route: AppState, ownData: boolean): boolean =>
  ownData && route.view === 'embed' && chartById(route.chartId)?.kind === 'rows';
