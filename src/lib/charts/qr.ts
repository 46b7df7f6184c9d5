/**
 * QR codes for images posted where links cannot be (WeChat articles, most Chinese news apps): the
 * encoder (qrcode-generator, about 8 KiB gzip) is a chunk of its own, fetched the first time an
 * image with a code is made, never on page load.
 */

/** Dark modules of a QR code, row by row (without the quiet zone). */
export type QrMatrix = boolean[][];

/** Characters outside printable ASCII percent-encoded: a URL reads the same, and every scanner reads it as sent. */
const ascii = (s: string) => s.replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c));

/**
 * The QR code of `text` at error correction level M (15 %: survives the recompression of a posted
 * image), in the smallest version that holds it.
 */
export async function qrCode(text: string): Promise<QrMatrix> {
  const { default: qrcode } = await import('qrcode-generator');
  const qr = qrcode(0, 'M');
  qr.addData(ascii(text), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/**
 * SVG path of the dark modules, `cell` units per module, from (x, y): one subpath per horizontal
 * run of dark modules, so a version 10 code is a few hundred commands rather than thousands of rects.
 */
export function qrPath(matrix: QrMatrix, x: number, y: number, cell: number): string {
  const f = (v: number) => String(Math.round(v * 100) / 100);
  const out: string[] = [];
  matrix.forEach((row, r) => {
    for (let c = 0; c < row.length;) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c++;
      out.push(`M${f(x + start * cell)} ${f(y + r * cell)}h${f((c - start) * cell)}v${f(cell)}h${f(-(c - start) * cell)}z`);
    }
  });
  return out.join('');
}
