/** The linked views over the firm table, in page order. Ids are public (links, embeds): never rename one. */
import { formatCount, formatNumber, type Lang } from '../../format/number';
import { FIRMS, OUTPUT_BINS_PER_DECADE } from '../../sql';
import type { LinkedView } from '../definition';
import { concentration } from './concentration';
import { firmList } from './firm-list';
import { countBars } from './linked-bars';
import { histogram } from './linked-histogram';

/** A power of ten as a tick label: "0.01", "1", "10,000". */
const decadeTick = (v: number) => (v >= 1 ? formatCount(Math.round(v)) : String(+v.toPrecision(1)));

// Output is stored in 万元; axis units are log10(万元), so a value x is 10^(x+4) yuan.
const outputYuan = (x: number) => 10 ** (x + 4);
const outputWords = (x: number, lang: Lang) => `${formatNumber(outputYuan(x), lang, 1)}${lang === 'zh' ? '元' : ' yuan'}`;

export const FIRM_VIEWS: LinkedView[] = [
  countBars({
    id: 'firms-by-segment',
    x: FIRMS,
    dim: 'segment',
    words: {
      title: { zh: '各细分领域企业数', en: 'Firms by segment' },
      subtitle: { text: { zh: '点击选择，Shift 多选；其他视图随之筛选', en: 'Click to select, Shift to add; the other views follow' } },
    },
    category: { zh: '细分领域', en: 'Segment' },
  }),
  countBars({
    id: 'firms-by-area',
    x: FIRMS,
    dim: 'area',
    words: { title: { zh: '各街道企业数', en: 'Firms by subdistrict' } },
    category: { zh: '街道', en: 'Subdistrict' },
  }),
  countBars({
    id: 'firms-by-scale-srdi',
    x: FIRMS,
    dim: 'breakdown',
    stacked: true,
    words: {
      title: { zh: '规模与专精特新', en: 'Firms by size class and SRDI title' },
      subtitle: {
        text: {
          zh: '规模以上企业145家；省级专精特新36家，国家级“小巨人”1家',
          en: '145 above designated size; 36 provincial SRDI firms and 1 national “little giant”',
        },
        quotes: ['ei_above_scale', 'ei_prov_srdi', 'ei_little_giant'],
      },
      notes: [
        {
          text: {
            zh: '专精特新：专业化、精细化、特色化、新颖化中小企业。',
            en: 'SRDI: specialised, refined, distinctive and innovative SMEs (专精特新).',
          },
        },
      ],
    },
    category: { zh: '规模 · 专精特新', en: 'Size class · SRDI title' },
  }),
  histogram({
    id: 'output-distribution',
    x: FIRMS,
    dim: 'output',
    words: {
      title: { zh: '企业2022年产值分布', en: 'Distribution of 2022 output per firm' },
      subtitle: {
        text: { zh: '企业数，按产值分组（对数刻度）；拖动以筛选', en: 'Number of firms by output band (log scale); drag to filter' },
      },
      notes: [
        {
          text: {
            zh: '集群总产值超270亿元（公开数据）；模拟企业产值合计恰为270亿元。',
            en: 'Cluster output was over 27 billion yuan (published); the modelled firms add up to exactly 27 billion.',
          },
          quotes: ['ei_output_2022'],
        },
      ],
    },
    category: { zh: '产值区间', en: 'Output band' },
    axis: {
      finePerUnit: OUTPUT_BINS_PER_DECADE,
      step: 0.1,
      tickStep: 1,
      // One unit per axis: 万元 in Chinese (1 … 100,000), million yuan in English (0.01 … 1,000).
      tickLabel: (x, lang) => decadeTick(lang === 'zh' ? 10 ** x : 10 ** (x - 2)),
      unit: (lang) => (lang === 'zh' ? '万元（对数刻度）' : 'million yuan (log scale)'),
      valueLabel: outputWords,
      rule: { at: Math.log10(2000), label: { zh: '规上标准 2,000万元', en: 'Above-size line, 20 million yuan' } },
      fallbackDomain: [0, 6],
    },
  }),
  histogram({
    id: 'founding-years',
    x: FIRMS,
    dim: 'founded',
    words: {
      title: { zh: '企业成立年份', en: 'Founding year of firms' },
      subtitle: { text: { zh: '企业数，按成立年份；拖动以筛选', en: 'Number of firms by founding year; drag to filter' } },
    },
    category: { zh: '成立年份', en: 'Founded' },
    axis: {
      finePerUnit: 1,
      step: 1,
      tickStep: 5,
      narrowTickStep: 10,
      tickLabel: (x) => String(x),
      valueLabel: (x, lang) => (lang === 'zh' ? `${x}年` : String(x)),
      fallbackDomain: [1985, 2025],
    },
  }),
  concentration(FIRMS),
];

/** The list of the selected firms, under the linked views. */
export const FIRM_LIST = firmList(FIRMS);
