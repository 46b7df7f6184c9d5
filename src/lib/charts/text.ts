/** Approximate width of text without a DOM: CJK glyphs are one em wide, Latin glyphs a bit over half. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? size : size * 0.56;
  return w;
}
