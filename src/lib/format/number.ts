export type Lang = 'zh' | 'en';

/** A unit of magnitude: values are divided by `div` and followed by `suffix`. */
export interface Magnitude {
  div: number;
  suffix: string;
}

// Chinese readers count in 万 (10^4) and 亿 (10^8); English readers in million and billion.
const MAGNITUDES: Record<Lang, Magnitude[]> = {
  zh: [
    { div: 1e8, suffix: '亿' },
    { div: 1e4, suffix: '万' },
    { div: 1, suffix: '' },
  ],
  en: [
    { div: 1e9, suffix: ' billion' },
    { div: 1e6, suffix: ' million' },
    { div: 1, suffix: '' },
  ],
};

/**
 * Digits with comma grouping and at most `maxDigits` decimals, trailing zeros dropped: the same for
 * both languages (zh-CN groups digits as en-US does). Written out rather than Intl.NumberFormat:
 * no dependence on a browser's ICU data, and creating a formatter cost the first paint about 90 ms.
 */
function grouped(v: number, maxDigits: number): string {
  const [int, frac = ''] = Math.abs(v).toFixed(Math.min(20, maxDigits)).split('.');
  const decimals = frac.replace(/0+$/, '');
  const digits = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (decimals ? `.${decimals}` : '');
  return v < 0 && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

const round = (v: number, digits: number) => {
  const p = 10 ** digits;
  return Math.round(v * p) / p;
};

/** Largest magnitude not above |v|, stepping up when rounding would print 10,000万 or 1,000 million. */
export function pickMagnitude(v: number, lang: Lang, maxDigits = 2): Magnitude {
  const list = MAGNITUDES[lang];
  const abs = Math.abs(v);
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (abs < m.div) continue;
    const bigger = list[i - 1];
    if (bigger && round(abs / m.div, maxDigits) * m.div >= bigger.div) return bigger;
    return m;
  }
  return list[list.length - 1];
}

/** Formats a plain number in the given magnitude with at most `maxDigits` decimals. */
function formatIn(v: number, m: Magnitude, maxDigits = 2): string {
  const scaled = v / m.div;
  // Numbers under one in the base unit keep three significant digits instead of rounding to 0.
  const digits =
    m.div === 1 && Math.abs(scaled) > 0 && Math.abs(scaled) < 1
      ? Math.max(maxDigits, 2 - Math.floor(Math.log10(Math.abs(scaled))))
      : maxDigits;
  return grouped(round(scaled, digits), digits) + m.suffix;
}

/** Formats one number with the magnitude that suits it: 12,345 -> "1.23万" / "12,345". */
export function formatNumber(v: number, lang: Lang, maxDigits = 2): string {
  if (!Number.isFinite(v)) return lang === 'zh' ? '无数据' : 'n/a';
  return formatIn(v, pickMagnitude(v, lang, maxDigits), maxDigits);
}

/** Formats an amount of yuan: "2.78亿元", "2.78 billion yuan". */
export function formatYuan(yuan: number, lang: Lang, maxDigits = 2): string {
  const s = formatNumber(yuan, lang, maxDigits);
  return lang === 'zh' ? `${s}元` : `${s} yuan`;
}

/** Formats yuan in a fixed magnitude, so every label of one chart uses the same unit: "0.82亿元". */
export function formatYuanIn(yuan: number, m: Magnitude, lang: Lang, maxDigits = 2): string {
  const s = formatIn(yuan, m, maxDigits);
  return lang === 'zh' ? `${s}元` : `${s} yuan`;
}

/**
 * Formats a share given in percent points: 36.33 -> "36.33%". `fixed` keeps trailing zeros
 * ("7.0%"), so shares listed together line up.
 */
export function formatPercent(pct: number, maxDigits = 2, fixed = false): string {
  const v = round(pct, maxDigits);
  return `${fixed ? v.toFixed(maxDigits) : grouped(v, maxDigits)}%`;
}

/** Formats an integer count with grouping: 1681 -> "1,681". */
export function formatCount(n: number): string {
  return grouped(n, 0);
}

/** A formatter for one axis: a single magnitude chosen from the largest value, shown once in the title. */
export interface AxisFormat {
  /** Magnitude word for the axis title, e.g. "亿" or "billion"; '' when values are shown as they are. */
  unit: string;
  tick(v: number): string;
}

/** One unit per axis (万 or 亿, never both), chosen from the data (ARCHITECTURE.md section 4). */
export function axisFormat(domainMax: number, lang: Lang, step?: number): AxisFormat {
  const m = pickMagnitude(domainMax, lang);
  const scaledStep = step ? step / m.div : 1;
  const digits = scaledStep >= 1 ? 0 : Math.min(4, Math.ceil(-Math.log10(scaledStep)));
  return {
    unit: m.suffix.trim(),
    tick: (v) => grouped(round(v / m.div, digits), digits),
  };
}
