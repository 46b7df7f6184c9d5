/** Inference: what each column of an imported table looks like, and the type it is given at first. */
import { headerMoneyUnit } from './number';
import { cellNumber, cellText, isMissingCell, parseBoolean, parseDate } from './parsers';
import type { CellColumn } from './text-column';
import type { ColumnProfile, ColumnType } from './types';

const CODE_HEADER = /代码|编码|编号|号码|电话|手机|邮编|邮政|身份证|信用代码|(^|[^a-z])(id|code|phone|tel|zip)([^a-z]|$)/i;

/** Looks at a column's cells (a sample of large columns) and picks its type. */
export function inferColumn(name: string, cells: CellColumn, sample = 20_000): ColumnProfile {
  const step = Math.max(1, Math.floor(cells.length / sample));
  let present = 0,
    numbers = 0,
    ints = 0,
    suffixed = 0,
    grouped = 0,
    bools = 0,
    dates = 0,
    strings = 0,
    leadingZeros = 0;
  const boolValues = new Set<string>();
  const examples: string[] = [];
  for (let i = 0; i < cells.length; i += step) {
    const c = cells.at(i) ?? null;
    if (isMissingCell(c)) continue;
    present++;
    if (typeof c === 'string') strings++;
    if (examples.length < 3) {
      const t = cellText(c).trim();
      if (!examples.includes(t)) examples.push(t);
    }
    const n = cellNumber(c);
    if (n) {
      numbers++;
      if (Number.isInteger(n.value) && Math.abs(n.value) <= Number.MAX_SAFE_INTEGER) ints++;
      if (n.multiplier !== 1) suffixed++;
      if (n.grouped) grouped++;
      if (typeof c === 'string' && /^0\d/.test(c.trim())) leadingZeros++;
    }
    if (parseBoolean(c) !== null && typeof c !== 'number') {
      bools++;
      boolValues.add(cellText(c).trim().toLowerCase());
    }
    if (parseDate(c) !== null) dates++;
  }
  const moneyUnit = headerMoneyUnit(name);
  let detected: ColumnType = 'text';
  let keptAsText: ColumnProfile['keptAsText'] = null;
  const mostly = (k: number) => present > 0 && k >= Math.max(1, 0.9 * present);
  if (present === 0) detected = 'text';
  else if (bools === present && boolValues.size <= 2 && numbers < present) detected = 'boolean';
  else if (mostly(dates) && dates >= numbers) detected = 'date';
  else if (mostly(numbers)) {
    if (leadingZeros > 0) keptAsText = 'leading-zeros';
    else if (CODE_HEADER.test(name) && strings > 0 && suffixed === 0 && grouped === 0) keptAsText = 'code-header';
    else detected = ints === numbers ? 'integer' : 'number';
  }
  const scale = cells.length / Math.max(1, Math.ceil(cells.length / step));
  return {
    name,
    detected,
    present: Math.round(present * scale),
    numbers: Math.round(numbers * scale),
    suffixed: Math.round(suffixed * scale),
    grouped: Math.round(grouped * scale),
    moneyUnit,
    keptAsText,
    examples,
  };
}
