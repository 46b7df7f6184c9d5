// Registry checks (issue 10, part 4): the credit-code algorithm, registered capital, and the check
// SQL run through the DuckDB-WASM build the page ships, on tables made here row by row.
import { describe, expect, test } from 'vitest';
import { parseCapital } from '../../src/lib/data/checks/capital';
import { isMissing } from '../../src/lib/data/import/number';
import { suggestCheckColumns } from '../../src/lib/data/checks/columns';
import { checkCreditCode, completeCreditCode, creditCheckChar, CREDIT_CHARSET, orgCheckChar } from '../../src/lib/data/checks/credit-code';
import { encodeLines, lineAt, lineLookup, parseLineRuns, setSourceLines } from '../../src/lib/data/checks/lines';
import { runChecks } from '../../src/lib/data/checks/run';
import { nodeEngine } from '../helpers/node-engine';
import { creditCodeSql, duplicateSql, futureDateSql, unitErrorSql } from '../../src/lib/sql/checks';
import { quoteIdent, quoteLiteral } from '../../src/lib/sql';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';

/** Codes from public sources (the standard's own example and published business licences): each passes both checks. */
const VALID = [
  '91350100M000100Y43',
  '91330100716105852F',
  '914403001922038216',
  '91110000802100433B',
  '91440300708461136T',
  '9144030071526726XG',
  '91110108551385082Q',
  '91310000MA1FL1MMXL',
  '11100000000013127D',
  '91110000100010433L',
];

/** The same code with character `i` replaced by the next character of the set. */
const corrupt = (code: string, i: number) =>
  code.slice(0, i) + CREDIT_CHARSET[(CREDIT_CHARSET.indexOf(code[i]) + 1) % 31] + code.slice(i + 1);

describe('统一社会信用代码 (GB 32100-2015)', () => {
  test.each(VALID)('%s is valid', (code) => {
    expect(checkCreditCode(code)).toMatchObject({ fault: null, expected: code[17], expectedOrg: code[16] });
  });

  test.each(VALID)('%s with its check character changed is caught, naming the right one', (code) => {
    const bad = corrupt(code, 17);
    expect(checkCreditCode(bad)).toMatchObject({ fault: 'check', expected: code[17] });
  });

  test.each(VALID.flatMap((code) => [0, 3, 8, 12, 16].map((i) => [code, i] as const)))(
    '%s with character %i changed is invalid',
    (code, i) => {
      expect(checkCreditCode(corrupt(code, i)).fault).not.toBeNull();
    },
  );

  test('an organisation-code slip that keeps the main check right is caught by the GB 11714 check digit', () => {
    // Change the org check digit (position 17) and recompute the main check character for it.
    const code = VALID[0];
    const org = code[16] === '0' ? '1' : '0';
    const first17 = code.slice(0, 16) + org;
    const forged = first17 + creditCheckChar(first17)!;
    expect(checkCreditCode(forged)).toMatchObject({ fault: 'org-check', expectedOrg: code[16] });
  });

  test.each([
    ['9135010 0M000100Y43', null, 'spaces are ignored'],
    ['91350100m000100y43', null, 'lower case is read as upper case'],
    ['91350100M000100Y4', 'length', '17 characters'],
    ['91350100M000100Y431', 'length', '19 characters'],
    ['91350100M000I00Y43', 'charset', 'I is not in the set'],
    ['91350100M00010OY43', 'charset', 'O is not in the set'],
    ['91350100M000100Y4-', 'charset', 'a symbol'],
  ])('%s: %s (%s)', (code, fault, _why) => {
    expect(checkCreditCode(code).fault).toBe(fault);
  });

  test('the organisation code check digit follows GB 11714 (X for 10, 0 for 11)', () => {
    expect(orgCheckChar('M000100Y')).toBe('4');
    expect(orgCheckChar('71526726')).toBe('X');
    expect(orgCheckChar('bad')).toBeNull();
  });

  test('completeCreditCode makes codes both checks accept', () => {
    for (const stem of ['9144070412345678', '91440704MA4UABCD', '9244070400000001']) {
      const code = completeCreditCode(stem);
      expect(code).toHaveLength(18);
      expect(checkCreditCode(code).fault).toBeNull();
    }
  });
});

describe('registered capital', () => {
  test('says "no value" for exactly the words the import treats as missing, and for 无', () => {
    const words = [
      '',
      ' ',
      '-',
      '---',
      '—',
      '——',
      '–',
      '/',
      '\\',
      'N/A',
      'n.a.',
      'NaN',
      '#N/A',
      'null',
      'None',
      'nil',
      '暂无',
      '无数据',
      '不详',
      '未知',
      '未填',
      '空',
      '?',
      '？？',
      '无',
    ];
    for (const w of words) {
      expect([w, parseCapital(w).status]).toEqual([w, 'missing']);
      expect([w, isMissing(w)]).toEqual([w, w !== '无']);
    }
    expect(parseCapital('100万').status).toBe('ok');
  });

  test.each([
    ['200(万美元)', { amount: 200, unit: '万', currency: 'USD', value: 2_000_000, currencyStated: true }],
    ['1,000(万元人民币)', { amount: 1000, unit: '万', currency: 'CNY', value: 10_000_000, currencyStated: true }],
    ['5（万元）', { amount: 5, unit: '万', currency: 'CNY', value: 50_000 }],
    ['500万', { amount: 500, unit: '万', currency: 'CNY', currencyStated: false }],
    ['1.2亿元', { amount: 1.2, unit: '亿', currency: 'CNY', value: 120_000_000 }],
    ['人民币 300 万元整', { amount: 300, unit: '万', currency: 'CNY' }],
    ['100万港元', { amount: 100, currency: 'HKD' }],
    ['50万欧元', { amount: 50, currency: 'EUR' }],
    ['30万澳门元', { currency: 'MOP' }],
    ['30万澳元', { currency: 'AUD' }],
    ['USD 2,000,000', { amount: 2_000_000, unit: '', currency: 'USD', value: 2_000_000 }],
    ['US$1.5 million', { amount: 1.5, unit: 'million', currency: 'USD', value: 1_500_000 }],
    ['１，０００万元', { amount: 1000, unit: '万', currency: 'CNY' }],
    ['3000', { amount: 3000, unit: '', currency: 'CNY', currencyStated: false }],
  ])('%s is read', (text, expected) => {
    expect(parseCapital(text)).toMatchObject({ status: 'ok', ...expected });
  });

  test.each(['N/A', 'n/a', '', ' ', '-', '—', '无', '不详', null])('%s says there is no value', (text) => {
    expect(parseCapital(text)).toEqual({ status: 'missing' });
  });

  test.each([
    ['壹佰万元', 'no-number'],
    ['200万美元/1400万元', 'several-numbers'],
    ['200万股', 'unknown-words'],
    ['-5万元', 'negative'],
  ])('%s is not read (%s)', (text, reason) => {
    expect(parseCapital(text)).toEqual({ status: 'unparsed', reason });
  });

  test('numbers are amounts in 人民币', () => {
    expect(parseCapital(250)).toMatchObject({ status: 'ok', amount: 250, currency: 'CNY' });
  });
});

describe('source lines', () => {
  test('consecutive lines are one run; gaps start new runs; rows map back to their lines', () => {
    const lines = [2, 3, 4, 6, 7, 10];
    const runs = encodeLines(lines);
    expect(runs).toEqual([
      [2, 3],
      [6, 2],
      [10, 1],
    ]);
    expect(lines.map((_, i) => lineAt(runs, i))).toEqual(lines);
    expect(lineAt(runs, 6)).toBeNull();
  });

  test('300,000 rows over 30,000 runs are looked up in well under a second (binary search, not a scan per row)', () => {
    const lines: number[] = [];
    for (let i = 0, line = 2; i < 300_000; i++, line += i % 10 === 0 ? 3 : 1) lines.push(line);
    const runs = encodeLines(lines);
    expect(runs.length).toBe(30_000);
    const at = lineLookup(runs);
    const t0 = performance.now();
    const back = lines.map((_, i) => at(i));
    const ms = performance.now() - t0;
    expect(back).toEqual(lines);
    expect([at(-1), at(300_000)]).toEqual([null, null]);
    expect(lineLookup([])(0)).toBeNull();
    // A scan per row took ~22 s here; the search takes milliseconds, so a loaded machine passes too.
    expect(ms).toBeLessThan(1000);
  });

  test('runs from untrusted JSON are checked', () => {
    expect(parseLineRuns([[2, 3]])).toEqual([[2, 3]]);
    expect(parseLineRuns([[2, -1]])).toBeNull();
    expect(parseLineRuns('x')).toBeNull();
  });
});

describe('columns suggested for the checks', () => {
  test('Chinese registry headers', () => {
    expect(suggestCheckColumns(['序号', '统一社会信用代码', '企业名称', '注册资本', '成立日期', '2022年产值（万元）'])).toEqual({
      code: '统一社会信用代码',
      name: '企业名称',
      output: '2022年产值（万元）',
      capital: '注册资本',
      founded: '成立日期',
    });
  });
  test('English headers, and nothing where nothing fits', () => {
    expect(suggestCheckColumns(['Credit code', 'Company name', 'Registered capital', 'x'])).toEqual({
      code: 'Credit code',
      name: 'Company name',
      output: null,
      capital: 'Registered capital',
      founded: null,
    });
  });
});

/** A table `name` with the given VARCHAR (or typed) columns, one row per array entry. */
function table(db: WasmDb, name: string, cols: Record<string, (string | number | null)[]>, types: Record<string, string> = {}) {
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  const rows = Array.from({ length: n }, (_, i) => `(${names.map((c) => quoteLiteral(cols[c][i])).join(', ')})`);
  db.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  db.query(`CREATE TABLE ${quoteIdent(name)} (${names.map((c) => `${quoteIdent(c)} ${types[c] ?? 'VARCHAR'}`).join(', ')})`);
  db.query(`INSERT INTO ${quoteIdent(name)} VALUES ${rows.join(', ')}`);
}

describe('check SQL on DuckDB-WASM', () => {
  test('the SQL credit-code check agrees with the JS one on valid, corrupted and malformed codes', async () => {
    const db = await openWasmDb();
    const codes = [
      ...VALID,
      ...VALID.map((c) => corrupt(c, 17)),
      ...VALID.map((c, i) => corrupt(c, i % 17)),
      'abc',
      '91350100M000I00Y43',
      ' 9135 0100M000100Y43 ',
      null,
      '',
    ];
    table(db, 'cc', { 统一社会信用代码: codes, 名称: codes.map((_, i) => `企业${i}`) });
    const flagged = db.query<{ r: number; fault: string; label: string }>(creditCodeSql('cc', '统一社会信用代码', '名称'));
    const expected = codes
      .map((c, r) => ({ r, fault: c && c.trim() ? checkCreditCode(c).fault : null, label: `企业${r}` }))
      .filter((x) => x.fault !== null);
    expect(flagged.map((f) => ({ r: Number(f.r), fault: f.fault, label: f.label }))).toEqual(expected);
    expect(expected.length).toBe(2 * VALID.length + 2);
  });

  test('duplicates: the same code, or the same name where the code is missing, and nothing else', async () => {
    const db = await openWasmDb();
    const [a, b] = VALID;
    table(db, 'dup', {
      code: [a, ` ${a.toLowerCase()} `, b, null, null, '', null, b],
      name: ['甲公司', '甲公司（江门）', '乙公司', '丙 公司', '丙公司', '丁公司', '戊公司', '乙公司二'],
    });
    const rows = db.query<{ r: number; basis: string; n: number; grp: number }>(duplicateSql('dup', 'code', 'name'));
    expect(rows.map((x) => [Number(x.r), x.basis, Number(x.n), Number(x.grp)])).toEqual([
      [0, 'code', 2, 1],
      [1, 'code', 2, 1],
      [2, 'code', 2, 2],
      [7, 'code', 2, 2],
      [3, 'name', 2, 3],
      [4, 'name', 2, 3],
    ]);
    // Names alone, when the table has no code column.
    const byName = db.query<{ r: number }>(duplicateSql('dup', null, 'name'));
    expect(byName.map((x) => Number(x.r))).toEqual([3, 4]);
  });

  test('unit errors: values 10,000 times too large stand out; a column’s real large firms do not', async () => {
    const db = await openWasmDb();
    const usual = [45, 82, 120, 170, 230, 357, 900, 1141, 5000, 20000, 84949, 155866];
    const output = [...usual, 1_700_000, 4_500_000];
    table(db, 'unit', { output: output.map(String) });
    expect(db.query<{ r: number }>(unitErrorSql('unit', 'output', 'VARCHAR')).map((x) => Number(x.r))).toEqual([12, 13]);
    table(db, 'unit_ok', { output: usual }, { output: 'INTEGER' });
    expect(db.query(unitErrorSql('unit_ok', 'output', 'INTEGER'))).toEqual([]);
    // Thousands separators in text are read as numbers.
    table(db, 'unit_text', { output: ['1,200', '300', '450', '80', '95', '12,000,000'] });
    expect(db.query<{ r: number }>(unitErrorSql('unit_text', 'output', 'VARCHAR')).map((x) => Number(x.r))).toEqual([5]);
    // Too few values say nothing.
    table(db, 'unit_few', { output: ['100', '2000000'] });
    expect(db.query(unitErrorSql('unit_few', 'output', 'VARCHAR'))).toEqual([]);
  });

  test('the bundled modelled firms have no unit error', async () => {
    const db = await openWasmDb();
    db.query('CREATE OR REPLACE TABLE firms_copy AS SELECT * FROM firms');
    expect(db.query(unitErrorSql('firms_copy', 'output_2022', 'INTEGER'))).toEqual([]);
    db.query('DROP TABLE firms_copy');
  });

  test.each([
    [
      'VARCHAR',
      ['2015-03-02', '2027-01-05', '2026年12月', '2026年12月7日', '2030', '20270101', 'unknown', null, '2026/12/06', '2026.12.7'],
      [1, 3, 4, 5, 9],
    ],
    ['INTEGER', [2015, 2026, 2027, 1999], [2]],
    ['DATE', ['2026-12-06', '2026-12-07', '2001-01-01'], [1]],
  ])('future founding dates in a %s column (today 2026-12-06)', async (type, values, flagged) => {
    const db = await openWasmDb();
    table(db, 'dates', { d: values as (string | number | null)[] }, { d: type });
    const rows = db.query<{ r: number; day: string }>(futureDateSql('dates', 'd', type, '2026-12-06'));
    expect(rows.map((x) => Number(x.r))).toEqual(flagged);
  });
});

describe('the capital check through the engine', () => {
  test('keeps as rows only the values it could not read, with their source lines; the others are counted', async () => {
    const db = await openWasmDb();
    const engine = await nodeEngine();
    db.query(
      `CREATE OR REPLACE TABLE cap_check AS SELECT * FROM (VALUES ('甲', '200(万美元)'), ('乙', 'N/A'), ('丙', '约100 200'), ('丁', '5（万元）'), ('戊', '很多'), ('己', NULL)) v(name, cap)`,
    );
    setSourceLines('cap_check', [
      [2, 3],
      [10, 3],
    ]);
    const r = (
      await runChecks(engine, 'cap_check', { code: null, name: 'name', output: null, capital: 'cap', founded: null }, { cap: 'VARCHAR' })
    ).find((x) => x.id === 'capital')!;
    setSourceLines('cap_check', null);
    db.query('DROP TABLE cap_check');
    expect(r).toMatchObject({ id: 'capital', count: 2, filled: 5, parsed: 2, missing: 1 });
    if (r.id !== 'capital') throw new Error('not the capital check');
    expect(r.rows.map((x) => [x.row, x.line, x.label, x.value, x.parse.reason])).toEqual([
      [3, 4, '丙', '约100 200', 'several-numbers'],
      [5, 11, '戊', '很多', 'no-number'],
    ]);
  });
});
