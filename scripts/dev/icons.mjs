// Renders public/icons/icon.svg into the PNG icons the web app manifest and iOS ask for, in headless
// Chromium: `node scripts/dev/icons.mjs` after changing the SVG (the PNGs are committed).
// The maskable icon keeps the glyph inside the central 80 % a launcher may crop to a circle.
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../bench/chromium.mjs';

const dir = new URL('../../public/icons/', import.meta.url);
const svg = readFileSync(new URL('icon.svg', dir), 'utf8');
const maskable = svg.replace('rx="96"', 'rx="0"').replace('<g fill="#fff">', '<g fill="#fff" transform="translate(51.2 51.2) scale(0.8)">');
const icons = [
  ['icon-192.png', 192, svg],
  ['icon-512.png', 512, svg],
  ['maskable-512.png', 512, maskable],
  ['apple-touch-icon.png', 180, maskable],
];

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const [name, size, source] of icons) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
    );
    writeFileSync(new URL(name, dir), await page.screenshot({ omitBackground: true }));
  }
} finally {
  await browser.close();
}
