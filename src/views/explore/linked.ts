import { valueLabel } from '../../lib/data/labels';
import { formatCount, formatNumber, type Lang } from '../../lib/format/number';
import { isActive, OUTPUT_BINS_PER_DECADE, type Selections } from '../../lib/state/selection';
import type { Bilingual } from '../charts/spec';

/** Axis of a brushable histogram: fine bins per axis unit, display bin width, ticks and words. */
export interface HistogramAxis {
  /** Fine (selection) bins per axis unit: 100 per decade of output, 1 per year. */
  finePerUnit: number;
  /** Width of a drawn bar in axis units. */
  step: number;
  tickStep: number;
  tickLabel: (x: number, lang: Lang) => string;
  /** Unit of every tick label of the axis. */
  unit?: (lang: Lang) => string;
  /** A value on the axis in words, for range labels. */
  valueLabel: (x: number, lang: Lang) => string;
  rule?: { at: number; label: Bilingual };
  /** Axis extent when the data gives none (before the first result). */
  fallbackDomain: [number, number];
}

export interface LinkedChartDef {
  /** Stable chart id (links, embeds). */
  id: string;
  /** Dimension id in FIRM_DIMS (also the URL key of its selection). */
  dim: string;
  kind: 'bars' | 'stacked' | 'histogram';
  title: Bilingual;
  subtitle?: Bilingual;
  /** The subtitle quotes published totals of the bundled firms: left out on a user's own data. */
  subtitlePublished?: boolean;
  notes?: Bilingual[];
  /** Column header of the category or bin, for tables and exports. */
  category: Bilingual;
  axis?: HistogramAxis;
}

/** A power of ten as a tick label: "0.01", "1", "10,000". */
const decadeTick = (v: number) => (v >= 1 ? formatCount(Math.round(v)) : String(+v.toPrecision(1)));

// Output is stored in 万元; axis units are log10(万元), so a value x is 10^(x+4) yuan.
const outputYuan = (x: number) => 10 ** (x + 4);
const outputWords = (x: number, lang: Lang) => `${formatNumber(outputYuan(x), lang, 1)}${lang === 'zh' ? '元' : ' yuan'}`;

export const LINKED: LinkedChartDef[] = [
  {
    id: 'firms-by-segment',
    dim: 'segment',
    kind: 'bars',
    title: { zh: '各细分领域企业数', en: 'Firms by segment' },
    subtitle: { zh: '点击选择，Shift 多选；其他视图随之筛选', en: 'Click to select, Shift to add; the other views follow' },
    category: { zh: '细分领域', en: 'Segment' },
  },
  {
    id: 'firms-by-area',
    dim: 'area',
    kind: 'bars',
    title: { zh: '各街道企业数', en: 'Firms by subdistrict' },
    category: { zh: '街道', en: 'Subdistrict' },
  },
  {
    id: 'firms-by-scale-srdi',
    dim: 'breakdown',
    kind: 'stacked',
    title: { zh: '规模与专精特新', en: 'Firms by size class and SRDI title' },
    subtitle: {
      zh: '规模以上企业145家；省级专精特新36家，国家级“小巨人”1家',
      en: '145 above designated size; 36 provincial SRDI firms and 1 national “little giant”',
    },
    subtitlePublished: true,
    notes: [{ zh: '专精特新：专业化、精细化、特色化、新颖化中小企业。', en: 'SRDI: specialised, refined, distinctive and innovative SMEs (专精特新).' }],
    category: { zh: '规模 · 专精特新', en: 'Size class · SRDI title' },
  },
  {
    id: 'output-distribution',
    dim: 'output',
    kind: 'histogram',
    title: { zh: '企业2022年产值分布', en: 'Distribution of 2022 output per firm' },
    subtitle: { zh: '企业数，按产值分组（对数刻度）；拖动以筛选', en: 'Number of firms by output band (log scale); drag to filter' },
    notes: [{ zh: '集群总产值超270亿元（公开数据）；模拟企业产值合计恰为270亿元。', en: 'Cluster output was over 27 billion yuan (published); the modelled firms add up to exactly 27 billion.' }],
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
  },
  {
    id: 'founding-years',
    dim: 'founded',
    kind: 'histogram',
    title: { zh: '企业成立年份', en: 'Founding year of firms' },
    subtitle: { zh: '企业数，按成立年份；拖动以筛选', en: 'Number of firms by founding year; drag to filter' },
    category: { zh: '成立年份', en: 'Founded' },
    axis: {
      finePerUnit: 1,
      step: 1,
      tickStep: 5,
      tickLabel: (x) => String(x),
      valueLabel: (x, lang) => (lang === 'zh' ? `${x}年` : String(x)),
      fallbackDomain: [1985, 2025],
    },
  },
];

/** The words a linked chart's frame shows, in one language. */
export const frameWords = (def: LinkedChartDef, lang: Lang, modelled: boolean) => ({
  chartId: def.id,
  title: def.title[lang],
  subtitle: def.subtitlePublished && !modelled ? undefined : def.subtitle?.[lang],
  notes: def.notes?.map((n) => n[lang]),
});

export const linkedById = (id: string | null): LinkedChartDef | undefined => LINKED.find((c) => c.id === id);

/** "1,234家" / "1,234 firms" (one firm in English). */
export const firmsText = (n: number, lang: Lang): string =>
  `${formatCount(n)}${lang === 'zh' ? '家' : n === 1 ? ' firm' : ' firms'}`;

/** Label of a breakdown key "规上|无". */
export function breakdownLabel(key: string, lang: Lang): string {
  const [scale, srdi] = key.split('|');
  return `${valueLabel(scale, lang)} · ${valueLabel(srdi, lang)}`;
}

/** Each active selection as a name and its values in words (chips, exports). */
export function selectionWords(sels: Selections, lang: Lang): { dim: string; name: string; text: string }[] {
  return LINKED.filter((d) => isActive(sels[d.dim])).map((d) => {
    const sel = sels[d.dim]!;
    let text: string;
    if (sel.kind === 'points') text = sel.values.map((v) => (d.kind === 'stacked' ? breakdownLabel(v, lang) : valueLabel(v, lang))).join(lang === 'zh' ? '、' : ', ');
    else {
      const u = d.axis!.finePerUnit;
      text = `${d.axis!.valueLabel(sel.lo / u, lang)} – ${d.axis!.valueLabel(sel.hi / u, lang)}`;
    }
    return { dim: d.dim, name: d.category[lang], text };
  });
}

/** All active selections in one line, or '' when nothing is filtered. */
export const filtersInWords = (sels: Selections, lang: Lang): string =>
  selectionWords(sels, lang)
    .map((w) => `${w.name}${lang === 'zh' ? '：' : ': '}${w.text}`)
    .join(lang === 'zh' ? '；' : '; ');
