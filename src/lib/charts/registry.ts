/**
 * Every view of the dashboard, in page order, and what each reads and asks: the tables behind its
 * provenance, its queries under a selection (the benchmark) and with none (the first paint) all
 * come from its definition.
 */
import type { Selections } from '../sql';
import type { ChartDef, LinkedView, RowsChart, ViewDef } from './definition';
import { FIRM_LIST, FIRM_VIEWS } from './defs/firms';
import { SMALL_CHARTS } from './defs/small';

export const LINKED_VIEWS: readonly LinkedView[] = FIRM_VIEWS;
export const ROWS_CHARTS: readonly RowsChart[] = SMALL_CHARTS;
/** The views drawn as charts (each a figure, each embeddable). */
export const CHARTS: readonly ChartDef[] = [...FIRM_VIEWS, ...SMALL_CHARTS];
/** Every view: the charts and the firm list. */
export const VIEWS: readonly ViewDef[] = [...FIRM_VIEWS, FIRM_LIST, ...SMALL_CHARTS];
export { FIRM_LIST };

export const chartById = (id: string | null): ChartDef | undefined => CHARTS.find((c) => c.id === id);

/** The tables a view's queries read: its provenance is theirs. */
export const chartTables = (def: ViewDef): readonly string[] => def.tables;

/** The main query of a view under some selections (the benchmark reads these). */
export const chartQuery = (def: ViewDef, sels: Selections = {}): string => def.query(sels);

/**
 * Every query a view asks with nothing selected: a linked view's counts and the totals come from
 * its crossfilter's one grouping-sets scan, queries that follow the selection are asked with no
 * WHERE clause, the firm list's first page in the default order.
 */
export const unfilteredQueries = (def: ViewDef): string[] => def.unfiltered();
