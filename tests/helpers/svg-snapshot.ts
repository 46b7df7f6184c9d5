/**
 * Snapshots of rendered SVG, as Observable Plot keeps them in test/output/: markup is normalised
 * (numbers in geometry rounded, one element per line, no Svelte markers) and compared with a
 * committed file. A missing file is written (outside CI); a different one fails with a line diff and
 * is written beside it as `<name>-changed.svg` to look at; UPDATE_SNAPSHOTS=1 rewrites every file.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SNAPSHOT_DIR = join(ROOT, 'tests/output/charts');

/** Attributes that hold coordinates or sizes: their numbers are rounded, words elsewhere are kept exactly. */
const GEOMETRY = new Set([
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'width',
  'height',
  'd',
  'transform',
  'viewBox',
  'points',
  'data-x0',
]);

/** Rounds every decimal number in `s` to two places ("12.3456" -> "12.35", "-0.001" -> "0"). */
const roundNumbers = (s: string) =>
  s.replace(/-?\d*\.\d+(?:e-?\d+)?/gi, (n) => {
    const v = Math.round(Number(n) * 100) / 100;
    return String(Object.is(v, -0) ? 0 : v);
  });

/** The first `<svg>` element of rendered HTML, normalised and indented one element per line. */
export function normaliseSvg(html: string): string {
  const start = html.indexOf('<svg');
  const end = html.indexOf('</svg>', start);
  if (start < 0 || end < 0) throw new Error(`no <svg> element in the rendered markup: ${html.slice(0, 200)}`);
  const svg = html
    .slice(start, end + '</svg>'.length)
    // Svelte's hydration markers are not part of the drawing.
    .replace(/<!--[^]*?-->/g, '');
  const lines: string[] = [];
  let depth = 0;
  for (const tok of svg.match(/<[^>]+>|[^<]+/g) ?? []) {
    if (tok.startsWith('</')) {
      depth--;
      const last = lines.at(-1);
      const name = tok.slice(2, -1).trim();
      // An element with nothing inside is written <line … />; <text>words</text> stays on one line.
      if (last?.trimStart().startsWith(`<${name} `) || last?.trimStart() === `<${name}>`) lines.push(`${lines.pop()!.slice(0, -1)} />`);
      else if (last !== undefined && !last.trimStart().startsWith('<') && lines.at(-2)?.trimEnd().endsWith('>')) {
        const words = lines.pop()!.trim();
        const open = lines.pop()!;
        lines.push(`${open}${words}${tok}`);
      } else lines.push(`${'  '.repeat(depth)}${tok}`);
    } else if (tok.startsWith('<')) {
      const tag = tok
        .replace(/\s+/g, ' ')
        .replace(/([\w:-]+)="([^"]*)"/g, (all, name: string, value: string) =>
          GEOMETRY.has(name) ? `${name}="${roundNumbers(value)}"` : all,
        );
      lines.push(`${'  '.repeat(depth)}${tag}`);
      if (!tok.endsWith('/>')) depth++;
    } else {
      const words = tok.replace(/\s+/g, ' ').trim();
      if (words) lines.push(`${'  '.repeat(depth)}${words}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Compares normalised SVG with `tests/output/charts/<name>.svg` (see the module comment). */
export function expectSvgSnapshot(name: string, html: string): void {
  const actual = normaliseSvg(html);
  const file = join(SNAPSHOT_DIR, `${name}.svg`);
  const changed = join(SNAPSHOT_DIR, `${name}-changed.svg`);
  const shown = relative(ROOT, file);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
    if (!existsSync(file) && process.env.CI)
      throw new Error(`${shown} is missing: run the unit tests locally to write it, look at it and commit it.`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (actual === expected) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  expect(actual, `${shown} changed: the new drawing is in ${relative(ROOT, changed)}; if it is right, run with UPDATE_SNAPSHOTS=1`).toBe(
    expected,
  );
}
