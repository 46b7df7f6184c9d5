/** Heights an embed may ask its iframe for: a posted 1e7 must not make a ten-million-pixel frame. */
export const EMBED_HEIGHT = { min: 80, max: 5000 } as const;

/**
 * The snippet a reporter pastes: an iframe plus a few lines that resize it whenever the embedded
 * page posts its height, so it never scrolls or clips at any width. The script believes a message
 * only from that iframe's window, from the dashboard's origin and naming that iframe's chart, and
 * clamps the height it asks for.
 */
export function embedSnippet(src: string, title: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const url = new URL(src);
  const chartId = /^#\/embed\/([^?]+)/.exec(url.hash)?.[1] ?? '';
  // JSON.stringify makes a JS string literal; "<" is escaped so no value can close the script.
  const literal = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c');
  return (
    `<iframe src="${esc(src)}" title="${esc(title)}" width="100%" height="480" style="border:0;width:100%" loading="lazy" data-jianghai-embed="${esc(chartId)}"></iframe>\n` +
    `<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="jianghai-embed:height"||e.origin!==${literal(url.origin)})return;` +
    `var h=Math.round(Number(d.height));if(!(h>0))return;h=Math.min(Math.max(h,${EMBED_HEIGHT.min}),${EMBED_HEIGHT.max});` +
    `document.querySelectorAll("iframe[data-jianghai-embed]").forEach(function(f){if(f.contentWindow===e.source&&f.getAttribute("data-jianghai-embed")===String(d.chartId))f.style.height=h+"px"})});</script>`
  );
}
