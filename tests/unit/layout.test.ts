import { describe, expect, it } from 'vitest';
import { barsLayout, panelsLayout, type BarsInput } from '../../src/lib/charts/bars/layout';
import { histogramLayout } from '../../src/lib/charts/histogram/layout';
import { PALETTES } from '../../src/lib/charts/palette';
import { tableToCsv } from '../../src/lib/charts/table';
import { composeSvg, wrapText } from '../../src/lib/charts/export';

const light = PALETTES.light;

const input = (over: Partial<BarsInput> = {}): BarsInput => ({
  rows: [
    { key: 'a', label: 'Alpha', values: [520] },
    { key: 'b', label: 'Beta', values: [196] },
  ],
  series: [{ key: 'n', label: 'Firms', tone: 'blue' }],
  width: 360,
  lang: 'en',
  format: String,
  ...over,
});

describe('barsLayout', () => {
  it('draws one mark per row and series, longest bar for the largest value', () => {
    const l = barsLayout(input(), light);
    expect(l.marks).toHaveLength(2);
    expect(l.marks[0].w).toBeGreaterThan(l.marks[1].w);
    expect(l.marks[0].w / l.marks[1].w).toBeCloseTo(520 / 196, 1);
  });
  it('fits within the given width, value labels included', () => {
    for (const width of [300, 360, 1200]) {
      const l = barsLayout(input({ width }), light);
      for (const m of l.marks) expect(m.x + m.w + 60).toBeLessThanOrEqual(width);
    }
  });
  it('stacks series end to end and labels the row total', () => {
    const l = barsLayout(
      input({
        mode: 'stacked',
        rows: [{ key: 'r', label: 'R', values: [1, 26, 118] }],
        series: ['x', 'y', 'z'].map((k) => ({ key: k, label: k, tone: 'blue' as const })),
      }),
      light,
    );
    const [a, b, c] = l.marks;
    expect(b.x).toBeCloseTo(a.x + a.w);
    expect(c.x).toBeCloseTo(b.x + b.w);
    expect(l.rows[0].totalText).toBe('145');
  });
  it('gives grouped series their own bar in each row', () => {
    const l = barsLayout(
      input({
        rows: [{ key: 'p', label: 'P', values: [10, 12] }],
        series: [
          { key: 'plan', label: 'Plan', tone: 'neutral' },
          { key: 'done', label: 'Done', tone: 'blue' },
        ],
      }),
      light,
    );
    expect(l.marks[1].y).toBeGreaterThan(l.marks[0].y);
    expect(l.marks[0].x).toBe(l.marks[1].x);
  });
  it('does not mutate its input', () => {
    const i = input();
    const copy = structuredClone({ rows: i.rows, series: i.series });
    barsLayout(i, light);
    expect({ rows: i.rows, series: i.series }).toEqual(copy);
  });
  it('puts panels side by side on wide screens and stacks them on phones', () => {
    const panels = [
      { title: 'A', input: input() },
      { title: 'B', input: input() },
    ];
    const wide = panelsLayout(panels, 800, light);
    expect(wide.panels[1].x).toBeGreaterThan(0);
    expect(wide.panels[1].y).toBe(0);
    const narrow = panelsLayout(panels, 360, light);
    expect(narrow.panels[1].x).toBe(0);
    expect(narrow.panels[1].y).toBeGreaterThan(0);
  });
});

describe('histogramLayout', () => {
  const bins = [
    { x0: 0, n: 5 },
    { x0: 0.25, n: 20 },
    { x0: 2, n: 1 },
  ];
  const h = histogramLayout(
    {
      bins,
      step: 0.25,
      width: 360,
      height: 240,
      lang: 'zh',
      tickLabel: (d) => `1e${d}`,
      binLabel: (a, b) => `${a}-${b}`,
      rule: { at: 1, label: 'rule' },
    },
    PALETTES.light,
  );
  it('draws one bar per bin, tallest for the largest count', () => {
    expect(h.marks).toHaveLength(3);
    expect(h.marks[1].h).toBeGreaterThan(h.marks[0].h);
    expect(h.marks.every((m) => m.x >= h.plot.left && m.x + m.w <= h.plot.left + h.plot.width + 1)).toBe(true);
  });
  it('ticks whole decades and places the rule between them', () => {
    expect(h.xTicks.map((t) => t.label)).toEqual(expect.arrayContaining(['1e0']));
    expect(h.rule!.x).toBeGreaterThan(h.xTicks[0].x);
  });
  it('labels only integer counts on the y axis', () => {
    expect(h.yTicks.every((t) => /^\d[\d,]*$/.test(t.label))).toBe(true);
  });
});

describe('exports', () => {
  it('writes CSV with a BOM, CRLF and quoted cells, and defuses spreadsheet formulas', () => {
    const csv = tableToCsv({
      columns: [
        { key: 'name', label: '名称' },
        { key: 'n', label: 'n' },
      ],
      rows: [
        { name: 'a,"b"', n: 1 },
        { name: '=HYPERLINK("x")', n: -2 },
      ],
    });
    expect(csv.startsWith('\uFEFF名称,n\r\n')).toBe(true);
    expect(csv).toContain('"a,""b""",1');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",-2`);
  });
  it('wraps Chinese anywhere and English between words', () => {
    expect(wrapText('一二三四五六', 10, 30)).toEqual(['一二三', '四五六']);
    expect(wrapText('alpha beta gamma', 10, 60)).toEqual(['alpha beta', 'gamma']);
  });
  it('bakes title, source and the modelled mark into the SVG, escaped', () => {
    const { svg } = composeSvg(
      { markup: '<rect width="10" height="10"/>', width: 300, height: 100 },
      { title: 'Firms <by> segment', source: 'Source: Jiangmen Daily', marks: ['Modelled data'], date: '2026-11-26' },
    );
    expect(svg).toContain('Firms &lt;by&gt; segment');
    expect(svg).toContain('Source: Jiangmen Daily');
    expect(svg).toContain('Modelled data');
    expect(svg).not.toMatch(/<link|@import|url\(http/);
  });
  it.each([
    ['light', '#FFFFFF', '#1F2933'],
    ['dark', '#243240', '#E4E7EB'],
  ] as const)('writes a %s chart’s image on its own background, title in its ink', (theme, background, ink) => {
    const { svg } = composeSvg(
      { markup: '<rect width="10" height="10"/>', width: 300, height: 100 },
      { title: 'Firms by segment', source: 'Source: Jiangmen Daily', marks: ['Modelled data'], date: '2026-11-26' },
      PALETTES[theme],
    );
    expect(svg).toContain(`<rect width="100%" height="100%" fill="${background}"/>`);
    expect(svg).toMatch(new RegExp(`font-weight="700" fill="${ink}">Firms by segment<`));
    expect(svg).toContain(`fill="${PALETTES[theme].warn}">Modelled data<`);
  });
});
