// The about page says exactly what the facts table covers: checked against the article itself,
// every numeral on the page is either in a published figure's quote or in the page's list of the
// other numbers (audit G11).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coverageSentence, OTHER_NUMBERS } from '../../src/views/about/coverage';
import facts from '../../data/facts.json';

const ARTICLE = fileURLToPath(new URL('../../../shared/seed/jiangmen-daily-jianghai-2023-07-07.txt', import.meta.url));
/** Whitespace and line breaks out, full-width punctuation as ASCII: the article and the quotes differ only there. */
const norm = (s: string) =>
  s.replace(/\s+/g, '').replaceAll('，', ',').replaceAll('（', '(').replaceAll('）', ')').replaceAll('：', ':').replaceAll('；', ';');
/** Characters that write a number: digits and Chinese numerals, 首 (first) and 半 (half) included. */
const NUMERAL = /[0-9〇一二两三四五六七八九十百千万亿半首双]/g;
/** Words with a numeral character that state no figure. */
const NOT_FIGURES = [
  '进一步',
  '下一步',
  '一体化',
  '一批',
  '一处',
  '一次',
  '一提',
  '之一',
  '一系列',
  '一直',
  '新一代',
  '老一辈',
  '双向',
  '千家万户',
  '一子落',
];

describe.skipIf(!existsSync(ARTICLE))('the facts table and the list of other numbers, against the article', () => {
  const article = norm(existsSync(ARTICLE) ? readFileSync(ARTICLE, 'utf8') : '');
  const others = OTHER_NUMBERS.flatMap((g) => g.items);

  it("finds every figure's quote in the article", () => {
    for (const f of facts) expect(article, f.id).toContain(norm(f.quote));
  });

  it('finds every other number in the article, outside the quotes of the figures', () => {
    for (const q of others.flatMap((o) => o.quotes)) {
      expect(article, q).toContain(norm(q));
      expect(
        facts.some((f) => norm(f.quote).includes(norm(q))),
        `${q} is already a figure`,
      ).toBe(false);
    }
  });

  it('leaves no numeral of the page unaccounted for', () => {
    const covered = new Array<boolean>(article.length).fill(false);
    for (const q of [...facts.map((f) => f.quote), ...others.flatMap((o) => o.quotes), ...NOT_FIGURES].map(norm)) {
      for (let at = article.indexOf(q); at !== -1; at = article.indexOf(q, at + 1)) covered.fill(true, at, at + q.length);
    }
    const missing = [...article.matchAll(NUMERAL)].filter((m) => !covered[m.index]).map((m) => article.slice(m.index - 6, m.index + 6));
    expect(missing).toEqual([]);
  });
});

describe('the coverage sentence', () => {
  it('gives the number of figures and lists the other numbers as complete, in both languages', () => {
    expect(coverageSentence(facts.length, 'zh')).toMatch(/^下表列出该版报道公布的29个数字，/);
    expect(coverageSentence(facts.length, 'zh')).toContain('报道中其余的数字都不在表中，全部列举如下');
    expect(coverageSentence(facts.length, 'en')).toMatch(/^The table lists the 29 figures the page publishes about /);
    expect(coverageSentence(facts.length, 'en')).toContain('Every other number on the page is left out of it; here is the complete list');
    expect(coverageSentence(facts.length, 'en')).not.toMatch(/\ball \d+ figures\b/);
  });
  it('names each other number in both languages', () => {
    for (const o of OTHER_NUMBERS.flatMap((g) => g.items)) expect(o.zh && o.en, o.quotes[0]).toBeTruthy();
    const zh = OTHER_NUMBERS.flatMap((g) => g.items.map((i) => i.zh)).join('、');
    for (const w of [
      '一年多来',
      '三大战略性新兴产业',
      '二十大',
      '两天一夜',
      '五位一体',
      '首个',
      '第一辑',
      '百余名',
      '16名',
      '80余幅',
      '20余名',
      '“1+3+2”',
    ])
      expect(zh).toContain(w);
  });
});
