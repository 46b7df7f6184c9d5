// The words every chart definition writes from its answers: the one-sentence summary (the chart's
// accessible description) and the tooltip of a mark, in Chinese and English, for every chart of the
// registry; the answers they are given are frozen, so a builder that mutates them throws.
import { describe, expect, it } from 'vitest';
import type {
  BarsView,
  ChartDef,
  ConcentrationInput,
  ConcentrationView,
  HistogramView,
  LinkedInput,
  RowsChart,
} from '../../src/lib/charts/definition';
import { CHARTS } from '../../src/lib/charts/registry';
import type { Lang } from '../../src/lib/format/number';
import type { Selection } from '../../src/lib/sql';

/** Deep-frozen copy: any write by a builder throws in strict mode. */
function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

/** What one case gives a chart and what it must say. */
interface Case {
  id: string;
  lang: Lang;
  /** What the case is about, for the test name. */
  about: string;
  input: unknown;
  summary: string;
  /** Arguments of the chart's tooltip function and the text it must give. */
  tips: [args: unknown[], text: string][];
}

const PROJECTS = [
  { id: 'p1', name: '甲项目', name_en: 'Project A', planned_wan: 50_000, completed_wan: 60_000 },
  { id: 'p2', name: '乙项目', name_en: 'Project B', planned_wan: 20_000, completed_wan: 12_000 },
];
const ENPING = [
  { id: 'e1', company_zh: '甲公司', company_en: 'Firm A', investment_wan: 150_000 },
  { id: 'e2', company_zh: '乙公司', company_en: 'Firm B', investment_wan: 3_000 },
];
const SCHOOLS = [
  { id: 's1', name_zh: '甲小学', name_en: 'School A', seats: 1_620, classes: 36, land_area_wan_m2: 1.9, floor_area_wan_m2: 2.1 },
  { id: 's2', name_zh: '乙小学', name_en: 'School B', seats: 1_000, classes: 30, land_area_wan_m2: 1.2, floor_area_wan_m2: 1.5 },
];
const SEGMENTS = [
  { key: '电子关键元器件', n: 520 },
  { key: '智能家电', n: 395 },
  { key: '印刷电路板', n: 310 },
];
const AREAS = [
  { key: '江南街道', n: 612 },
  { key: '外海街道', n: 583 },
  { key: '礼乐街道', n: 486 },
];
const BREAKDOWN = [
  { key: '规下|无', n: 1500 },
  { key: '规上|无', n: 118 },
  { key: '规上|省级专精特新', n: 26 },
  { key: '规下|省级专精特新', n: 10 },
  { key: '规上|国家级小巨人', n: 1 },
];
const OUTPUT_BINS = [
  { key: 20, n: 5 },
  { key: 35, n: 7 },
  { key: 41, n: 1 },
];
const YEARS = [
  { key: 2005, n: 3 },
  { key: 2010, n: 5 },
];
const linked = (rows: LinkedInput['rows'], lang: Lang, selection?: Selection, base = rows): LinkedInput => ({
  rows,
  base,
  selection,
  lang,
});
const CONCENTRATION = (lang: Lang): ConcentrationInput => ({
  // Rows of the view's own queries: one per output group (firms n, output s), and the top ten's output.
  answers: {
    lorenz: [
      { n: 9, s: 9 },
      { n: 1, s: 91 },
    ],
    top10: [{ top: 100 }],
  },
  totals: { count: 10, output: 100, sumsq: 9 + 91 * 91 },
  lang,
});
const points = (...values: string[]): Selection => ({ kind: 'points', values });

const CASES: Case[] = [
  {
    id: 'projects-investment',
    lang: 'zh',
    about: 'totals, share of plan and projects over plan',
    input: PROJECTS,
    summary: '2个项目共完成投资7.2亿元，为计划7亿元的102.86%；1个项目超过计划。',
    tips: [
      [['甲项目', '完成投资', 6e8], '甲项目 · 完成投资: 6亿元'],
      [['乙项目', '计划投资', 1.2e8], '乙项目 · 计划投资: 1.2亿元'],
    ],
  },
  {
    id: 'projects-investment',
    lang: 'en',
    about: 'totals, share of plan and projects over plan',
    input: PROJECTS,
    summary: 'The 2 projects completed 720 million yuan, 102.86% of the 700 million yuan planned; 1 exceeded their plan.',
    tips: [
      [['Project A', 'Completed', 6e8], 'Project A · Completed: 600 million yuan'],
      [['Project B', 'Planned', 1.2e8], 'Project B · Planned: 120 million yuan'],
    ],
  },
  {
    id: 'enping-investments',
    lang: 'zh',
    about: 'the total and each firm, each in its own unit',
    input: ENPING,
    summary: '2家企业在恩平共投资15.3亿元：甲公司15亿元，乙公司3,000万元。',
    tips: [[['乙公司', '投资额', 3e7], '乙公司: 3,000万元']],
  },
  {
    id: 'enping-investments',
    lang: 'en',
    about: 'the total and each firm, each in its own unit',
    input: ENPING,
    summary: '2 firms invest 1.53 billion yuan in Enping: Firm A 1.5 billion yuan, Firm B 30 million yuan.',
    tips: [[['Firm A', 'Investment', 1.5e9], 'Firm A: 1.5 billion yuan']],
  },
  {
    id: 'schools',
    lang: 'zh',
    about: 'seats, classes and seats per class (to one decimal)',
    input: SCHOOLS,
    summary: '甲小学1,620个学位、36个班（每班45个）；乙小学1,000个学位、30个班（每班33.3个）。',
    tips: [
      [['甲小学', '学位', 1620], '甲小学 · 学位: 1,620'],
      [['甲小学', '用地面积', 19_000], '甲小学 · 用地面积: 1.9万'],
    ],
  },
  {
    id: 'schools',
    lang: 'en',
    about: 'seats, classes and seats per class (to one decimal)',
    input: SCHOOLS,
    summary: 'School A: 1,620 seats in 36 classes (45 per class); School B: 1,000 seats in 30 classes (33.3 per class).',
    tips: [
      [['School A', 'Seats', 1620], 'School A · Seats: 1,620'],
      [['School B', 'Seats per class', 100 / 3], 'School B · Seats per class: 33.3'],
    ],
  },
  {
    id: 'firms-by-segment',
    lang: 'zh',
    about: 'the total and the largest segment, then the selection',
    input: linked(SEGMENTS, 'zh', points('智能家电', '印刷电路板')),
    summary: '各细分领域企业数：共1,225家，电子关键元器件最多（520家）。已选：智能家电、印刷电路板。',
    tips: [[['智能家电', '企业数', 395], '智能家电: 395家 (32.2%)']],
  },
  {
    id: 'firms-by-segment',
    lang: 'en',
    about: 'the total and the largest segment, then the selection',
    input: linked(SEGMENTS, 'en', points('智能家电', '印刷电路板')),
    summary:
      'Firms by segment: 1,225 firms; Key electronic components has the most (520). Selected: Smart home appliances, Printed circuit boards.',
    tips: [[['Smart home appliances', 'Firms', 395], 'Smart home appliances: 395 firms (32.2%)']],
  },
  {
    id: 'firms-by-area',
    lang: 'zh',
    about: 'the total and the largest subdistrict',
    input: linked(AREAS, 'zh'),
    summary: '各街道企业数：共1,681家，江南街道最多（612家）。',
    tips: [[['江南街道', '企业数', 612], '江南街道: 612家 (36.4%)']],
  },
  {
    id: 'firms-by-area',
    lang: 'en',
    about: 'the total and the largest subdistrict',
    input: linked(AREAS, 'en'),
    summary: 'Firms by subdistrict: 1,681 firms; Jiangnan Subdistrict has the most (612).',
    tips: [[['Jiangnan Subdistrict', 'Firms', 612], 'Jiangnan Subdistrict: 612 firms (36.4%)']],
  },
  {
    id: 'firms-by-scale-srdi',
    lang: 'zh',
    about: 'size class and SRDI title together, then the selected stack',
    input: linked(BREAKDOWN, 'zh', points('规上|无')),
    summary: '规模与专精特新：共1,655家，规模以下 · 非专精特新最多（1,500家）。已选：规模以上 · 非专精特新。',
    tips: [
      [['规模以上', '省级专精特新', 26], '规模以上 · 省级专精特新: 26家 (1.6%)'],
      [['规模以上', '国家级小巨人', 1], '规模以上 · 国家级小巨人: 1家 (0.1%)'],
    ],
  },
  {
    id: 'firms-by-scale-srdi',
    lang: 'en',
    about: 'size class and SRDI title together, then the selected stack',
    input: linked(BREAKDOWN, 'en', points('规上|无')),
    summary:
      'Firms by size class and SRDI title: 1,655 firms; Below designated size · No SRDI title has the most (1,500). Selected: Above designated size · No SRDI title.',
    tips: [
      [['Above designated size', 'Provincial SRDI', 26], 'Above designated size · Provincial SRDI: 26 firms (1.6%)'],
      [['Above designated size', 'National “little giant”', 1], 'Above designated size · National “little giant”: 1 firm (0.1%)'],
    ],
  },
  {
    id: 'output-distribution',
    lang: 'zh',
    about: 'the largest output band in 万元, then the brushed range',
    input: linked(OUTPUT_BINS, 'zh', { kind: 'interval', lo: 300, hi: 400 }),
    summary: '企业2022年产值分布：共13家，最多的一组为3,162.3万元 – 3,981.1万元（7家）。已选：1,000万元 – 1亿元。',
    tips: [[['3,162.3万元 – 3,981.1万元', 7], '3,162.3万元 – 3,981.1万元: 7家 (53.8%)']],
  },
  {
    id: 'output-distribution',
    lang: 'en',
    about: 'the largest output band in million yuan, then the brushed range',
    input: linked(OUTPUT_BINS, 'en', { kind: 'interval', lo: 300, hi: 400 }),
    summary:
      'Distribution of 2022 output per firm: 13 firms; the largest group is 31.6 million yuan – 39.8 million yuan (7 firms). Selected: 10 million yuan – 100 million yuan.',
    tips: [[['31.6 million yuan – 39.8 million yuan', 7], '31.6 million yuan – 39.8 million yuan: 7 firms (53.8%)']],
  },
  {
    id: 'founding-years',
    lang: 'zh',
    about: 'the commonest founding year, then the brushed years',
    input: linked(YEARS, 'zh', { kind: 'interval', lo: 2005, hi: 2008 }),
    summary: '企业成立年份：共8家，最多的一组为2010年 – 2011年（5家）。已选：2005年 – 2008年。',
    tips: [[['2010年', 5], '2010年: 5家 (62.5%)']],
  },
  {
    id: 'founding-years',
    lang: 'en',
    about: 'the commonest founding year, then the brushed years',
    input: linked(YEARS, 'en', { kind: 'interval', lo: 2005, hi: 2008 }),
    summary: 'Founding year of firms: 8 firms; the largest group is 2010 – 2011 (5 firms). Selected: 2005 – 2008.',
    tips: [[['2010', 1], '2010: 1 firm (12.5%)']],
  },
  {
    id: 'concentration',
    lang: 'zh',
    about: 'the top ten’s share and the HHI of the selection',
    input: CONCENTRATION('zh'),
    summary: '所选10家企业中，产值最高的10家占100.0%；赫芬达尔指数（HHI）为8,290。',
    tips: [[[0.9, 0.09], '产值最低的90.0%企业，占产值9.0%']],
  },
  {
    id: 'concentration',
    lang: 'en',
    about: 'the top ten’s share and the HHI of the selection',
    input: CONCENTRATION('en'),
    summary: 'Among the 10 selected firms, the top 10 produce 100.0% of output; the Herfindahl-Hirschman index is 8,290.',
    tips: [[[0.9, 0.09], 'The 90.0% of firms with the lowest output make 9.0% of it']],
  },
];

/** Builds a chart from a case's input and returns its summary and tooltip function. */
function words(def: ChartDef, input: unknown, lang: Lang): { summary: string; tip: (...args: never[]) => string } {
  switch (def.kind) {
    case 'rows': {
      const b = (def as RowsChart).build(input as Parameters<RowsChart['build']>[0], lang);
      return { summary: b.summary, tip: b.describe as (...args: never[]) => string };
    }
    case 'linked-bars': {
      const b = (def as BarsView).build(input as LinkedInput);
      return { summary: b.summary, tip: b.describe as (...args: never[]) => string };
    }
    case 'linked-histogram': {
      const b = (def as HistogramView).build(input as LinkedInput);
      return { summary: b.summary, tip: b.describe as (...args: never[]) => string };
    }
    case 'concentration': {
      const b = (def as ConcentrationView).build(input as ConcentrationInput);
      if (b.drawing.kind !== 'lorenz') throw new Error('the concentration view draws a Lorenz curve');
      return { summary: b.summary, tip: b.drawing.describe as (...args: never[]) => string };
    }
  }
}

describe('every chart definition', () => {
  it('has a summary and tooltip case in both languages (add one with each new chart)', () => {
    const covered = new Set(CASES.map((c) => `${c.id}/${c.lang}`));
    expect(CHARTS.flatMap((c) => [`${c.id}/zh`, `${c.id}/en`]).filter((k) => !covered.has(k))).toEqual([]);
  });
});

describe.each(CASES)('the $id chart in $lang', ({ id, lang, about, input, summary, tips }) => {
  const def = CHARTS.find((c) => c.id === id)!;
  it(`sums up ${about} in one sentence, without touching its answers`, () => {
    expect(words(def, frozen(structuredClone(input)), lang).summary).toBe(summary);
  });
  it.each(tips)('describes the mark %j as %j', (args, text) => {
    expect(words(def, frozen(structuredClone(input)), lang).tip(...(args as never[]))).toBe(text);
  });
});

describe('every linked chart', () => {
  it.each(
    CHARTS.filter((c) => c.kind === 'linked-bars' || c.kind === 'linked-histogram').flatMap((c) =>
      (['zh', 'en'] as const).map((l) => [c.id, l] as const),
    ),
  )('says %s has no firms (in %s) when the filters leave none', (id, lang) => {
    const def = CHARTS.find((c) => c.id === id)!;
    expect(words(def, frozen(linked([], lang, undefined, [])), lang).summary).toBe(
      lang === 'zh' ? '当前筛选下没有企业。' : 'No firms match the current filters.',
    );
  });
});
