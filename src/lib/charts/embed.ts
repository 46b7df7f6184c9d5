/**
 * The snippet a reporter pastes: an iframe plus a few lines that resize it whenever the embedded
 * page posts its height, so it never scrolls or clips at any width.
 */
export function embedSnippet(src: string, title: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    `<iframe src="${esc(src)}" title="${esc(title)}" width="100%" height="480" style="border:0;width:100%" loading="lazy" data-jianghai-embed></iframe>\n` +
    `<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="jianghai-embed:height")return;` +
    `document.querySelectorAll("iframe[data-jianghai-embed]").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})});</script>`
  );
}
