/** Every chart of the dashboard, in page order, and what each reads and asks. */
import { FIRM_TABLE, FIRMS, lorenzSql, selectAll, viewSql, whereExcept, type Selections } from '../sql';
import type { ChartDef, LinkedView, RowsChart } from './definition';
import { FIRM_VIEWS } from './defs/firms';
import { SMALL_CHARTS } from './defs/small';

export const LINKED_VIEWS: readonly LinkedView[] = FIRM_VIEWS;
export const ROWS_CHARTS: readonly RowsChart[] = SMALL_CHARTS;
export const CHARTS: readonly ChartDef[] = [...FIRM_VIEWS, ...SMALL_CHARTS];

export const chartById = (id: string | null): ChartDef | undefined => CHARTS.find((c) => c.id === id);

/** The tables a chart's queries read: its provenance is theirs. */
export const chartTables = (def: ChartDef): string[] => (def.kind === 'rows' ? [def.table] : [FIRM_TABLE]);

/** The main query of a chart under some selections (the benchmark reads these). */
export function chartQuery(def: ChartDef, sels: Selections = {}): string {
  switch (def.kind) {
    case 'rows':
      return selectAll(def.table, def.order.column, def.order.desc);
    case 'concentration':
      return lorenzSql(whereExcept(FIRMS.dims, sels));
    default:
      return viewSql(FIRMS, def.dim, sels);
  }
}
