/**
 * The "long image" (长图) of WeChat articles: several charts stacked in one phone-width picture, with
 * the page's title, the filters in words, each chart's title, source and provenance marks, and one QR
 * code to the live page. Charts come in drawn at the phone width (not desktop drawings shrunk), so
 * their labels are as legible as on a phone; the image is rasterised at about three pixels per CSS
 * pixel, 1,080 px wide.
 */
import { PALETTES } from './palette';
import { escapeXml, qrBlock, qrCell, svgDocument, TextColumn, type ExportText } from './export';

/** CSS width the charts are drawn at and the pixel width of the PNG. */
export const LONG_IMAGE = { width: 390, pixels: 1080, pad: 16 } as const;

/** Width a chart is drawn at to fill the long image between its margins. */
export const LONG_CHART_WIDTH = LONG_IMAGE.width - 2 * LONG_IMAGE.pad;

export interface LongImageChart {
  chartId: string;
  /** The chart's own words (title, subtitle, notes, source, marks); its filters and date are the page's. */
  text: ExportText;
  chart: { markup: string; width: number; height: number };
}

export interface LongImageInput {
  /** The page's title. */
  title: string;
  /** Lines under the title: what the figures are, the filters in words, the date. */
  lines: string[];
  charts: LongImageChart[];
  /** One code to the live page, with its caption. */
  qr?: ExportText['qr'];
  /** The page's address without its state, printed under the code for readers who cannot scan. */
  address?: string;
}

export interface LongImage {
  svg: string;
  width: number;
  height: number;
  /** Where each chart's block (title to marks) lies, top to bottom, in CSS pixels. */
  blocks: { chartId: string; top: number; bottom: number }[];
}

/** A long image is always light: it is read on a phone's white chat background. */
const INK = PALETTES.light;
const RULE = '#E4E7EB';

/** Breaks text with no spaces (an address) every `n` characters. */
const chunks = (s: string, n: number) => Array.from({ length: Math.ceil(s.length / n) }, (_, i) => s.slice(i * n, (i + 1) * n));

export function composeLongImage(input: LongImageInput): LongImage {
  const { width, pad } = LONG_IMAGE;
  const inner = width - 2 * pad;
  const col = new TextColumn(pad, pad, inner);
  const rule = () =>
    col.out.push(`<line x1="${pad}" x2="${width - pad}" y1="${col.y.toFixed(1)}" y2="${col.y.toFixed(1)}" stroke="${RULE}"/>`);
  col.block(input.title, 22, 700, INK.ink);
  col.y += 4;
  for (const line of input.lines) col.block(line, 12.5, 400, INK.subtle);

  const blocks: LongImage['blocks'] = [];
  for (const c of input.charts) {
    col.y += 16;
    rule();
    const top = col.y;
    col.y += 4;
    col.block(c.text.title, 17, 700, INK.ink);
    col.block(c.text.subtitle, 13, 400, INK.subtle);
    col.y += 8;
    // Drawn at the phone width already; a chart that came in wider is scaled down rather than clipped.
    const k = c.chart.width > inner ? inner / c.chart.width : 1;
    col.out.push(`<g transform="translate(${pad},${col.y.toFixed(1)})${k < 1 ? ` scale(${k.toFixed(4)})` : ''}">${c.chart.markup}</g>`);
    col.y += c.chart.height * k + 6;
    for (const n of c.text.notes ?? []) col.block(n, 12, 400, INK.subtle);
    col.block(c.text.source, 12, 400, INK.subtle);
    for (const m of c.text.marks) col.block(m, 12, 700, INK.warn);
    blocks.push({ chartId: c.chartId, top, bottom: col.y + 4 });
  }

  col.y += 18;
  rule();
  col.y += 14;
  if (input.qr) {
    const cell = qrCell(input.qr.matrix, 120);
    const side = (input.qr.matrix.length + 4) * cell;
    const qr = qrBlock(input.qr, (width - side) / 2, col.y, cell);
    col.out.push(qr.markup);
    col.y += qr.height;
  }
  if (input.address) {
    const perLine = Math.floor(inner / (10 * 0.56));
    for (const line of chunks(input.address, perLine)) {
      col.y += 13;
      col.out.push(
        `<text x="${width / 2}" y="${col.y.toFixed(1)}" font-size="10" text-anchor="middle" fill="${INK.faint}">${escapeXml(line)}</text>`,
      );
    }
  }
  const height = Math.ceil(col.y + pad);
  return { svg: svgDocument(width, height, input.title, col.out.join('')), width, height, blocks };
}
