import { EN_MONTHS } from './date';
import { formatNumber, formatPercent, formatYuan, type Lang } from './number';

/** A published figure as stored in the `facts` table and the build-time snapshot. */
export interface Fact {
  id: string;
  topic: string;
  indicator_zh: string;
  indicator_en: string;
  value: number | null;
  value_text: string;
  unit: string;
  period: string;
  qualifier: 'exact' | 'approx' | 'over' | 'planned' | string;
  entity: string;
  quote: string;
}

/** A figure split for display: qualifier word, the number and its unit. */
export interface FactText {
  qualifier: string;
  value: string;
  unit: string;
  /** The whole figure as one phrase, for screen readers and summaries. */
  text: string;
}

const COUNT_UNITS: Record<string, [zh: string, en: string, enOne: string]> = {
  firms: ['家', 'firms', 'firm'],
  projects: ['个', 'projects', 'project'],
  classes: ['个班', 'classes', 'class'],
  seats: ['个学位', 'seats', 'seat'],
  villages: ['个村', 'villages', 'village'],
  people: ['名', 'people', 'person'],
  'person-times': ['人次', 'person-times', 'person-time'],
};

/** "2024-09" -> "2024年9月" / "September 2024". */
export function formatMonth(ym: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const month = Number(m[2]);
  return lang === 'zh' ? `${m[1]}年${month}月` : `${EN_MONTHS[month - 1]} ${m[1]}`;
}

/** The qualifier word; "approx" reads 近 / "nearly" where the article itself said 近. */
function qualifierWord(f: Pick<Fact, 'qualifier' | 'quote' | 'value_text'>, lang: Lang): string {
  switch (f.qualifier) {
    case 'over':
      return lang === 'zh' ? '超' : 'over';
    case 'approx':
      if (f.quote.includes(`近${f.value_text}`)) return lang === 'zh' ? '近' : 'nearly';
      return lang === 'zh' ? '约' : 'about';
    case 'planned':
      return lang === 'zh' ? '计划' : 'planned';
    default:
      return '';
  }
}

function splitNumber(s: string): [string, string] {
  const m = /^(-?[\d,.]+)(.*)$/.exec(s);
  return m ? [m[1], m[2].trim()] : [s, ''];
}

/** Formats a published figure for a KPI tile, keeping every digit the article printed. */
export function formatFact(f: Fact, lang: Lang): FactText {
  const qualifier = qualifierWord(f, lang);
  let value: string;
  let unit: string;
  const v = f.value ?? NaN;
  // Published figures keep their digits: 27.79亿 is 2.779 billion, so allow four decimals here.
  if (f.unit.includes('100 million yuan')) {
    [value, unit] = splitNumber(formatYuan(v * 1e8, lang, 4));
  } else if (f.unit.includes('10 thousand yuan')) {
    [value, unit] = splitNumber(formatYuan(v * 1e4, lang, 4));
  } else if (f.unit.includes('m²')) {
    const area = formatNumber(v * 1e4, lang, 4);
    [value, unit] = lang === 'zh' ? splitNumber(`${area}平方米`) : [area, 'm²'];
  } else if (f.unit === 'percent') {
    [value, unit] = [formatPercent(v).slice(0, -1), '%'];
  } else if (f.unit === 'year') {
    [value, unit] = [f.value_text, lang === 'zh' ? '年' : ''];
  } else if (f.unit === 'month') {
    [value, unit] = [formatMonth(f.value_text, lang), ''];
  } else {
    const [zh, en, enOne] = COUNT_UNITS[f.unit] ?? [f.unit, f.unit, f.unit];
    [value, unit] = [formatNumber(v, lang, 4), lang === 'zh' ? zh : v === 1 ? enOne : en];
  }
  const text =
    lang === 'zh'
      ? `${qualifier}${value}${unit}`
      : [qualifier, value].filter(Boolean).join(' ') + (unit === '%' ? '%' : unit ? ` ${unit}` : '');
  return { qualifier, value, unit, text };
}
