/**
 * One definition type for every view of the dashboard (the charts and the firm list): its id, its
 * words, the tables it reads, its queries and a pure `build` from query answers to marks, table,
 * summary and words. Components only render what `build` returns; where the numbers come from is a
 * function of `tables`, so no view can forget to say it, and the first paint, the benchmark and
 * the components all take their SQL from here (`registry.ts`).
 */
import type { Bilingual } from '../data/provenance';
import type { Row } from '../engine';
import type { Lang } from '../format/number';
import type { CrossTable, Selection, Selections } from '../sql';
import type { Derived } from '../state/crossfilter';
import type { SortColumn } from '../state/url';
import type { BarsInput } from './bars/layout';
import type { HistogramInput } from './histogram/layout';
import type { LorenzGroup } from './lorenz/layout';
import type { ChartTable } from './table';

/**
 * A sentence of a chart's words. `quotes` lists the published figures (fact ids) it states: it then
 * appears only on rows that reproduce those figures (see `quotesHold`).
 */
export interface Phrase {
  text: Bilingual;
  quotes?: readonly string[];
}

export interface ChartWords {
  title: Bilingual;
  subtitle?: Phrase;
  notes?: readonly Phrase[];
}

/** What a chart draws once its answers are in, minus the width (the frame supplies that). */
export type Drawing =
  | { kind: 'bars'; input: Omit<BarsInput, 'width'> }
  | { kind: 'panels'; panels: { title: string | null; input: Omit<BarsInput, 'width'> }[] }
  | {
      kind: 'histogram';
      input: Omit<HistogramInput, 'width' | 'height' | 'tickStep'>;
      height: number;
      tickStepAt: (width: number) => number;
    }
  | { kind: 'lorenz'; groups: LorenzGroup[]; xLabel: string; yLabel: string; describe: (firms: number, output: number) => string };

export interface Built {
  drawing: Drawing;
  table: ChartTable;
  /** One-sentence text summary: the chart's accessible description. */
  summary: string;
}

/** Counts of a linked view: each key (category or display bin) and its firms. */
export type Counts = readonly { key: string | number; n: number }[];

/** What a linked view is built from: its counts under the other views' selections, the unfiltered counts, its own selection. */
export interface LinkedInput {
  rows: Counts;
  /** Counts of the whole table: categories, their order and the axis extent (empty until known). */
  base: Counts;
  selection: Selection | undefined;
  lang: Lang;
}

interface Common {
  /** Stable kebab-case id: used in links and embeds, never renamed. */
  id: string;
  words: ChartWords;
  /** Spans the full width of the dashboard grid. */
  wide?: boolean;
  /** Tables the view's queries read: its source line, marks and fact-quoting words follow them. */
  tables: readonly string[];
  /** The view's main query under some selections (the benchmark measures it). */
  query(sels: Selections): string;
  /** Every query the view asks with nothing selected (the build answers them for the first paint). */
  unfiltered(): string[];
}

/** A chart over every row of one small table. */
export interface RowsChart extends Common {
  kind: 'rows';
  table: string;
  /** Row order the chart reads (`ORDER BY column [DESC]`). */
  order: { column: string; desc: boolean };
  /** Its one query: every row of `table` in `order`. */
  sql: string;
  build(rows: readonly Row[], lang: Lang): Built & { describe: (label: string, series: string, value: number) => string };
}

/** A view that follows the linked views' selections over one table: its queries are the crossfilter's. */
interface Linked extends Common {
  /** The table, its linked dimensions and measure: the crossfilter this view belongs to. */
  x: CrossTable;
}

/** Bars of a categorical linked view: a click selects. */
export interface BarsView extends Linked {
  kind: 'linked-bars';
  dim: string;
  /** Column header of the category, for tables and exports. */
  category: Bilingual;
  build(input: LinkedInput): Built & {
    describe: (row: string, series: string, value: number) => string;
  };
}

/** Axis of a brushable histogram: fine bins per axis unit, display bin width, ticks and words. */
export interface HistogramAxis {
  /** Fine (selection) bins per axis unit: 100 per decade of output, 1 per year. */
  finePerUnit: number;
  /** Width of a drawn bar in axis units. */
  step: number;
  tickStep: number;
  tickLabel: (x: number, lang: Lang) => string;
  /** Unit of every tick label of the axis. */
  unit?: (lang: Lang) => string;
  /** A value on the axis in words, for range labels. */
  valueLabel: (x: number, lang: Lang) => string;
  rule?: { at: number; label: Bilingual };
  /** Axis extent when the data gives none (before the first result). */
  fallbackDomain: [number, number];
  /** Tick step on a narrow chart (under 420 px), where `tickStep` would crowd the labels. */
  narrowTickStep?: number;
}

/** One end of a histogram's range control, in fine bins. */
export interface Thumb {
  id: string;
  label: string;
  value: number;
  /** Words for a value of the control (its aria-valuetext). */
  valueText: (fine: number) => string;
  /** The fine bin whose bar the tooltip describes while this thumb has focus (the upper one sits after its last bin). */
  shows: number;
}

/** The range control under a brushable histogram: the keyboard's way to do what the brush does. */
export interface RangeControl {
  /** Name of the control group. */
  label: string;
  /** Fine bins of the whole axis and the step of the inputs. */
  min: number;
  max: number;
  step: number;
  lo: Thumb;
  hi: Thumb;
  /** The selected range in words, or "all". */
  output: string;
  /** The selection of a range of fine bins (none when it covers the whole axis or nothing). */
  select: (lo: number, hi: number) => Selection | undefined;
}

/** A brushable histogram of an interval linked view. */
export interface HistogramView extends Linked {
  kind: 'linked-histogram';
  dim: string;
  category: Bilingual;
  axis: HistogramAxis;
  build(input: LinkedInput): Built & {
    describe: (label: string, n: number) => string;
    /** Axis extent in axis units, from the whole table so it stays put while filters change. */
    domain: [number, number];
    /** The view's own selection in axis units. */
    range: [number, number] | null;
    /** "from – to" of a range in axis units. */
    band: (a: number, b: number) => string;
    /** A brush in axis units snapped to whole fine bins inside the dimension's limits. */
    toSelection: (r: [number, number] | null) => Selection | undefined;
    control: RangeControl;
  };
}

/** Totals of the selected rows (the crossfilter's summary). */
export interface Totals {
  count: number;
  output: number;
  /** Sum of squared outputs, for the Herfindahl-Hirschman index. */
  sumsq: number;
}

/** Queries of the concentration view, each following the whole selection. */
export type ConcentrationQuery = 'lorenz' | 'top10';

/** Answers of the concentration view: the rows of each of its queries and the selection's totals. */
export interface ConcentrationInput {
  answers: Record<ConcentrationQuery, readonly Row[]>;
  totals: Totals;
  lang: Lang;
}

export interface ConcentrationView extends Linked {
  kind: 'concentration';
  derived: Record<ConcentrationQuery, Derived>;
  build(input: ConcentrationInput): Built & {
    /** The measures beside the curve, in order: `key` names it for tests and styles. */
    stats: { key: 'top10' | 'hhi' | 'gini'; label: string; value: string }[];
  };
}

/** The firm list's sort: a column and its direction. */
export interface Sort {
  column: SortColumn;
  desc: boolean;
}

/** What the firm list is built from: the rows of the page shown, the selection's count, the sort and page asked for. */
export interface FirmListInput {
  rows: readonly Row[];
  /** Rows selected in all; null until known. */
  count: number | null;
  sort: Sort;
  /** Page asked for (zero-based); a link may name one past the last. */
  page: number;
  lang: Lang;
  /** The rows are modelled (their names are placeholders). */
  modelled: boolean;
}

/** The firm list as drawn: headers that sort, cells in words, a pager. */
export interface FirmListBuilt {
  caption: string;
  columns: {
    key: SortColumn;
    label: string;
    numeric: boolean;
    ariaSort: 'ascending' | 'descending' | 'none';
    /** Arrow after the label: ▼, ▲ or nothing. */
    arrow: string;
    /** State after a click on the header: this column, numbers largest first, first page. */
    next: { sort: Sort; page: number };
  }[];
  rows: { key: string; cells: { text: string; numeric: boolean }[] }[];
  pager: {
    label: string;
    /** "Page 1 of 68". */
    status: string;
    prev: { label: string; page: number | null };
    next: { label: string; page: number | null };
  };
  /** A sentence under the title about the rows (placeholder names of modelled rows). */
  note: string | null;
  /** "The firm list could not be shown", before the reason. */
  failed: string;
}

/** The list of selected firms, a page at a time. */
export interface FirmListView extends Linked {
  kind: 'firm-list';
  pageSize: number;
  /** The page shown for a page asked for: the last one when the link names one past it. */
  shownPage(page: number, count: number | null): number;
  /** The query of one page under a sort; it follows the whole selection. */
  pageQuery(sort: Sort, page: number): Derived;
  build(input: FirmListInput): FirmListBuilt;
}

export type LinkedView = BarsView | HistogramView | ConcentrationView;
/** Views drawn as a chart in a frame (and embeddable). */
export type ChartDef = RowsChart | LinkedView;
/** Every view of the dashboard. */
export type ViewDef = ChartDef | FirmListView;
