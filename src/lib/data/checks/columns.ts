/**
 * Which columns of a table the registry checks read, suggested from the headers: the firm mapping's
 * synonyms for name, output and founding year, and the headers registries use for the credit code
 * and registered capital.
 */
import { suggestMapping } from '../import/mapping';

export interface CheckColumns {
  code: string | null;
  name: string | null;
  output: string | null;
  capital: string | null;
  founded: string | null;
}

const CODE = /统一社会信用代码|社会信用代码|信用代码|credit\s*code|uscc|unified\s*social/i;
const CAPITAL = /注册资本|注册资金|认缴资本|实缴资本|registered\s*capital|capital/i;
const FOUNDED = /成立日期|成立时间|注册日期|成立年份|founded|established|founding|incorporat/i;

/** Suggested columns; each column is suggested for one check at most, the credit code and capital first. */
export function suggestCheckColumns(columns: readonly string[]): CheckColumns {
  const code = columns.find((c) => CODE.test(c)) ?? null;
  const capital = columns.find((c) => c !== code && CAPITAL.test(c)) ?? null;
  const m = suggestMapping(columns.filter((c) => c !== code && c !== capital));
  const founded = m.founded ?? columns.find((c) => c !== code && c !== capital && FOUNDED.test(c)) ?? null;
  return { code, name: m.name, output: m.output_2022, capital, founded };
}
