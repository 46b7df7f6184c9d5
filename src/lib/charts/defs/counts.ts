/** Words shared by the views that count firms. */
import { formatCount, formatPercent, type Lang } from '../../format/number';

/** "1,234家" / "1,234 firms" (one firm in English). */
export const firmsText = (n: number, lang: Lang): string => `${formatCount(n)}${lang === 'zh' ? '家' : n === 1 ? ' firm' : ' firms'}`;

/** "1,234家（12.3%）": a count and its share of `total`. */
export const firmsShare = (n: number, total: number, lang: Lang): string =>
  `${firmsText(n, lang)}${total ? ` (${formatPercent((100 * n) / total, 1, true)})` : ''}`;

export const noFirms = (lang: Lang): string => (lang === 'zh' ? '当前筛选下没有企业。' : 'No firms match the current filters.');

export const firmsAxis = (lang: Lang) => (m: string) => (lang === 'zh' ? `${m}家` : `${m ? `${m} ` : ''}firms`);
