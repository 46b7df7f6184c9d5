// The pure builders behind every linked view: what a chart draws, its table, its summary and its
// tooltips follow from the answers alone, and never change the answers they are given.
import { describe, expect, it } from 'vitest';
import type { BarsView, ConcentrationView, HistogramView } from '../../src/lib/charts/definition';
import { orderedKeys } from '../../src/lib/charts/defs/linked-bars';
import { histogramDomain } from '../../src/lib/charts/defs/linked-histogram';
import { filtersInWords } from '../../src/lib/charts/filters';
import { chartById, CHARTS, chartTables } from '../../src/lib/charts/registry';
import { FIRM_DIMS } from '../../src/lib/sql';

const segment = chartById('firms-by-segment') as BarsView;
const breakdown = chartById('firms-by-scale-srdi') as BarsView;
const output = chartById('output-distribution') as HistogramView;
const founded = chartById('founding-years') as HistogramView;
const concentration = chartById('concentration') as ConcentrationView;
const dimOf = (id: string) => FIRM_DIMS.find((d) => d.id === id) as Extract<(typeof FIRM_DIMS)[number], { kind: 'interval' }>;

const BASE = [
  { key: '电子关键元器件', n: 520 },
  { key: '智能家电', n: 395 },
  { key: '印刷电路板', n: 310 },
];

describe('every chart', () => {
  it('has a unique kebab-case id, a title in both languages, and reads at least one table', () => {
    const ids = CHARTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHARTS) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.words.title.zh && c.words.title.en).toBeTruthy();
      expect(chartTables(c).length).toBeGreaterThan(0);
    }
  });
});

describe('bars of a categorical view', () => {
  it("keep the whole table's order while other views filter, and append keys only a filtered answer has", () => {
    expect(
      orderedKeys(
        [
          { key: '印刷电路板', n: 9 },
          { key: '汽车电子', n: 1 },
        ],
        BASE,
      ),
    ).toEqual(['电子关键元器件', '智能家电', '印刷电路板', '汽车电子']);
    expect(
      orderedKeys(
        [
          { key: 'b', n: 2 },
          { key: 'a', n: 1 },
        ],
        [],
      ),
    ).toEqual(['b', 'a']);
  });

  it('draw a zero bar for a category the filter empties, and say which is largest', () => {
    const rows = [
      { key: '智能家电', n: 30 },
      { key: '印刷电路板', n: 10 },
    ];
    const before = structuredClone(rows);
    const b = segment.build({ rows, base: BASE, selection: undefined, lang: 'en' });
    expect(rows).toEqual(before);
    expect(b.drawing.kind === 'bars' && b.drawing.input.rows.map((r) => r.values[0])).toEqual([0, 30, 10]);
    expect(b.summary).toBe('Firms by segment: 40 firms; Smart home appliances has the most (30).');
    expect(b.table.rows[1]).toEqual({ category: 'Smart home appliances', firms: 30, share: '75.0%' });
    expect(b.describe('Smart home appliances', 'Firms', 30)).toBe('Smart home appliances: 30 firms (75.0%)');
  });

  it("highlight the view's own selection and name it in the summary", () => {
    const b = segment.build({ rows: BASE, base: BASE, selection: { kind: 'points', values: ['智能家电'] }, lang: 'zh' });
    expect([...(b.selected ?? [])]).toEqual(['智能家电']);
    expect(b.summary).toMatch(/已选：智能家电。$/);
  });

  it('stack the size x SRDI keys by size class with the SRDI levels in a fixed order', () => {
    const rows = [
      { key: '规下|无', n: 1500 },
      { key: '规上|无', n: 118 },
      { key: '规上|省级专精特新', n: 26 },
      { key: '规下|省级专精特新', n: 10 },
      { key: '规上|国家级小巨人', n: 1 },
    ];
    const b = breakdown.build({ rows, base: rows, selection: undefined, lang: 'en' });
    if (b.drawing.kind !== 'bars') throw new Error('bars');
    expect(b.drawing.input.rows.map((r) => r.key)).toEqual(['规上', '规下']);
    expect(b.drawing.input.series.map((s) => s.key)).toEqual(['国家级小巨人', '省级专精特新', '无']);
    expect(b.drawing.input.rows[0].values).toEqual([1, 26, 118]);
    expect(b.keyOf('规上', '无')).toBe('规上|无');
  });

  it('say so when nothing matches', () => {
    expect(segment.build({ rows: [], base: BASE, selection: undefined, lang: 'zh' }).summary).toBe('当前筛选下没有企业。');
  });
});

describe('a brushable histogram', () => {
  const base = [
    { key: 20, n: 5 },
    { key: 35, n: 7 },
    { key: 41, n: 1 },
  ];
  it('fixes its axis to the whole table in whole decades, whatever the filtered answer', () => {
    expect(histogramDomain([{ key: 30, n: 1 }], base, dimOf('output'), output.axis)).toEqual([2, 5]);
    expect(histogramDomain([], [], dimOf('output'), output.axis)).toEqual(output.axis.fallbackDomain);
    const b = output.build({ rows: [{ key: 30, n: 1 }], base, selection: undefined, lang: 'en' }, dimOf('output'));
    expect(b.domain).toEqual([2, 5]);
  });

  it('shows the brushed range in axis units and in words, and names the largest group', () => {
    const b = output.build({ rows: base, base, selection: { kind: 'interval', lo: 300, hi: 400 }, lang: 'en' }, dimOf('output'));
    expect(b.range).toEqual([3, 4]);
    expect(b.band(3, 4)).toBe('10 million yuan – 100 million yuan');
    expect(b.summary).toBe(
      'Distribution of 2022 output per firm: 13 firms; the largest group is 31.6 million yuan – 39.8 million yuan (7 firms). Selected: 10 million yuan – 100 million yuan.',
    );
  });

  it('labels whole years as one year in its table', () => {
    const b = founded.build(
      { rows: [{ key: 2005, n: 3 }], base: [{ key: 2005, n: 3 }], selection: undefined, lang: 'zh' },
      dimOf('founded'),
    );
    expect(b.table.rows).toEqual([{ band: '2005年', firms: 3 }]);
    expect(b.domain).toEqual([2005, 2010]);
  });
});

describe('the concentration view', () => {
  it('gives the top-ten share, HHI and Gini of the selection', () => {
    const b = concentration.build({
      groups: [
        { n: 9, sum: 9 },
        { n: 1, sum: 91 },
      ],
      top10: 100,
      totals: { count: 10, output: 100, sumsq: 9 + 91 * 91 },
      lang: 'en',
    });
    expect(b.stats).toEqual({ top10: '100.0%', hhi: '8,290', gini: '0.81' });
    expect(b.summary).toBe('Among the 10 selected firms, the top 10 produce 100.0% of output; the Herfindahl-Hirschman index is 8,290.');
    expect(b.table.rows.at(-1)).toEqual({ firms: '100.0%', output: '100.0%' });
  });
});

describe('filters in words', () => {
  it('name each active view and its values, in both languages', () => {
    const sels = {
      segment: { kind: 'points' as const, values: ['汽车电子', '智能家电'] },
      output: { kind: 'interval' as const, lo: 300, hi: 400 },
      breakdown: { kind: 'points' as const, values: ['规上|无'] },
    };
    expect(filtersInWords(sels, 'zh')).toBe(
      '细分领域：汽车电子、智能家电；规模 · 专精特新：规模以上 · 非专精特新；产值区间：1,000万元 – 1亿元',
    );
    expect(filtersInWords(sels, 'en')).toBe(
      'Segment: Automotive electronics, Smart home appliances; Size class · SRDI title: Above designated size · No SRDI title; Output band: 10 million yuan – 100 million yuan',
    );
    expect(filtersInWords({}, 'en')).toBe('');
  });
});
