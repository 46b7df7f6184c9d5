import { describe, expect, it } from 'vitest';
import { barsLayout, type BarsInput } from '../../src/lib/charts/bars/layout';
import { contrast, luminance } from '../../src/lib/charts/contrast';
import { histogramLayout } from '../../src/lib/charts/histogram/layout';
import { lorenzLayout } from '../../src/lib/charts/lorenz/layout';
import { labelOn, PALETTES, type Palette, type Tone } from '../../src/lib/charts/palette';

const themes = Object.values(PALETTES).map((p) => [p.theme, p] as const);
const tones = (p: Palette) => Object.entries(p.tones) as [Tone, string][];
/** Every fill a bar can have in a palette: each tone, and muted. */
const fills = (p: Palette) => [...tones(p), ['muted', p.muted] as const];

describe('contrast', () => {
  it.each([
    ['black on white', '#000000', '#FFFFFF', 21],
    ['white on black, in either order', '#FFFFFF', '#000000', 21],
    ['a colour on itself', '#0072B2', '#0072B2', 1],
    ['the mid grey WCAG uses as its example', '#777777', '#FFFFFF', 4.48],
  ])('gives %s', (_name, a, b, ratio) => {
    expect(contrast(a, b)).toBeCloseTo(ratio, 2);
  });
  it('refuses a colour that is not #RRGGBB, naming it', () => {
    expect(() => luminance('#abc')).toThrow(/"#abc" is not #RRGGBB/);
    expect(() => luminance('rgb(0,0,0)')).toThrow(/rgb\(0,0,0\)/);
  });
});

describe.each(themes)('the %s palette', (_theme, p) => {
  it.each(fills(p))('writes numbers inside a %s bar at 4.5:1 or more', (_name, fill) => {
    expect(contrast(fill, labelOn(fill, p))).toBeGreaterThanOrEqual(4.5);
  });
  it.each(tones(p))('draws a %s mark at 3:1 or more against the background', (_name, fill) => {
    expect(contrast(fill, p.background)).toBeGreaterThanOrEqual(3);
  });
  it.each(tones(p))('draws a selected %s mark stronger than a muted one (at least twice the contrast with the background)', (_n, fill) => {
    expect(contrast(fill, p.background)).toBeGreaterThanOrEqual(2 * contrast(p.muted, p.background));
    expect(contrast(fill, p.muted)).toBeGreaterThanOrEqual(2);
  });
  it('keeps muted marks visible but faint (1.2:1 to 1.6:1 against the background)', () => {
    const c = contrast(p.muted, p.background);
    expect(c).toBeGreaterThanOrEqual(1.2);
    expect(c).toBeLessThanOrEqual(1.6);
  });
  it.each([
    ['ink (labels, values beside bars)', p.ink],
    ['subtle text (ticks, units, legend)', p.subtle],
    ['an exported image’s small print', p.faint],
    ['an exported image’s provenance marks', p.warn],
  ])('writes %s at 4.5:1 or more on the background', (_name, colour) => {
    expect(contrast(colour, p.background)).toBeGreaterThanOrEqual(4.5);
  });
  it('has seven distinct tones and no tone equal to muted', () => {
    const all = Object.values(p.tones);
    expect(new Set(all).size).toBe(7);
    expect(all).not.toContain(p.muted);
  });
});

const stacked = (over: Partial<BarsInput> = {}): BarsInput => ({
  rows: [
    { key: 'above', label: 'Above', values: [1, 26, 118] },
    { key: 'below', label: 'Below', values: [0, 10, 1526] },
  ],
  series: [
    { key: 'giant', label: 'Little giant', tone: 'purple' },
    { key: 'prov', label: 'Provincial', tone: 'vermillion' },
    { key: 'none', label: 'None', tone: 'neutral' },
  ],
  mode: 'stacked',
  width: 640,
  lang: 'en',
  format: String,
  keyOf: (r, s) => `${r}|${s}`,
  ...over,
});

describe.each(themes)('bars in the %s palette', (_theme, p) => {
  it('fill every mark with its series tone when nothing is selected', () => {
    const l = barsLayout(stacked(), p);
    expect(l.marks.map((m) => m.fill)).toEqual([0, 1].flatMap(() => [p.tones.purple, p.tones.vermillion, p.tones.neutral]));
    expect(l.marks.every((m) => !m.muted && !m.selected)).toBe(true);
  });
  it('keep the selected key in its tone, pressed, and mute every other mark', () => {
    const l = barsLayout(stacked({ selected: new Set(['above|none']) }), p);
    const byKey = Object.fromEntries(l.marks.map((m) => [m.key, m]));
    expect(byKey['above|none']).toMatchObject({ fill: p.tones.neutral, selected: true, muted: false });
    for (const k of ['above|giant', 'above|prov', 'below|none'])
      expect(byKey[k]).toMatchObject({ fill: p.muted, selected: false, muted: true });
  });
  it('write each number inside a bar in the label colour that reads on that bar, muted or not', () => {
    for (const selected of [null, new Set(['above|none'])]) {
      const inside = barsLayout(stacked({ selected }), p).marks.filter((m) => m.textInside);
      expect(inside.length).toBeGreaterThan(0);
      for (const m of inside) expect(contrast(m.textFill, m.fill)).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('write numbers beside a bar in ink, on the background', () => {
    const l = barsLayout(stacked({ mode: 'grouped', rows: [{ key: 'r', label: 'R', values: [3, 5, 8] }] }), p);
    expect(l.marks.every((m) => !m.textInside && m.textFill === p.ink)).toBe(true);
  });
  it('select by row key when no keyOf is given', () => {
    const l = barsLayout(stacked({ mode: 'grouped', keyOf: undefined, selected: new Set(['below']) }), p);
    expect(l.marks.filter((m) => m.selected).map((m) => m.row)).toEqual(['below', 'below', 'below']);
  });
  it('do not mutate the selection they are given', () => {
    const selected = new Set(['above|none']);
    barsLayout(stacked({ selected }), p);
    expect([...selected]).toEqual(['above|none']);
  });
});

describe.each(themes)('a histogram in the %s palette', (_theme, p) => {
  const layout = (highlight: [number, number] | null, tone?: Tone) =>
    histogramLayout(
      {
        bins: [0, 1, 2, 3].map((x0) => ({ x0, n: 5 + x0 })),
        step: 1,
        width: 400,
        height: 200,
        lang: 'en',
        tickLabel: String,
        binLabel: (a, b) => `${a}-${b}`,
        highlight,
        tone,
      },
      p,
    );
  it('fills every bin in its tone (blue by default) when nothing is brushed', () => {
    expect(layout(null).marks.map((m) => m.fill)).toEqual(Array(4).fill(p.tones.blue));
    expect(layout(null, 'green').marks.map((m) => m.fill)).toEqual(Array(4).fill(p.tones.green));
  });
  it('mutes the bins outside the brush and draws the brush in the bars’ tone', () => {
    const l = layout([1, 3]);
    expect(l.marks.map((m) => [m.muted, m.fill])).toEqual([
      [true, p.muted],
      [false, p.tones.blue],
      [false, p.tones.blue],
      [true, p.muted],
    ]);
    expect(l.colors.accent).toBe(p.tones.blue);
  });
});

describe.each(themes)('a Lorenz curve in the %s palette', (_theme, p) => {
  it('is drawn in vermillion, its line of equality in ink', () => {
    const l = lorenzLayout([{ n: 1, sum: 1 }], 300, 300, p);
    expect(l.colors).toMatchObject({ curve: p.tones.vermillion, ink: p.ink, grid: p.grid });
  });
});
