/**
 * Self-contained SVG and PNG of a chart with its title, notes, source and provenance baked in,
 * so a chart copied into an article or a social post still says what it is and where it came from.
 */
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
}

/** The colours an exported image is written in: the chart's own palette, so a dark embed exports dark. */
export type ExportColors = Pick<Palette, 'background' | 'ink' | 'subtle' | 'faint' | 'warn'>;

const EXPORT_FONT = `'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif`;
import { PALETTES, type Palette } from './palette';
import { textWidth } from './text';

const PAD = 16;

const escapeXml = (s: string) =>
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

/** Wraps the chart's own SVG markup with header and footer text into one standalone SVG document. */
export function composeSvg(
  chart: { markup: string; width: number; height: number },
  text: ExportText,
  colors: ExportColors = PALETTES.light,
): { svg: string; width: number; height: number } {
  const width = Math.max(chart.width + PAD * 2, 300);
  const inner = width - PAD * 2;
  const out: string[] = [];
  let y = PAD;
  const block = (s: string | undefined, size: number, weight: number, fill: string) => {
    if (!s) return;
    for (const line of wrapText(s, size, inner)) {
      y += size * 1.3;
      out.push(`<text x="${PAD}" y="${y.toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(line)}</text>`);
    }
  };
  block(text.title, 20, 700, colors.ink);
  block(text.subtitle, 14, 400, colors.subtle);
  block(text.filters, 13, 400, colors.subtle);
  y += 10;
  out.push(`<g transform="translate(${PAD},${y.toFixed(1)})">${chart.markup}</g>`);
  y += chart.height + 6;
  for (const n of text.notes ?? []) block(n, 12, 400, colors.subtle);
  block(text.source, 12, 400, colors.subtle);
  for (const m of text.marks) block(m, 12, 700, colors.warn);
  block(text.date, 11, 400, colors.faint);
  const height = Math.ceil(y + PAD);
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(EXPORT_FONT)}">` +
    `<title>${escapeXml(text.title)}</title>` +
    `<rect width="100%" height="100%" fill="${colors.background}"/>` +
    out.join('') +
    `</svg>\n`;
  return { svg, width, height };
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
