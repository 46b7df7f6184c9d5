import { scaleLinear } from 'd3-scale';
import { axisFormat, type Lang } from '../../format/number';
import { labelOn, type Palette, type Tone } from '../palette';
import { textWidth } from '../text';

export interface BarRow {
  key: string;
  label: string;
  /** One value per series, in the order of `series`. */
  values: number[];
}

export interface BarSeries {
  key: string;
  label: string;
  /** Colour role; the palette of the theme gives the fill. */
  tone: Tone;
}

export interface BarsInput {
  rows: BarRow[];
  series: BarSeries[];
  width: number;
  lang: Lang;
  /** grouped: one thin bar per series; stacked: series end to end. */
  mode?: 'grouped' | 'stacked';
  /** Formats a value for the label at a bar's end and the summary. */
  format: (v: number) => string;
  /** Axis title from the magnitude word chosen for the axis ("亿" -> "亿元"); default shows the word. */
  axisUnit?: (magnitude: string) => string;
  /**
   * Selected keys (a click selection, or categories a reporter highlights): their marks keep their
   * colour and every other mark is muted. Null or absent: nothing is selected, every mark in colour.
   */
  selected?: ReadonlySet<string> | null;
  /** Selection key of a mark (row, or row|series for stacks); default the row's key. */
  keyOf?: (row: string, series: string) => string;
  /** Row keys a reporter highlights: drawn in colour, every other row muted, as a selection is. */
  highlight?: ReadonlySet<string> | null;
}

export interface BarMark {
  row: string;
  series: string;
  /** Selection key (`keyOf(row, series)`): what a click on the mark selects. */
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** In the selection (drawn pressed). */
  selected: boolean;
  /** Drawn muted: something else is selected. */
  muted: boolean;
  fill: string;
  /** Colour of the value label: on the bar (at least 4.5:1 on `fill`) or beside it (ink). */
  textFill: string;
  value: number;
  /** Value label drawn after the bar (grouped), inside it when it fits (stacked), or not at all. */
  text: string | null;
  textX: number;
  textInside: boolean;
}

export interface BarsLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  ticks: { x: number; label: string }[];
  unit: string;
  /** `totalText` is drawn after a stacked bar; grouped bars label each bar instead. */
  rows: { key: string; label: string; labelY: number; total: number; totalText: string | null; totalX: number; barY: number }[];
  marks: BarMark[];
  series: BarSeries[];
  /** Colours of the text and lines around the marks. */
  colors: Pick<Palette, 'ink' | 'subtle' | 'grid'>;
}

const LABEL_H = 18;
const BAR_H = 14;
const ROW_GAP = 12;
const VALUE_ROOM = 64;
const AXIS_H = 34;

/**
 * Horizontal bars with the category label above each bar, so long Chinese or English labels never
 * squeeze the bars on a 360 px phone.
 */
export function barsLayout(
  {
    rows,
    series,
    width,
    lang,
    mode = 'grouped',
    format,
    axisUnit = (m) => m,
    selected = null,
    keyOf = (r) => r,
    highlight = null,
  }: BarsInput,
  palette: Palette,
): BarsLayout {
  const stacked = mode === 'stacked' || series.length === 1;
  const barsPerRow = stacked ? 1 : series.length;
  const rowH = LABEL_H + barsPerRow * BAR_H + (barsPerRow - 1) * 2 + ROW_GAP;
  const plot = { left: 4, top: 4, width: Math.max(80, width - 8 - VALUE_ROOM), height: rows.length * rowH };
  const totals = rows.map((r) => (stacked ? r.values.reduce((a, b) => a + Math.max(0, b), 0) : Math.max(0, ...r.values)));
  const max = Math.max(1, ...totals);
  const x = scaleLinear().domain([0, max]).range([0, plot.width]).nice(4);
  const ticksRaw = x.ticks(4);
  const step = ticksRaw.length > 1 ? ticksRaw[1] - ticksRaw[0] : max;
  const axis = axisFormat(x.domain()[1], lang, step);

  const marks: BarMark[] = [];
  const rowsOut = rows.map((r, i) => {
    const top = plot.top + i * rowH;
    let acc = 0;
    r.values.forEach((v, s) => {
      const value = Math.max(0, v);
      const y = top + LABEL_H + (stacked ? 0 : s * (BAR_H + 2));
      const x0 = stacked ? x(acc) : 0;
      const w = Math.max(value > 0 ? 1 : 0, x(value) - x(0));
      acc += value;
      const label = format(v);
      const multi = stacked && series.length > 1;
      const inside = multi && w > label.length * 7 + 6;
      const key = keyOf(r.key, series[s].key);
      const muted = (selected !== null && !selected.has(key)) || (highlight !== null && !highlight.has(r.key));
      const fill = muted ? palette.muted : palette.tones[series[s].tone];
      marks.push({
        row: r.key,
        series: series[s].key,
        key,
        x: plot.left + x0,
        y,
        w,
        h: BAR_H,
        selected: selected?.has(key) ?? false,
        muted,
        fill,
        value: v,
        textFill: inside ? labelOn(fill, palette) : palette.ink,
        text: multi && !inside ? null : label,
        textInside: inside,
        textX: plot.left + x0 + (inside ? w / 2 : w + 4),
      });
    });
    const multiStack = stacked && series.length > 1;
    return {
      key: r.key,
      label: r.label,
      labelY: top + LABEL_H - 5,
      total: totals[i],
      barY: top + LABEL_H,
      totalText: multiStack ? format(totals[i]) : null,
      totalX: plot.left + x(totals[i]) - x(0) + 4,
    };
  });

  return {
    width,
    height: plot.top + plot.height + AXIS_H,
    plot,
    ticks: ticksRaw.map((t) => ({ x: plot.left + x(t), label: axis.tick(t) })),
    unit: axisUnit(axis.unit),
    rows: rowsOut,
    marks,
    series,
    colors: { ink: palette.ink, subtle: palette.subtle, grid: palette.grid },
  };
}

export interface PanelsLayout {
  width: number;
  height: number;
  panels: { title: string | null; x: number; y: number; layout: BarsLayout }[];
  /** Key to the colours when bars have several series; inside the SVG so exports carry it. */
  legend: { x: number; y: number; label: string; fill: string }[];
  /** Colours of panel titles and legend words. */
  colors: Pick<Palette, 'ink' | 'subtle'>;
}

const LEGEND_ROW = 18;

const PANEL_TITLE_H = 20;
const PANEL_GAP = 16;

/** Small multiples of bars, each with its own scale: side by side when wide, stacked on phones. */
export function panelsLayout(
  inputs: readonly { title: string | null; input: Omit<BarsInput, 'width'> }[],
  width: number,
  palette: Palette,
): PanelsLayout {
  // As many columns as fit at about 260 px each: side by side when wide, stacked on phones.
  const cols = Math.max(1, Math.min(inputs.length, Math.floor(width / 260)));
  const panelW = (width - PANEL_GAP * (cols - 1)) / cols;
  const titleH = inputs.some((p) => p.title) ? PANEL_TITLE_H : 0;
  let y = 0;
  let rowH = 0;
  const panels = inputs.map((p, i) => {
    const col = i % cols;
    if (col === 0 && i > 0) {
      y += rowH + PANEL_GAP;
      rowH = 0;
    }
    const layout = barsLayout({ ...p.input, width: panelW }, palette);
    rowH = Math.max(rowH, layout.height + titleH);
    return { title: p.title, x: col * (panelW + PANEL_GAP), y, layout };
  });
  const legend: PanelsLayout['legend'] = [];
  const series = inputs.find((p) => p.input.series.length > 1)?.input.series ?? [];
  let lx = 4;
  let ly = y + rowH + 6;
  for (const s of series) {
    const w = 18 + textWidth(s.label, 12) + 14;
    if (lx > 4 && lx + w > width) {
      lx = 4;
      ly += LEGEND_ROW;
    }
    legend.push({ x: lx, y: ly, label: s.label, fill: palette.tones[s.tone] });
    lx += w;
  }
  return {
    width,
    height: legend.length ? ly + LEGEND_ROW : y + rowH,
    panels,
    legend,
    colors: { ink: palette.ink, subtle: palette.subtle },
  };
}
