import type { Lang } from './number';

export const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A calendar date in the reader's convention: "2026年11月26日" / "26 November 2026" (local time). */
export function formatDate(d: Date, lang: Lang): string {
  const [y, m, day] = [d.getFullYear(), d.getMonth(), d.getDate()];
  return lang === 'zh' ? `${y}年${m + 1}月${day}日` : `${day} ${EN_MONTHS[m]} ${y}`;
}
