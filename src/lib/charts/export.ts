/**
 * Self-contained SVG and PNG of a chart with its title, notes, source and provenance baked in,
 * so a chart copied into an article or a social post still says what it is and where it came from.
 */
import { PALETTES, type Palette } from './palette';
import { qrPath, type QrMatrix } from './qr';
import { textWidth } from './text';

export interface ExportText {
  title: string;
  subtitle?: string;
  notes?: string[];
  source: string;
  /** Provenance marks in words (modelled rows, another site's data); empty when there is none. */
  marks: string[];
  /** Active filters in words, or ''. */
  filters?: string;
  /** Date line, already localised. */
  date: string;
  /** A QR code at the foot, beside the source, with a line under it saying what it opens. */
  qr?: { matrix: QrMatrix; caption: string };
}

/** The colours an exported image is written in: the chart's own palette, so a dark embed exports dark. */
export type ExportColors = Pick<Palette, 'background' | 'ink' | 'subtle' | 'faint' | 'warn'>;

export const EXPORT_FONT = `'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif`;

const PAD = 16;
const QR_GAP = 14;

export const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Greedy line breaking on spaces (Latin) or any character (CJK). */
export function wrapText(s: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const tokens = s.match(/[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+|\s+/g) ?? [];
  for (const tok of tokens) {
    const next = line + tok;
    if (line.trim() !== '' && textWidth(next.trimEnd(), size) > width) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line = next;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/**
 * Writes wrapped lines of text top to bottom into SVG markup; `y` is the baseline of the last line.
 * Every string is escaped: a reporter's headline is text, whatever it contains.
 */
export class TextColumn {
  readonly out: string[] = [];
  constructor(
    public y: number,
    private readonly x: number,
    private readonly width: number,
  ) {}

  block(s: string | undefined, size: number, weight: number, fill: string, width = this.width): void {
    if (!s) return;
    for (const line of wrapText(s, size, width)) {
      this.y += size * 1.3;
      this.out.push(
        `<text x="${this.x}" y="${this.y.toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(line)}</text>`,
      );
    }
  }
}

/** Side of a QR code drawn with `cell` units per module: small, yet three device pixels a module at 2x. */
export const qrCell = (matrix: QrMatrix, target = 96): number => Math.max(1.5, Math.min(3, target / matrix.length));

/**
 * A QR code on a white square (a quiet zone of two modules) at (x, y), `side` wide, and its caption
 * centred under it. Returns the markup and the height used.
 */
export function qrBlock(
  qr: NonNullable<ExportText['qr']>,
  x: number,
  y: number,
  cell: number,
  captionFill: string = PALETTES.light.subtle,
): { markup: string; height: number } {
  const n = qr.matrix.length;
  const quiet = 2 * cell;
  const side = n * cell + 2 * quiet;
  const parts = [
    `<g class="qr">`,
    `<rect x="${x}" y="${y.toFixed(1)}" width="${side.toFixed(1)}" height="${side.toFixed(1)}" fill="#fff"/>`,
    `<path d="${qrPath(qr.matrix, x + quiet, y + quiet, cell)}" fill="#000" shape-rendering="crispEdges"/>`,
  ];
  let h = side;
  const size = 10;
  for (const line of wrapText(qr.caption, size, Math.max(side, 80))) {
    h += size * 1.3;
    parts.push(
      `<text x="${(x + side / 2).toFixed(1)}" y="${(y + h).toFixed(1)}" font-size="${size}" text-anchor="middle" fill="${captionFill}">${escapeXml(line)}</text>`,
    );
  }
  parts.push('</g>');
  return { markup: parts.join(''), height: h + 2 };
}

/** A standalone SVG document: its background, the export font, a <title>. */
export function svgDocument(width: number, height: number, title: string, body: string, background = '#FFFFFF'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(EXPORT_FONT)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect width="100%" height="100%" fill="${background}"/>` +
    body +
    `</svg>\n`
  );
}

/**
 * Wraps the chart's own SVG markup with header and footer text into one standalone SVG document.
 * With a QR code, the footer's words wrap to the left of it.
 */
export function composeSvg(
  chart: { markup: string; width: number; height: number },
  text: ExportText,
  colors: ExportColors = PALETTES.light,
): { svg: string; width: number; height: number } {
  const width = Math.max(chart.width + PAD * 2, 300);
  const inner = width - PAD * 2;
  const col = new TextColumn(PAD, PAD, inner);
  col.block(text.title, 20, 700, colors.ink);
  col.block(text.subtitle, 14, 400, colors.subtle);
  col.block(text.filters, 13, 400, colors.subtle);
  col.y += 10;
  col.out.push(`<g transform="translate(${PAD},${col.y.toFixed(1)})">${chart.markup}</g>`);
  col.y += chart.height + 6;
  const footTop = col.y;
  let qr: { markup: string; height: number } | null = null;
  let footWidth = inner;
  if (text.qr) {
    const cell = qrCell(text.qr.matrix);
    const side = (text.qr.matrix.length + 4) * cell;
    footWidth = Math.max(inner - side - QR_GAP, 100);
    qr = qrBlock(text.qr, width - PAD - side, footTop + 4, cell, colors.subtle);
  }
  for (const n of text.notes ?? []) col.block(n, 12, 400, colors.subtle, footWidth);
  col.block(text.source, 12, 400, colors.subtle, footWidth);
  for (const m of text.marks) col.block(m, 12, 700, colors.warn, footWidth);
  col.block(text.date, 11, 400, colors.faint, footWidth);
  if (qr) {
    col.out.push(qr.markup);
    col.y = Math.max(col.y, footTop + 4 + qr.height);
  }
  const height = Math.ceil(col.y + PAD);
  return { svg: svgDocument(width, height, text.title, col.out.join(''), colors.background), width, height };
}

/** Serialises a rendered chart SVG with the computed text styles inlined (no stylesheet needed). */
export function chartMarkup(el: SVGSVGElement): { markup: string; width: number; height: number } {
  const clone = el.cloneNode(true) as SVGSVGElement;
  const src = el.querySelectorAll('text');
  clone.querySelectorAll('text').forEach((t, i) => {
    const cs = getComputedStyle(src[i]);
    t.setAttribute('font-size', cs.fontSize);
    if (cs.fontWeight !== '400') t.setAttribute('font-weight', cs.fontWeight);
    if (!t.getAttribute('fill')) t.setAttribute('fill', cs.fill || '#1F2933');
    t.removeAttribute('class');
  });
  clone.querySelectorAll('title').forEach((n) => n.remove());
  const width = el.viewBox.baseVal?.width || el.clientWidth;
  const height = el.viewBox.baseVal?.height || el.clientHeight;
  clone.removeAttribute('class');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return { markup: new XMLSerializer().serializeToString(clone).replace(/ xmlns="[^"]*"/, ''), width, height };
}

/** Rasterises an SVG document at `scale`x pixel density, optionally padded to a square. */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  { scale = 2, square = false, background = '#FFFFFF' } = {},
): Promise<Blob> {
  const side = Math.max(width, height);
  const [w, h] = square ? [side, side] : [width, height];
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    const ctx = canvas.getContext('2d')!;
    // The square's margins take the image's own background.
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, (w - width) / 2, (h - height) / 2, width, height);
    return await new Promise((ok, ko) => canvas.toBlob((b) => (b ? ok(b) : ko(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under `filename` through a temporary link (no server round trip). */
export function download(blob: Blob, filename: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
