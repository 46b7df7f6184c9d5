/**
 * One definition type for every chart of the dashboard: its id, its words, the tables it reads and a
 * pure `build` from query answers to marks, table, summary and tooltip text. Components only render
 * what `build` returns; where the numbers come from is a function of `tables`, so no chart can
 * forget to say it.
 */
import type { Bilingual } from '../data/provenance';
import type { Row } from '../engine';
import type { Lang } from '../format/number';
import type { Dim, Selection } from '../sql';
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
  | { kind: 'histogram'; input: Omit<HistogramInput, 'width' | 'height' | 'tickStep'> & { tickStep: number } }
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
}

/** A chart over every row of one small table. */
export interface RowsChart extends Common {
  kind: 'rows';
  table: string;
  /** Row order the chart reads (`ORDER BY column [DESC]`). */
  order: { column: string; desc: boolean };
  build(rows: readonly Row[], lang: Lang): Built & { describe: (label: string, series: string, value: number) => string };
}

/** Bars of a categorical linked view: a click selects. */
export interface BarsView extends Common {
  kind: 'linked-bars';
  dim: string;
  /** Column header of the category, for tables and exports. */
  category: Bilingual;
  build(input: LinkedInput): Built & {
    describe: (row: string, series: string, value: number) => string;
    /** Selection key of a mark (row, series). */
    keyOf: (row: string, series: string) => string;
    selected: ReadonlySet<string> | null;
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
}

/** A brushable histogram of an interval linked view. */
export interface HistogramView extends Common {
  kind: 'linked-histogram';
  dim: string;
  category: Bilingual;
  axis: HistogramAxis;
  build(
    input: LinkedInput,
    dim: Extract<Dim, { kind: 'interval' }>,
  ): Built & {
    describe: (label: string, n: number) => string;
    /** Axis extent in axis units, from the whole table so it stays put while filters change. */
    domain: [number, number];
    /** The view's own selection in axis units. */
    range: [number, number] | null;
    /** "from – to" of a range in axis units. */
    band: (a: number, b: number) => string;
  };
}

/** Answers of the concentration view: Lorenz groups, the top ten's output and the selection's totals. */
export interface ConcentrationInput {
  groups: LorenzGroup[];
  top10: number;
  totals: { count: number; output: number; sumsq: number };
  lang: Lang;
}

export interface ConcentrationView extends Common {
  kind: 'concentration';
  build(input: ConcentrationInput): Built & { stats: { top10: string; hhi: string; gini: string } };
}

export type LinkedView = BarsView | HistogramView | ConcentrationView;
export type ChartDef = RowsChart | LinkedView;
