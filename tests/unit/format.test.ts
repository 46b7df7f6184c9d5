import { describe, expect, it } from 'vitest';
import { axisFormat, formatCount, formatNumber, formatPercent, formatYuan, pickMagnitude } from '../../src/lib/format/number';
import { formatFact, formatMonth, type Fact } from '../../src/lib/format/facts';
import facts from '../../data/facts.json';

describe('formatNumber picks 万/亿 in Chinese and million/billion in English', () => {
  const cases: [number, string, string][] = [
    [0, '0', '0'],
    [-0, '0', '0'],
    [7, '7', '7'],
    [0.001234, '0.00123', '0.00123'],
    [-1234, '-1,234', '-1,234'],
    [9_999, '9,999', '9,999'],
    [10_000, '1万', '10,000'],
    [12_345, '1.23万', '12,345'],
    [-15_000, '-1.5万', '-15,000'],
    [999_999, '100万', '999,999'],
    [1_000_000, '100万', '1 million'],
    [99_999_999, '1亿', '100 million'],
    [100_000_000, '1亿', '100 million'],
    [999_999_999, '10亿', '1 billion'],
    [2_779_000_000, '27.79亿', '2.78 billion'],
    [27_000_000_000, '270亿', '27 billion'],
    [1.5e13, '150,000亿', '15,000 billion'],
  ];
  it.each(cases)('%d reads "%s" in Chinese and "%s" in English', (v, zh, en) => {
    expect(formatNumber(v, 'zh')).toBe(zh);
    expect(formatNumber(v, 'en')).toBe(en);
  });

  it('says "no data" rather than NaN for missing values', () => {
    expect(formatNumber(NaN, 'zh')).toBe('无数据');
    expect(formatNumber(Infinity, 'en')).toBe('n/a');
  });

  it('steps up a magnitude when rounding would print 10,000万', () => {
    expect(pickMagnitude(99_999_999, 'zh').suffix).toBe('亿');
    expect(pickMagnitude(99_995_000, 'zh', 0).suffix).toBe('亿');
    expect(pickMagnitude(99_994_000, 'zh', 0).suffix).toBe('万');
  });
});

describe('formatYuan, formatPercent and formatCount', () => {
  it.each([
    [2_779_000_000, 'zh', 4, '27.79亿元'],
    [2_779_000_000, 'en', 4, '2.779 billion yuan'],
    [50_000_000, 'zh', 2, '5,000万元'],
    [50_000_000, 'en', 2, '50 million yuan'],
    [100_000, 'zh', 2, '10万元'],
    [0, 'en', 2, '0 yuan'],
  ] as const)('%d yuan in %s with %d digits is "%s"', (v, lang, digits, out) => {
    expect(formatYuan(v, lang, digits)).toBe(out);
  });
  it('keeps two decimals of a percentage', () => {
    expect(formatPercent(36.33)).toBe('36.33%');
    expect(formatPercent(105.82)).toBe('105.82%');
    expect(formatPercent(5)).toBe('5%');
  });
  it('groups counts with commas', () => {
    expect(formatCount(1681)).toBe('1,681');
    expect(formatCount(10_000_000)).toBe('10,000,000');
  });
});

describe('axisFormat uses a single unit per axis', () => {
  it('labels a 0–6亿 axis in 亿 with no repeated unit', () => {
    const a = axisFormat(6e8, 'zh', 2e8);
    expect(a.unit).toBe('亿');
    expect([0, 2e8, 4e8, 6e8].map(a.tick)).toEqual(['0', '2', '4', '6']);
  });
  it('adds decimals when the step is below one unit', () => {
    const a = axisFormat(1.5e8, 'zh', 5e7);
    expect([0, 5e7, 1e8, 1.5e8].map(a.tick)).toEqual(['0', '0.5', '1', '1.5']);
  });
  it('labels small counts as they are', () => {
    const a = axisFormat(600, 'en', 200);
    expect(a.unit).toBe('');
    expect(a.tick(400)).toBe('400');
  });
  it('uses million in English for a 0–60 million axis', () => {
    const a = axisFormat(6e7, 'en', 2e7);
    expect(a.unit).toBe('million');
    expect(a.tick(4e7)).toBe('40');
  });
});

describe('formatFact shows published figures exactly, with their qualifier', () => {
  const byId = new Map((facts as Fact[]).map((f) => [f.id, f]));
  const cases: [string, string, string][] = [
    ['ei_firms', '1,681家', '1,681 firms'],
    ['ei_firms_headline', '近1,700家', 'nearly 1,700 firms'],
    ['ei_share_industrial', '36.33%', '36.33%'],
    ['ei_above_scale', '145家', '145 firms'],
    ['ei_output_2022', '超270亿元', 'over 27 billion yuan'],
    ['ei_key_projects_invest', '27.79亿元', '2.779 billion yuan'],
    ['ei_key_projects_over_plan', '5.82%', '5.82%'],
    ['enping_keyi', '5,000万元', '50 million yuan'],
    ['school_jx_land', '约2.1万平方米', 'about 21,000 m²'],
    ['school_gx1_seats', '2,160个学位', '2,160 seats'],
    ['school_opening', '计划2024年9月', 'planned September 2024'],
    ['ei_base_2004', '2004年', '2004'],
    ['rv_village_income', '超10万元', 'over 100,000 yuan'],
    ['talent_person_times', '超1,000人次', 'over 1,000 person-times'],
  ];
  it.each(cases)('%s reads "%s" and "%s"', (id, zh, en) => {
    const f = byId.get(id)!;
    expect(formatFact(f, 'zh').text).toBe(zh);
    expect(formatFact(f, 'en').text).toBe(en);
  });
  it('formats every published figure without NaN or undefined', () => {
    for (const f of facts as Fact[]) {
      for (const lang of ['zh', 'en'] as const) expect(formatFact(f, lang).text).not.toMatch(/NaN|undefined|无数据/);
    }
  });
  it('does not mutate the fact', () => {
    const f = structuredClone(byId.get('ei_output_2022')!);
    const copy = structuredClone(f);
    formatFact(f, 'en');
    expect(f).toEqual(copy);
  });
  it('formats months in both languages', () => {
    expect(formatMonth('2024-09', 'zh')).toBe('2024年9月');
    expect(formatMonth('2024-09', 'en')).toBe('September 2024');
    expect(formatMonth('soon', 'en')).toBe('soon');
  });
});
