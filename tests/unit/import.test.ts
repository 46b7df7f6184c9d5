// Import pipeline without a browser: encodings, delimited text, numbers, headers, types, JSON, xlsx
// (built with the same library the page uses), size limits, table names, messages.
import { describe, expect, test } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { parseDelimited, sniffDelimiter } from '../../src/lib/data/import/csv';
import { decodeText, detectEncoding, looksBinary } from '../../src/lib/data/import/encoding';
import { cleanHeader, detectHeaderRow, gridToTable, tableRows } from '../../src/lib/data/import/grid';
import { parseJsonRecords } from '../../src/lib/data/import/json';
import { checkKind } from '../../src/lib/data/import/kind';
import { checkSize, sizeLimit } from '../../src/lib/data/import/limits';
import { formatBytes } from '../../src/lib/format/bytes';
import { describeProblem } from '../../src/lib/data/import/messages';
import { headerMoneyUnit, parseNumber } from '../../src/lib/data/import/number';
import { ImportError, type ImportProblem } from '../../src/lib/data/import/problems';
import { admit } from '../../src/lib/data/import/read';
import { stage, retype, type StagedGrid } from '../../src/lib/data/import/stage';
import { tableNameFor } from '../../src/lib/data/import/names';
import { convertColumn } from '../../src/lib/data/import/convert';
import { inferColumn } from '../../src/lib/data/import/infer';
import { cellNumber, parseDate } from '../../src/lib/data/import/parsers';
import { sheetToGrid } from '../../src/lib/data/import/xlsx';

/** GBK encoder built from the platform's GBK decoder: every two-byte code, decoded once. */
function gbkEncoder(): (s: string) => Uint8Array {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [a, b]);
    }
  }
  return (s) => {
    const out: number[] = [];
    for (const ch of s) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else {
        const bytes = map.get(ch);
        if (!bytes) throw new Error(`no GBK code for ${ch}`);
        out.push(...bytes);
      }
    }
    return new Uint8Array(out);
  };
}
const gbk = gbkEncoder();
const utf8 = (s: string) => new TextEncoder().encode(s);
const problemOf = async (p: Promise<unknown> | (() => unknown)): Promise<ImportProblem> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof ImportError) return err.problem;
    throw err;
  }
  throw new Error('expected an ImportError');
};

describe('encodings', () => {
  test('UTF-8 with and without a byte-order mark decodes to the same text, BOM dropped', () => {
    const text = '名称,街道\n江海电子,外海街道\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(detectEncoding(bom)).toEqual({ encoding: 'utf-8', bom: 3, certain: true });
    expect(decodeText(bom).text).toBe(text);
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8', certain: false, replaced: 0, gbkLines: [] });
  });
  test('GBK bytes written by Excel on Chinese Windows are detected as GB18030 and decoded', () => {
    const text = '企业名称,细分领域,产值（万元）\n江门模拟电子有限公司,印刷电路板,"1,234"\n';
    const bytes = gbk(text);
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(decodeText(bytes)).toEqual({ text, encoding: 'gb18030', certain: false, replaced: 0, gbkLines: [] });
  });
  test('UTF-16 with a BOM (Excel "Unicode text") is decoded and not taken for binary', () => {
    const text = '名称\t产值\n甲\t1\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    expect(looksBinary(le)).toBe(false);
    expect(decodeText(le).text).toBe(text);
  });
  test('a GBK line inside a UTF-8 file is read as GB18030 and its line reported; the rest stays UTF-8', () => {
    const bytes = new Uint8Array([...utf8('名称,产值\n甲公司,1\n'), ...gbk('乙公司,2\n'), ...utf8('丙公司,3\n'), ...gbk('丁公司,4')]);
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
    expect(decodeText(bytes)).toEqual({
      text: '名称,产值\n甲公司,1\n乙公司,2\n丙公司,3\n丁公司,4',
      encoding: 'utf-8',
      certain: false,
      replaced: 0,
      gbkLines: [3, 5],
    });
  });
  test('bytes that are neither UTF-8 nor GB18030 become U+FFFD and are counted; a file of GBK lines stays GB18030', () => {
    const d = decodeText(new Uint8Array([...utf8('名称\n甲\n'), 0xff, 0xfe, 0x41, 10, ...utf8('乙\n')]));
    expect(d).toMatchObject({ encoding: 'utf-8', gbkLines: [], replaced: 2 });
    const mostlyGbk = new Uint8Array([...gbk('名称\n甲\n乙\n丙\n'), ...utf8('丁\n')]);
    expect(detectEncoding(mostlyGbk).encoding).toBe('gb18030');
  });
  test('random bytes look binary; text does not', () => {
    const rnd = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    expect(looksBinary(rnd)).toBe(true);
    expect(looksBinary(utf8('a,b\n1,2\n'))).toBe(false);
  });
});

describe('delimited text', () => {
  test.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['semicolon', 'a;b;c\n1,5;2;3\n', ';'],
    ['pipe', 'a|b\n1|2\n', '|'],
    ['commas inside quotes do not fool it', 'name\tnote\n"x"\t"a, b, c"\nq\t"d, e"\n', '\t'],
  ])('sniffs %s', (_n, text, d) => expect(sniffDelimiter(text)).toBe(d));

  test('quotes, doubled quotes, embedded newlines and CRLF follow RFC 4180; lines are counted', () => {
    const r = parseDelimited('a,b\r\n"x, ""y""","line1\nline2"\r\nlast,\r\n', ',');
    expect(r.rows).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
      ['last', ''],
    ]);
    expect(r.lines).toEqual([1, 2, 4]);
    expect(r.unclosedQuoteLine).toBeNull();
  });
  test('CRLF, LF and CR line ends, mixed or alone, give the same records and lines', () => {
    const want = [
      ['a', 'b'],
      ['1', 'x\ny'],
      ['2', '3'],
    ];
    for (const text of ['a,b\r\n1,"x\ny"\n2,3\r\n', 'a,b\n1,"x\ny"\r\n2,3', 'a,b\r1,"x\ny"\r2,3\r']) {
      const r = parseDelimited(text, ',');
      expect(r.rows).toEqual(want);
      expect(r.lines).toEqual(text.includes('\r1') ? [1, 2, 3] : [1, 2, 4]);
    }
  });
  test('a record wider than the column limit, or past the cell limit, stops the parse with its line', () => {
    const text = 'a,b\n1,2\n3,4\n' + Array.from({ length: 50 }, (_, i) => i).join(',') + '\n5,6\n';
    expect(parseDelimited(text, ',', { maxFields: 10 })).toMatchObject({
      rows: [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
      stopped: { limit: 'columns', line: 4, found: 50 },
    });
    expect(parseDelimited(text, ',', { maxCells: 5 }).stopped).toEqual({ limit: 'cells', line: 3, found: 6 });
    expect(parseDelimited(text, ',').stopped).toBeNull();
  });
  test('an unclosed quote is reported with its line instead of throwing', () => {
    const r = parseDelimited('a,b\n1,"oops\n2,3\n', ',');
    expect(r.unclosedQuoteLine).toBe(2);
    expect(r.rows).toEqual([
      ['a', 'b'],
      ['1', 'oops\n2,3\n'],
    ]);
  });
});

describe('numbers', () => {
  test.each([
    ['1,234', 1234],
    ['1,234,567.89', 1234567.89],
    ['１２３４', 1234],
    ['1，234', 1234],
    ['12.5万', 125000],
    ['1.1万', 11000],
    ['3亿', 3e8],
    ['2.5亿元', 2.5e8],
    ['¥1,200', 1200],
    ['500人', 500],
    ['2015年', 2015],
    ['-12', -12],
    ['(1,000)', -1000],
    ['12%', 0.12],
    ['1e3', 1000],
    ['1 234 567', 1234567],
  ])('%s reads as %d', (s, v) => expect(parseNumber(s)?.value).toBe(v));
  test.each(['abc', '1,23', '12..3', '约500', '1.2.3', '', '万'])('%j is not a number', (s) => expect(parseNumber(s)).toBeNull());
  test('a money unit in the header is recognised', () => {
    expect(headerMoneyUnit('2022年产值（万元）')).toEqual({ factor: 1e4, label: '万元' });
    expect(headerMoneyUnit('Output (100 million yuan)')).toEqual({ factor: 1e8, label: '亿元' });
    expect(headerMoneyUnit('员工人数')).toBeNull();
  });
});

describe('headers and rows', () => {
  test('a title line above the header is skipped', () => {
    expect(
      detectHeaderRow([
        ['江海区企业名录', '', ''],
        ['名称', '街道', '产值'],
        ['甲', '乙', '1'],
      ]),
    ).toBe(1);
  });
  test('empty and repeated names are made unique, case-insensitively, without mutating the input', () => {
    const cells = ['名称', '', '名称', 'Name', 'name', ' 产值\n（万元） '];
    const copy = [...cells];
    const { columns, renamed } = cleanHeader(cells, 7);
    expect(columns).toEqual(['名称', 'column_2', '名称_2', 'Name', 'name_2', '产值 （万元）', 'column_7']);
    expect(renamed.map((r) => r.to)).toEqual(['column_2', '名称_2', 'name_2', 'column_7']);
    expect(cells).toEqual(copy);
  });
  test('ragged rows: short rows are padded, extra values dropped, both reported with their line', () => {
    const t = gridToTable([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5'], ['6', '7', '8', '9', ''], [''], ['10', '11', '12']], 0);
    expect(tableRows(t)).toEqual([
      ['1', '2', '3'],
      ['4', '5', null],
      ['6', '7', '8'],
      ['10', '11', '12'],
    ]);
    expect(t.ragged).toEqual([
      { row: 3, index: 1, values: 2, expected: 3, dropped: [] },
      { row: 4, index: 2, values: 4, expected: 3, dropped: ['9'] },
    ]);
  });
});

describe('column types', () => {
  test('thousands separators and 万 suffixes make a number column; missing markers are not failures', () => {
    const p = inferColumn('产值', ['1,234', '5.6万', '—', '', '789', '12.5']);
    expect(p.detected).toBe('number');
    expect(p.suffixed).toBe(1);
    expect(p.grouped).toBe(1);
    const c = convertColumn(['1,234', '5.6万', '—', '', '789', '12.5'], 'number');
    expect(c.values).toEqual([1234, 56000, null, null, 789, 12.5]);
    expect(c.failed).toBe(0);
  });
  test('in a column whose header says 万元, 1.2亿 becomes 12,000 (万元)', () => {
    expect(convertColumn(['1.2亿', '300', '5000万'], 'number', 1e4).values).toEqual([12000, 300, 5000]);
  });
  test('a mostly numeric column with a few words stays numeric and reports the words', () => {
    const cells = [...Array.from({ length: 19 }, (_, i) => String(i * 10)), '约500'];
    expect(inferColumn('employees', cells).detected).toBe('integer');
    const c = convertColumn(cells, 'integer');
    expect(c.failed).toBe(1);
    expect(c.examples).toEqual([{ index: 19, value: '约500' }]);
  });
  test('codes with leading zeros and code-like headers stay text', () => {
    expect(inferColumn('x', ['00123', '00456']).detected).toBe('text');
    expect(inferColumn('统一社会信用代码', ['91440704', '91440705']).keptAsText).toBe('code-header');
  });
  test('booleans, dates and big integers', () => {
    expect(inferColumn('单项冠军', ['是', '否', '是']).detected).toBe('boolean');
    expect(inferColumn('成立日期', ['2015-03-08', '2016/1/2', '2017年5月6日']).detected).toBe('date');
    expect(parseDate('2015年3月8日')?.toISOString()).toBe('2015-03-08T00:00:00.000Z');
    expect(parseDate('2015-02-30')).toBeNull();
    expect(convertColumn(['5000000000'], 'integer').wide).toBe(true);
  });
});

describe('JSON records', () => {
  test('an array of records becomes a grid with the union of keys; nested values become JSON text', () => {
    const j = parseJsonRecords('a.json', '[{"name":"甲","n":1},{"name":"乙","extra":{"x":1}}, 5]');
    expect(j.grid).toEqual([
      ['name', 'n', 'extra'],
      ['甲', 1, null],
      ['乙', null, '{"x":1}'],
    ]);
    expect(j.skipped).toEqual([{ element: 3, found: 'number' }]);
  });
  test('a wrapping object with one array and NDJSON are accepted', () => {
    expect(parseJsonRecords('a.json', '{"data":[{"a":1}],"meta":"x"}').path).toBe('data');
    expect(parseJsonRecords('a.json', '{"a":1}\n{"a":2}\n').grid).toEqual([['a'], [1], [2]]);
  });
  test('a syntax error names the line and column; an object without records is a shape error', async () => {
    const p = await problemOf(() => parseJsonRecords('bad.json', '[\n{"a": 1},\n{"a" 2}\n]'));
    expect(p).toMatchObject({ code: 'json-syntax', file: 'bad.json', line: 3 });
    expect(await problemOf(() => parseJsonRecords('o.json', '{"a": 1}'))).toMatchObject({ code: 'json-shape' });
  });
});

describe('file checks', () => {
  test.each([
    ['empty', 'x.csv', 'csv', new Uint8Array(), 'empty'],
    ['random bytes named .parquet', 'x.parquet', 'parquet', new Uint8Array([1, 2, 3, 4, 5]), 'not-parquet'],
    ['truncated Parquet', 'x.parquet', 'parquet', utf8('PAR1 some bytes but no footer'), 'parquet-truncated'],
    ['random bytes named .xlsx', 'x.xlsx', 'xlsx', new Uint8Array([9, 8, 7, 6]), 'not-xlsx'],
    ['an .xls workbook named .csv', 'x.csv', 'csv', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'legacy-xls'],
    ['random bytes named .xls', 'x.xls', 'xls', new Uint8Array([9, 8, 7, 6]), 'not-xls'],
    ['random bytes named .et', 'x.et', 'xls', new Uint8Array([9, 8, 7, 6]), 'not-xls'],
    ['gzip named .csv', 'x.csv', 'csv', new Uint8Array([0x1f, 0x8b, 8, 0]), 'compressed'],
  ] as const)('%s is refused', (_n, file, kind, bytes, code) => expect(checkKind(file, kind, bytes)?.code).toBe(code));

  test('size limits are checked before reading, per kind, halved on small devices', () => {
    expect(checkSize('big.csv', 'csv', 300 * 2 ** 20)).toEqual({
      code: 'too-large',
      file: 'big.csv',
      size: 300 * 2 ** 20,
      limit: 200 * 2 ** 20,
    });
    expect(checkSize('bench.csv', 'csv', 100 * 2 ** 20)).toBeNull();
    expect(sizeLimit('xlsx', 2)).toBe(15 * 2 ** 20);
    expect(formatBytes(100 * 2 ** 20)).toBe('100 MB');
    // One rounding for the import's messages and the saved-tables list (there were two).
    expect([812, 1024, 1536, 1480, 10.24 * 2 ** 20, 1.13 * 2 ** 30, 2 ** 31].map((n) => formatBytes(n))).toEqual([
      '812 B',
      '1 KB',
      '1.5 KB',
      '1.4 KB',
      '10.2 MB',
      '1.1 GB',
      '2 GB',
    ]);
    expect(formatBytes(-1, 'zh')).toBe('未知');
    expect(() => admit({ name: 'x.docx', size: 10 })).toThrow(ImportError);
    expect(admit({ name: 'X.CSV', size: 10 })).toBe('csv');
  });

  test('every problem has a message in both languages that names the file', async () => {
    const problems: ImportProblem[] = [
      { code: 'empty', file: 'f.csv' },
      { code: 'too-large', file: 'f.csv', size: 3e8, limit: 1e8 },
      { code: 'not-parquet', file: 'f.parquet' },
      { code: 'json-syntax', file: 'f.json', line: 2, column: 3, detail: 'x' },
    ];
    for (const p of problems) {
      for (const lang of ['zh', 'en'] as const) {
        const m = describeProblem(p, lang);
        expect(m.what).toContain(p.file);
        expect(m.todo.length).toBeGreaterThan(10);
      }
    }
    expect(describeProblem(problems[1], 'en').what).toContain('95.4 MB');
  });
});

describe('staging', () => {
  test('a header row chosen far down a text file (row 301) is found, not refused for having no columns', async () => {
    const lines = [
      ...Array.from({ length: 300 }, (_, i) => `note ${i}`),
      'name,n',
      ...Array.from({ length: 400 }, (_, i) => `firm${i},${i}`),
    ];
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const s = (await stage('long.csv', 'csv', { bytes }, { headerRow: 300 })) as StagedGrid;
    expect(s.headerRow).toBe(300);
    expect(s.table.columns).toEqual(['name', 'n']);
    expect(s.table.length).toBe(400);
    expect(s.types).toEqual(['text', 'integer']);
  });

  const firmsCsv =
    '江海区电子信息企业名录,,,,\n企业名称,细分领域,产值（万元）,员工,备注\n甲公司,印刷电路板,"1,234",120,\n乙公司,汽车电子,3.5亿,约80,x\n丙公司,汽车电子,—,45\n';

  test('a GBK CSV with a title line, separators, 亿 and a ragged row stages with types and problems', async () => {
    const s = (await stage('名录.csv', 'csv', { bytes: gbk(firmsCsv) })) as StagedGrid;
    expect(s.encoding).toBe('gb18030');
    expect(s.delimiter).toBe(',');
    expect(s.headerRow).toBe(1);
    expect(s.table.columns).toEqual(['企业名称', '细分领域', '产值（万元）', '员工', '备注']);
    // Two of three employee counts are numbers: not enough to call the column numeric.
    expect(s.types).toEqual(['text', 'text', 'integer', 'text', 'text']);
    expect(s.check.columns[2].values).toEqual([1234, 35000, null]);
    expect(s.check.problemRows).toBe(1);
    const t = retype(s, ['text', 'text', 'integer', 'integer', 'text']);
    expect(t.check.problemRows).toBe(2);
    expect(t.check.examples).toEqual([
      { row: 5, kind: 'ragged-short', detail: '4/5' },
      { row: 4, kind: 'bad-value', column: '员工', value: '约80', type: 'integer' },
    ]);
    expect(s.types[3]).toBe('text');
  });

  test('a header-only file and a whitespace-only file are refused', async () => {
    expect(await problemOf(stage('h.csv', 'csv', { bytes: utf8('a,b\n') }))).toMatchObject({ code: 'no-rows' });
    expect(await problemOf(stage('w.csv', 'csv', { bytes: utf8(' \n\n') }))).toMatchObject({ code: 'empty' });
  });

  test('an xlsx with two sheets and merged cells: sheets listed, merges filled, title kept out of the header', async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([
      ['企业名录', null, null],
      ['名称', '街道', '产值（万元）'],
      ['甲', '江南街道', 100],
      ['乙', null, 200],
      ['丙', '礼乐街道', 300],
    ]);
    ws['!merges'] = [
      { s: { r: 0, c: 0 }, e: { r: 0, c: 2 } },
      { s: { r: 2, c: 1 }, e: { r: 3, c: 1 } },
    ];
    XLSX.utils.book_append_sheet(wb, ws, '企业');
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['项目', '投资'],
        ['P1', 5],
      ]),
      '项目',
    );
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const ctx = { bytes };
    const s = (await stage('book.xlsx', 'xlsx', ctx)) as StagedGrid;
    expect(s.sheets).toEqual(['企业', '项目']);
    expect(s.sheet).toBe('企业');
    expect(s.mergedFilled).toBe(1);
    expect(s.table.columns).toEqual(['名称', '街道', '产值（万元）']);
    expect(s.table.data[1]).toEqual(['江南街道', '江南街道', '礼乐街道']);
    expect(s.table.sourceRows).toEqual([3, 4, 5]);
    const second = (await stage('book.xlsx', 'xlsx', ctx, { sheet: '项目' })) as StagedGrid;
    expect(second.table.columns).toEqual(['项目', '投资']);
    expect(sheetToGrid(XLSX, undefined).grid).toEqual([]);
  });

  test('random bytes named .xlsx never reach the library', async () => {
    expect(await problemOf(stage('r.xlsx', 'xlsx', { bytes: new Uint8Array(64).fill(7) }))).toMatchObject({ code: 'not-xlsx' });
  });
});

describe('table names', () => {
  test('file names become typeable, unique names that never take a bundled name', () => {
    expect(tableNameFor('江海企业名录 2023.csv', null, [])).toBe('江海企业名录_2023');
    expect(tableNameFor('firms.csv', null, [])).toBe('firms_2');
    expect(tableNameFor('a.xlsx', 'Sheet 1', ['A_Sheet_1'])).toBe('a_Sheet_1_2');
    expect(tableNameFor('2023.csv', null, [])).toBe('t_2023');
    expect(tableNameFor('<img src=x>.csv', null, [])).toBe('img_src_x');
  });
});

describe('fast paths give the general parsers’ answers', () => {
  test.each([
    '1,234',
    '-12,345.67',
    '1,234,567',
    '12,345',
    '999,999,999.5',
    '1,23',
    '1,2345',
    ',123',
    '1,234.',
    '12345',
    '1.5',
    '-0',
    '１，２３４',
    '1,234万',
    ' 1,234 ',
  ])('number %j', (s) => {
    const pick = (r: { value: number; multiplier: number; grouped: boolean } | null) =>
      r && { value: r.value, multiplier: r.multiplier, grouped: r.grouped };
    expect(pick(cellNumber(s))).toEqual(pick(parseNumber(s)));
  });
  test.each([
    '2015-03-08',
    '2015/3/8',
    '2015/03/8',
    '2015-3-08',
    '2015/13/1',
    '2015-02-30',
    '2015-3/8',
    '2015/3/',
    '2015年3月8日',
    '20150308',
    '2015/3/8 ',
  ])('date %j', (s) => {
    const general = (() => {
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.normalize('NFKC').trim());
      if (!m) return null;
      const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? d : null;
    })();
    expect(parseDate(s)).toEqual(general);
  });
});
