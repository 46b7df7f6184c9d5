import type { BarsInput } from '../../lib/charts/bars/layout';
import type { ChartTable } from '../../lib/charts/table';
import type { Row } from '../../lib/engine';
import type { Lang } from '../../lib/format/number';

export interface Bilingual {
  zh: string;
  en: string;
}

/** What a chart draws once its rows are in, minus the width (the frame supplies that). */
export type Drawing =
  | { kind: 'bars'; input: Omit<BarsInput, 'width'> }
  | { kind: 'panels'; panels: { title: string | null; input: Omit<BarsInput, 'width'> }[] };

export interface Built {
  drawing: Drawing;
  table: ChartTable;
  summary: string;
  /** Tooltip text of one mark: category, series and value, already formatted. */
  describe: (label: string, series: string, value: number) => string;
}

/** A chart of the dashboard: stable id, words, provenance, its query and how rows become marks. */
export interface ChartSpec {
  /** Stable kebab-case id: used in links and embeds, never renamed. */
  id: string;
  title: Bilingual;
  subtitle?: Bilingual;
  notes?: Bilingual[];
  modelled: boolean;
  /** Source line; defaults to the article (and "modelled rows" when modelled). */
  source?: Bilingual;
  /** The table the chart reads; charts on `firms` follow a user's imported registry. */
  table: string;
  /** Spans the full width of the dashboard grid (charts with many rows). */
  wide?: boolean;
  /** Row order of the chart's table (the chart reads every row: these tables are small). */
  order: { column: string; desc: boolean };
  build: (rows: Row[], lang: Lang) => Built;
}
