// The pure builders behind every linked view: what a chart draws, its table, its summary and its
// tooltips follow from the answers alone, and never change the answers they are given.
import { describe, expect, it } from 'vitest';
import type { BarsView, ConcentrationView, HistogramView } from '../../src/lib/charts/definition';
import { orderedKeys } from '../../src/lib/charts/defs/linked-bars';
import { histogramDomain } from '../../src/lib/charts/defs/linked-histogram';
import { filtersInWords } from '../../src/lib/charts/filters';
import { chartById, chartQuery, CHARTS, chartTables, FIRM_LIST, unfilteredQueries, VIEWS } from '../../src/lib/charts/registry';
import { firstPaintQueries } from '../../src/lib/charts/first-paint';
import { selectionSummary } from '../../src/lib/charts/selection-summary';
import { asForeign, viewProvenance } from '../../src/lib/data/provenance';
import type { Fact } from '../../src/lib/format/facts';
import { allViewsSql, FIRM_DIMS, FIRM_PAGE_SIZE, firmPageSql, FIRMS, lorenzSql, viewSql, whereExcept } from '../../src/lib/sql';
import facts from '../../data/facts.json';

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
    if (b.drawing.kind !== 'bars') throw new Error('bars');
    expect([...(b.drawing.input.selected ?? [])]).toEqual(['智能家电']);
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
    expect(b.drawing.input.keyOf?.('规上', '无')).toBe('规上|无');
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
    const b = output.build({ rows: [{ key: 30, n: 1 }], base, selection: undefined, lang: 'en' });
    expect(b.domain).toEqual([2, 5]);
  });

  it('shows the brushed range in axis units and in words, and names the largest group', () => {
    const b = output.build({ rows: base, base, selection: { kind: 'interval', lo: 300, hi: 400 }, lang: 'en' });
    expect(b.range).toEqual([3, 4]);
    expect(b.band(3, 4)).toBe('10 million yuan – 100 million yuan');
    expect(b.summary).toBe(
      'Distribution of 2022 output per firm: 13 firms; the largest group is 31.6 million yuan – 39.8 million yuan (7 firms). Selected: 10 million yuan – 100 million yuan.',
    );
  });

  it('labels whole years as one year in its table', () => {
    const b = founded.build({ rows: [{ key: 2005, n: 3 }], base: [{ key: 2005, n: 3 }], selection: undefined, lang: 'zh' });
    expect(b.table.rows).toEqual([{ band: '2005年', firms: 3 }]);
    expect(b.domain).toEqual([2005, 2010]);
  });
});

describe('the concentration view', () => {
  it('gives the top-ten share, HHI and Gini of the selection', () => {
    const answers = {
      lorenz: [
        { b: 0, n: 9, s: 9 },
        { b: 196, n: 1, s: 91 },
      ],
      top10: [{ top: 100 }],
    };
    const before = structuredClone(answers);
    const b = concentration.build({ answers, totals: { count: 10, output: 100, sumsq: 9 + 91 * 91 }, lang: 'en' });
    expect(answers).toEqual(before);
    expect(b.drawing.kind === 'lorenz' && b.drawing.groups).toEqual([
      { n: 9, sum: 9 },
      { n: 1, sum: 91 },
    ]);
    expect(b.stats).toEqual([
      { key: 'top10', label: 'Top-10 share of output', value: '100.0%' },
      { key: 'hhi', label: 'Herfindahl-Hirschman index', value: '8,290' },
      { key: 'gini', label: 'Gini coefficient', value: '0.81' },
    ]);
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

describe('the range control and brush of a histogram (pure, so the component only renders)', () => {
  const base = [
    { key: 20, n: 5 },
    { key: 35, n: 7 },
    { key: 41, n: 1 },
  ];
  it('snaps a brush in axis units to whole fine bins inside the dimension, and an empty brush to nothing', () => {
    const b = output.build({ rows: base, base, selection: undefined, lang: 'en' });
    expect(b.toSelection([3.004, 3.996])).toEqual({ kind: 'interval', lo: 300, hi: 400 });
    expect(b.toSelection([-5, 20])).toEqual({ kind: 'interval', lo: -200, hi: 900 });
    expect(b.toSelection([3, 3.001])).toBeUndefined();
    expect(b.toSelection(null)).toBeUndefined();
  });

  it('spans the whole axis in fine bins with nothing selected, and a range covering it selects nothing', () => {
    const { control } = output.build({ rows: base, base, selection: undefined, lang: 'en' });
    expect([control.min, control.max, control.step, control.lo.value, control.hi.value]).toEqual([200, 500, 10, 200, 500]);
    expect(control.output).toBe('All');
    expect(control.select(200, 500)).toBeUndefined();
    expect(control.select(450, 300)).toEqual({ kind: 'interval', lo: 300, hi: 450 });
  });

  it('puts its thumbs on the selection, says their values in words, and names them in both languages', () => {
    const sel = { kind: 'interval' as const, lo: 300, hi: 400 };
    const en = output.build({ rows: base, base, selection: sel, lang: 'en' }).control;
    expect([en.label, en.lo.label, en.hi.label, en.lo.id]).toEqual([
      'Distribution of 2022 output per firm: filter range',
      'From',
      'To',
      'output-distribution-lo',
    ]);
    expect([en.lo.value, en.hi.value, en.hi.shows]).toEqual([300, 400, 390]);
    expect(en.lo.valueText(300)).toBe('10 million yuan');
    expect(en.output).toBe('10 million yuan – 100 million yuan');
    const zh = output.build({ rows: base, base, selection: sel, lang: 'zh' }).control;
    expect([zh.label, zh.lo.label, zh.hi.label, zh.lo.valueText(300)]).toEqual(['企业2022年产值分布：筛选范围', '从', '到', '1,000万元']);
    expect(output.build({ rows: base, base, selection: undefined, lang: 'zh' }).control.output).toBe('全部');
  });

  it('thins the founding years to one tick a decade on a narrow chart; output keeps a tick a decade of yuan', () => {
    const years = founded.build({ rows: [{ key: 2005, n: 3 }], base: [], selection: undefined, lang: 'en' }).drawing;
    const out = output.build({ rows: base, base, selection: undefined, lang: 'en' }).drawing;
    expect(years.kind === 'histogram' && [years.tickStepAt(419), years.tickStepAt(420)]).toEqual([10, 5]);
    expect(out.kind === 'histogram' && [out.tickStepAt(300), out.tickStepAt(800)]).toEqual([1, 1]);
  });
});

describe('the concentration view in Chinese', () => {
  it('names its measures', () => {
    const b = concentration.build({
      answers: { lorenz: [{ n: 2, s: 10 }], top10: [] },
      totals: { count: 2, output: 10, sumsq: 50 },
      lang: 'zh',
    });
    expect(b.stats.map((s) => `${s.label} ${s.value}`)).toEqual(['前10家企业产值占比 0.0%', '赫芬达尔指数 HHI 5,000', '基尼系数 0.00']);
  });
});

describe('the firm list (a definition like every chart)', () => {
  const rows = [
    {
      id: 'F0001',
      name: '模拟企业0001',
      segment: '智能家电',
      area: '外海街道',
      scale_class: '规上',
      srdi_level: '无',
      output_2022: 125000,
      employees: 1200,
      founded: 2004,
    },
    {
      id: 'F0002',
      name: null,
      segment: '汽车电子',
      area: '礼乐街道',
      scale_class: '规下',
      srdi_level: '省级专精特新',
      output_2022: 800,
      employees: 35,
      founded: 2016,
    },
  ];
  const sort = { column: 'output_2022' as const, desc: true };

  it('reads the firm table and pages it in the default order at first paint', () => {
    expect(FIRM_LIST.tables).toEqual(['firms']);
    expect(unfilteredQueries(FIRM_LIST)).toEqual([allViewsSql(FIRMS), firmPageSql('', sort, 0, FIRM_PAGE_SIZE)]);
  });

  it('formats its cells: output in 万/亿 or million/billion, counts grouped, categories translated, missing names as a dash', () => {
    const before = structuredClone(rows);
    const en = FIRM_LIST.build({ rows, count: 2, sort, page: 0, lang: 'en', modelled: true });
    expect(rows).toEqual(before);
    expect(en.rows[0].cells.map((c) => c.text)).toEqual([
      '模拟企业0001',
      'Smart home appliances',
      'Waihai Subdistrict',
      'Above designated size',
      'No SRDI title',
      '1.25 billion yuan',
      '1,200',
      '2004',
    ]);
    expect(en.rows[1].cells[0].text).toBe('—');
    const zh = FIRM_LIST.build({ rows, count: 2, sort, page: 0, lang: 'zh', modelled: true });
    expect(zh.rows[0].cells[5].text).toBe('12.5亿元');
    expect(zh.rows[0].cells.map((c) => c.numeric)).toEqual([false, false, false, false, false, true, true, true]);
  });

  it('sorts by a header: the sorted one says its order, a click reverses it, another column starts largest first', () => {
    const b = FIRM_LIST.build({ rows, count: 2, sort, page: 3, lang: 'en', modelled: false });
    const out = b.columns.find((c) => c.key === 'output_2022')!;
    const name = b.columns.find((c) => c.key === 'name')!;
    const founding = b.columns.find((c) => c.key === 'founded')!;
    expect([out.label, out.ariaSort, out.arrow]).toEqual(['2022 output', 'descending', ' ▼']);
    expect(out.next).toEqual({ sort: { column: 'output_2022', desc: false }, page: 0 });
    expect([name.ariaSort, name.arrow, name.next.sort.desc]).toEqual(['none', '', false]);
    expect(founding.next.sort.desc).toBe(true);
  });

  it('pages: words in both languages, no page before the first or after the last, a page past the last shows the last', () => {
    const en = FIRM_LIST.build({ rows, count: 1681, sort, page: 0, lang: 'en', modelled: false }).pager;
    expect(en).toEqual({
      label: 'Pages',
      status: 'Page 1 of 68',
      prev: { label: 'Previous', page: null },
      next: { label: 'Next', page: 1 },
    });
    const zh = FIRM_LIST.build({ rows, count: 1681, sort, page: 99, lang: 'zh', modelled: false }).pager;
    expect(zh).toEqual({
      label: '翻页',
      status: '第68页，共68页',
      prev: { label: '上一页', page: 66 },
      next: { label: '下一页', page: null },
    });
    expect(FIRM_LIST.shownPage(99, 1681)).toBe(67);
    expect(FIRM_LIST.shownPage(99, null)).toBe(99);
    expect(FIRM_LIST.shownPage(5, 0)).toBe(0);
  });

  it('says the names are placeholders only on modelled rows', () => {
    expect(FIRM_LIST.build({ rows, count: 2, sort, page: 0, lang: 'zh', modelled: true }).note).toBe('企业名称为占位名，数字为模拟值。');
    expect(FIRM_LIST.build({ rows, count: 2, sort, page: 0, lang: 'en', modelled: false }).note).toBeNull();
  });
});

describe('the selection sentence (selectionSummary)', () => {
  const outputFact = (facts as Fact[]).find((f) => f.id === 'ei_output_2022');
  const bundled = viewProvenance([
    { kind: 'modelled', source: null, facts: ['ei_firms', 'ei_output_2022'], rows: { zh: '企业明细', en: 'firm rows' } },
  ]);
  const all = { count: 1681, output: 2_700_000, sumsq: 1 };
  const say = (over: Partial<Parameters<typeof selectionSummary>[0]>) =>
    selectionSummary({ summary: all, all, filtered: false, failed: false, provenance: bundled, outputFact, lang: 'zh', ...over });
  const words = (s: ReturnType<typeof selectionSummary>) => s.parts.map((p) => p.text).join('');

  it('says the whole modelled table as published (超270亿元), with the modelled mark', () => {
    const s = say({});
    expect(words(s)).toBe('已选 1,681 / 1,681 家企业 · 产值 超270亿元（100.0%）');
    expect(s.parts.filter((p) => p.stat).map((p) => [p.stat, p.text])).toEqual([
      ['count', '1,681'],
      ['output', '超270亿元'],
    ]);
    expect(s.marks.map((m) => m.kind)).toEqual(['modelled']);
    expect(words(say({ lang: 'en' }))).toBe('1,681 of 1,681 firms selected · output over 27 billion yuan (100.0%)');
  });

  it('gives a selection its plain sum and share, still marked', () => {
    const s = say({ summary: { count: 145, output: 2_100_000, sumsq: 1 }, filtered: true });
    expect(words(s)).toBe('已选 145 / 1,681 家企业 · 产值 210亿元（77.8%）');
    expect(s.marks.map((m) => m.kind)).toEqual(['modelled']);
  });

  it("gives a user's import or another site's rows their plain sum, and the other site its mark", () => {
    const user = say({ provenance: viewProvenance([{ kind: 'user', file: 'mine.csv' }]) });
    expect(words(user)).toContain('产值 270亿元');
    expect(user.marks).toEqual([]);
    const foreign = say({ provenance: viewProvenance(asForeign(bundled.origins, 'stats.example.org')), lang: 'en' });
    expect(words(foreign)).toContain('output 27 billion yuan');
    expect(foreign.marks.map((m) => m.kind)).toEqual(['modelled', 'foreign']);
  });

  it('says when it is counting or could not count', () => {
    expect(words(say({ summary: null }))).toBe('正在计算…');
    expect(words(say({ summary: null, failed: true, lang: 'en' }))).toBe('The selection could not be counted.');
    expect(say({ summary: null }).marks).toEqual([]);
  });
});

describe("the registry derives every view's tables and queries from its definition", () => {
  it('gives each view the tables of its crossfilter or its own table', () => {
    for (const v of VIEWS) expect(chartTables(v)).toEqual(v.kind === 'rows' ? [v.table] : [v.x.table]);
  });
  it('asks at first paint exactly the unfiltered queries of every view, each once', () => {
    const all = VIEWS.flatMap(unfilteredQueries);
    expect(firstPaintQueries().sort()).toEqual([...new Set(all)].sort());
    expect(firstPaintQueries({ firmPage: false })).not.toContain(firmPageSql('', { column: 'output_2022', desc: true }, 0, FIRM_PAGE_SIZE));
  });
  it("queries a linked view under the other views' selections and the concentration under all of them", () => {
    const sels = { segment: { kind: 'points' as const, values: ['汽车电子'] } };
    expect(chartQuery(segment, sels)).toBe(viewSql(FIRMS, 'segment', sels));
    expect(chartQuery(concentration, sels)).toBe(lorenzSql(whereExcept(FIRMS.dims, sels)));
    expect(chartQuery(chartById('schools')!)).toBe('SELECT * FROM "schools" ORDER BY "seats"');
  });
});
