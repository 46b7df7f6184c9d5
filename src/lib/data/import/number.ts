/**
 * Numbers as people type them in Chinese spreadsheets: thousands separators (1,234 and 1，234),
 * full-width digits, 万/亿 suffixes (1.2万 = 12,000), currency signs, trailing units (元, 人, 家),
 * percentages and accounting negatives (1,234).
 */
export interface ParsedNumber {
  value: number;
  /** Multiplier of a 万/亿-style suffix (1 when there was none). */
  multiplier: number;
  grouped: boolean;
  percent: boolean;
}

const SUFFIXES: [string, number][] = [
  ['万亿', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
];

// Units that may trail a number without changing it.
const UNIT_TAIL = /(?:元|人|家|个|名|户|年|元人民币|人民币)$/;

const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_COMMA = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const GROUPED_SPACE = /^\d{1,3}(?:[ \u00a0\u202f\u2009']\d{3})+(?:\.\d+)?$/;

/** Values that mean "no value" in a numeric, boolean or date column (not counted as failures). */
const MISSING = new Set(['', '/', '\\', 'na', 'n/a', 'n.a.', 'null', 'none', 'nil', 'nan', '#n/a', '#na', '无数据', '暂无', '不详', '未知', '未填', '空']);
/** A run of one dash or question mark ("—", "--", "？？"; full-width forms are ASCII after NFKC). */
const RUN = /^(?:-+|—+|–+|\?+)$/;

/**
 * True for text that stands for a missing value in a typed column, and in the registered-capital
 * check (checks/capital.ts), so the import and the checks agree on what "no value" is.
 */
export function isMissing(text: string): boolean {
  // Every marker is a few characters; a long cell without spaces around it is text, not a marker.
  if (text.length > 8 && !isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(text.length - 1))) return false;
  const s = text.normalize('NFKC').trim().toLowerCase();
  return MISSING.has(s) || RUN.test(s);
}

const isSpace = (c: number) => c <= 32 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff;

/** True when a cell starts with a CJK ideograph: then it is no number and no date (一万 is not read as 10,000). */
export const startsWithIdeograph = (text: string): boolean => {
  const c = text.charCodeAt(0);
  return c >= 0x3400 && c <= 0x9fff;
};

/** Parses one cell as a number, or returns null when it is not one. Never throws. */
export function parseNumber(input: string): ParsedNumber | null {
  if (startsWithIdeograph(input)) return null;
  let s = input.normalize('NFKC').trim();
  if (s === '') return null;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  s = s.replace(/^(?:¥|\$|RMB|CNY)\s*/i, '');
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(UNIT_TAIL, '').trim();
  let multiplier = 1;
  for (const [suffix, m] of SUFFIXES) {
    if (s.endsWith(suffix)) {
      multiplier = m;
      s = s.slice(0, -suffix.length).trim();
      break;
    }
  }
  let grouped = false;
  if (GROUPED_COMMA.test(s)) {
    s = s.replaceAll(',', '');
    grouped = true;
  } else if (GROUPED_SPACE.test(s)) {
    s = s.replace(/[ \u00a0\u202f\u2009']/g, '');
    grouped = true;
  }
  if (!PLAIN.test(s)) return null;
  let value = Number(s) * multiplier;
  if (percent) value /= 100;
  if (!Number.isFinite(value)) return null;
  if (negative) value = -value;
  // Decimal suffixes multiply binary fractions (1.1万 = 11000.000000000002); round the noise away.
  if (multiplier !== 1) value = Number(value.toPrecision(15));
  return { value, multiplier, grouped, percent };
}

/** Money units a header can name, as a factor to yuan: "产值（万元）" is in 10^4 yuan. */
export function headerMoneyUnit(header: string): { factor: number; label: string } | null {
  const h = header.normalize('NFKC');
  const m = /(万亿元|亿元|千万元|百万元|万元|千元|元)/.exec(h);
  if (m) {
    const factor = { 万亿元: 1e12, 亿元: 1e8, 千万元: 1e7, 百万元: 1e6, 万元: 1e4, 千元: 1e3, 元: 1 }[m[1]]!;
    return { factor, label: m[1] };
  }
  if (/\b(?:10\s*k|ten thousand)\s*(?:yuan|rmb|cny)\b/i.test(h)) return { factor: 1e4, label: '万元' };
  if (/\b(?:100\s*m(?:illion)?|hundred million)\s*(?:yuan|rmb|cny)\b/i.test(h)) return { factor: 1e8, label: '亿元' };
  if (/\b(?:yuan|rmb|cny)\b/i.test(h)) return { factor: 1, label: '元' };
  return null;
}
