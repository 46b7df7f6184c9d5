/**
 * Registered capital as registries write it ("200(万美元)", "1,000(万元人民币)", "5（万元）", "500万",
 * "1.2亿元", "N/A") parsed into an amount, a unit and a currency. Pure: the checks view applies it
 * to a column's values.
 */
import { isMissing } from '../import/number';

/** ISO 4217 codes of the currencies registries name. */
export type Currency = 'CNY' | 'USD' | 'HKD' | 'EUR' | 'JPY' | 'GBP' | 'TWD' | 'MOP' | 'SGD' | 'KRW' | 'AUD' | 'CAD' | 'CHF';

export type CapitalParse =
  | {
      status: 'ok';
      /** The number as written ("1,000" -> 1000). */
      amount: number;
      /** The unit word as written after normalising: '' (the currency itself), '千', '万', '亿', 'thousand', 'million', 'billion'. */
      unit: string;
      /** How many currency units one unit is: 1, 1e3, 1e4, 1e6, 1e8 or 1e9. */
      scale: number;
      currency: Currency;
      /** False when no currency was written and 人民币 was assumed. */
      currencyStated: boolean;
      /** amount × scale, in the currency. */
      value: number;
    }
  | { status: 'missing' }
  | { status: 'unparsed'; reason: 'no-number' | 'several-numbers' | 'unknown-words' | 'negative' };

/**
 * "无" (none) says there is no capital; the import's shared list leaves it out because in a yes/no
 * column (有/无) it is an answer, not a missing value.
 */
const NONE = '无';

/** Currency words, most specific first (澳门元 before 澳元 before 元, HK$ before $). */
const CURRENCIES: [RegExp, Currency][] = [
  [/港元|港币|hkd|hk\$/i, 'HKD'],
  [/澳门元|澳门币|葡币|mop/i, 'MOP'],
  [/新台币|台币|twd|nt\$/i, 'TWD'],
  [/新加坡元|新币|sgd/i, 'SGD'],
  [/澳元|澳大利亚元|aud/i, 'AUD'],
  [/加元|加拿大元|cad/i, 'CAD'],
  [/美元|美金|usd|us\$|\$/i, 'USD'],
  [/欧元|eur|€/i, 'EUR'],
  [/日元|jpy|円/i, 'JPY'],
  [/英镑|gbp|£/i, 'GBP'],
  [/韩元|krw|₩/i, 'KRW'],
  [/瑞士法郎|chf/i, 'CHF'],
  [/人民币|rmb|cny|元|¥/i, 'CNY'],
];

/** Unit words and their scales; Chinese ones also match inside "万元", "亿元". */
const UNITS: [RegExp, string, number][] = [
  [/亿/, '亿', 1e8],
  [/万/, '万', 1e4],
  [/千/, '千', 1e3],
  [/billion|\bbn\b/i, 'billion', 1e9],
  [/million|\bmn\b|\bm\b/i, 'million', 1e6],
  [/thousand|\bk\b/i, 'thousand', 1e3],
];

/** Words that may surround an amount without changing it ("约200万", "注册资本：100万元整"). */
const FILLER = /注册资本|注册资金|资本|资金|人民币|整|约|左右|大约|capital|registered|approx\.?|about|[():：,，;；\s]/gi;

/**
 * Parses one registered-capital cell.
 * @param raw - the cell as text (full-width digits, brackets and commas are read as ASCII).
 */
export function parseCapital(raw: string | number | null | undefined): CapitalParse {
  if (raw === null || raw === undefined) return { status: 'missing' };
  if (typeof raw === 'number') {
    return Number.isFinite(raw) && raw >= 0
      ? { status: 'ok', amount: raw, unit: '', scale: 1, currency: 'CNY', currencyStated: false, value: raw }
      : { status: 'unparsed', reason: 'negative' };
  }
  const text = raw.normalize('NFKC').trim();
  if (isMissing(text) || text.replace(/\s+/g, '') === NONE) return { status: 'missing' };
  // A comma is a thousands separator only between digit groups; elsewhere it separates words.
  const numbers = [...text.matchAll(/[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+/g)];
  if (numbers.length === 0) return { status: 'unparsed', reason: 'no-number' };
  if (numbers.length > 1) return { status: 'unparsed', reason: 'several-numbers' };
  const amount = Number(numbers[0][0].replaceAll(',', ''));
  if (amount < 0) return { status: 'unparsed', reason: 'negative' };
  let rest = text.replace(numbers[0][0], ' ');
  const unit = UNITS.find(([re]) => re.test(rest));
  if (unit) rest = rest.replace(unit[0], ' ');
  const cur = CURRENCIES.find(([re]) => re.test(rest));
  if (cur) rest = rest.replace(cur[0], ' ');
  // 元 after a foreign currency word ("万美元") is part of that word; a second 人民币 is filler.
  rest = rest.replace(FILLER, '').replace(/元/g, '');
  if (rest !== '') return { status: 'unparsed', reason: 'unknown-words' };
  const scale = unit?.[2] ?? 1;
  return {
    status: 'ok',
    amount,
    unit: unit?.[1] ?? '',
    scale,
    currency: cur?.[1] ?? 'CNY',
    currencyStated: cur !== undefined,
    value: amount * scale,
  };
}
