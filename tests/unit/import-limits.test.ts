// Hard limits on an import's shape (columns, line length, cells, a workbook's unpacked size), the ZIP
// directory they are read from, and the Excel 97-2003 and WPS workbooks (fixtures saved by LibreOffice).
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { tableRows } from '../../src/lib/data/import/grid';
import { ACCEPT, kindFromName } from '../../src/lib/data/import/kind';
import { longLine, SHAPE_LIMITS, shapeLimits } from '../../src/lib/data/import/limits';
import { describeProblem } from '../../src/lib/data/import/messages';
import { ImportError, type ImportProblem } from '../../src/lib/data/import/problems';
import { stage, type StagedGrid } from '../../src/lib/data/import/stage';
import { zipEntries } from '../../src/lib/data/import/zip';

const utf8 = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

async function problemOf(p: Promise<unknown>): Promise<ImportProblem> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ImportError) return err.problem;
    throw err;
  }
  throw new Error('expected an ImportError');
}

/** A ZIP archive of deflated entries, written by hand so that the sizes it states can be anything. */
function zip(entries: { name: string; data: Uint8Array; statedSize?: number }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8(e.name);
    const packed = deflateRawSync(e.data);
    const size = e.statedSize ?? e.data.length;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, packed.length, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    parts.push(new Uint8Array(local.buffer), name, packed);
    const c = new DataView(new ArrayBuffer(46));
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(10, 8, true);
    c.setUint32(20, packed.length, true);
    c.setUint32(24, size, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    central.push(new Uint8Array(c.buffer), name);
    offset += 30 + name.length + packed.length;
  }
  const cdSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let at = 0;
  for (const p of [...parts, ...central, new Uint8Array(end.buffer)]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('the ZIP directory of a workbook', () => {
  test('lists every entry of an xlsx with its sizes, without inflating anything', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a'], [1]]), 'S');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const entries = zipEntries(bytes)!;
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(entries.every((e) => e.uncompressedSize > 0 && e.compressedSize > 0)).toBe(true);
  });
  test('reads stated sizes as they are, and finds no directory in a cut or foreign file', () => {
    const z = zip([{ name: 'xl/worksheets/sheet1.xml', data: utf8('<x/>'), statedSize: 1_150_000_000 }]);
    expect(zipEntries(z)).toEqual([
      { name: 'xl/worksheets/sheet1.xml', method: 8, compressedSize: expect.any(Number), uncompressedSize: 1_150_000_000 },
    ]);
    expect(zipEntries(z.subarray(0, z.length - 10))).toBeNull();
    expect(zipEntries(utf8('a,b\n1,2\n'))).toBeNull();
  });
});

describe('shape limits', () => {
  const limits = { ...SHAPE_LIMITS };
  test('the limits are named numbers, cells and unpacked size halved on small devices', () => {
    expect(SHAPE_LIMITS).toEqual({ columns: 1000, line: 1024 * 1024, cells: 20_000_000, unpacked: 320 * 1024 * 1024 });
    expect(shapeLimits(2)).toMatchObject({ columns: 1000, cells: 10_000_000, unpacked: 160 * 1024 * 1024 });
    expect(shapeLimits(8)).toEqual(SHAPE_LIMITS);
  });
  test('the first line over a length is found with its number, jumping a window at a time', () => {
    const text = utf8(['ab', 'abcdefgh', 'x'.repeat(30), 'y'].join('\n'));
    expect(longLine(text, 40)).toBeNull();
    expect(longLine(text, 20)).toEqual({ line: 3, length: 30 });
    expect(longLine(text, 5)).toEqual({ line: 2, length: 8 });
    expect(longLine(utf8('z'.repeat(10)), 5)).toEqual({ line: 1, length: 10 });
    expect(longLine(utf8('ab\n'), 5)).toBeNull();
  });

  test('lone CR and CRLF end lines too, as csv.ts reads them (a CR-only file is not one long line)', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `row${i},${'v'.repeat(20)}`);
    expect(longLine(utf8(rows.join('\r')), 40)).toBeNull();
    expect(longLine(utf8(rows.join('\r\n')), 40)).toBeNull();
    const mixed = ['ab', 'cd', 'ef', 'x'.repeat(30), 'y'];
    expect(longLine(utf8(mixed.join('\r')), 20)).toEqual({ line: 4, length: 30 });
    expect(longLine(utf8(mixed.join('\r\n')), 20)).toEqual({ line: 4, length: 30 });
    expect(longLine(utf8('ab\r\ncd\nef\r' + 'x'.repeat(30)), 20)).toEqual({ line: 4, length: 30 });
  });

  test('a long line after 20,000 CR-ended lines is found with its line number in one pass (a search per line took ~30 s)', () => {
    const head = Array.from({ length: 20_000 }, (_, i) => `r${i},${'v'.repeat(100)}`).join('\r');
    const bytes = utf8(`${head}\r${'x'.repeat(2 * 1024 * 1024)}\rtail`);
    expect(longLine(bytes, 1024 * 1024)).toEqual({ line: 20_001, length: 2 * 1024 * 1024 });
  });

  test('a CSV with 50,000 columns is refused at its first line, within milliseconds', async () => {
    const row = (p: string) => Array.from({ length: 50_000 }, (_, i) => `${p}${i}`).join(',');
    const bytes = utf8([row('c'), row(''), row('')].join('\n'));
    const t0 = performance.now();
    const p = await problemOf(stage('wide.csv', 'csv', { bytes, limits }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(p).toEqual({ code: 'limit', file: 'wide.csv', limit: 'columns', max: 1000, found: 50_000, line: 1 });
  });
  test('a 48 MB CSV without a line break is refused before it is decoded', async () => {
    const bytes = new Uint8Array(48 * 1024 * 1024).fill(0x61);
    const t0 = performance.now();
    const p = await problemOf(stage('one-line.csv', 'csv', { bytes, limits }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(p).toEqual({ code: 'limit', file: 'one-line.csv', limit: 'line', max: 1024 * 1024, found: 48 * 1024 * 1024, line: 1 });
  });
  test('too many cells: refused from an estimate when far over, else the parse stops at the exact limit', async () => {
    const csv = utf8('a,b,c\n' + '1,2,3\n'.repeat(99));
    const estimate = await problemOf(stage('cells.csv', 'csv', { bytes: csv, limits: { ...limits, cells: 100 } }));
    expect(estimate).toMatchObject({ code: 'limit', limit: 'cells', estimated: true });
    // 100 lines of 3 fields, estimated from the first 50 lines' length.
    expect(Math.abs((estimate as { found: number }).found - 300)).toBeLessThan(15);
    expect(await problemOf(stage('cells.csv', 'csv', { bytes: csv, limits: { ...limits, cells: 250 } }))).toEqual({
      code: 'limit',
      file: 'cells.csv',
      limit: 'cells',
      max: 250,
      found: 252,
      line: 84,
    });
    expect(((await stage('cells.csv', 'csv', { bytes: csv, limits: { ...limits, cells: 300 } })) as StagedGrid).table.length).toBe(99);
  });
  test('JSON records with more keys or cells than the limits are refused', async () => {
    const wide = utf8(JSON.stringify([Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`k${i}`, i]))]));
    expect(await problemOf(stage('wide.json', 'json', { bytes: wide, limits }))).toMatchObject({ limit: 'columns', found: 1200 });
  });
  test('an xlsx that states 1.15 GB unpacked is refused from its directory; the library is never loaded for it', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(4 * 1024 * 1024), statedSize: 1_150_000_000 },
    ]);
    const t0 = performance.now();
    const p = await problemOf(stage('bomb.xlsx', 'xlsx', { bytes: bomb, limits }));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(p).toEqual({ code: 'limit', file: 'bomb.xlsx', limit: 'unpacked', max: 320 * 1024 * 1024, found: 1_150_000_000 + 8 });
    expect(await problemOf(stage('cut.xlsx', 'xlsx', { bytes: bomb.subarray(0, 100), limits }))).toMatchObject({ code: 'xlsx-unreadable' });
  });
  test('a sheet wider or bigger than the limits is refused from its range, naming the sheet', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(Array.from({ length: 400 }, (_, i) => ['a', 'b', i])), '大表');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([Array.from({ length: 30 }, (_, i) => `c${i}`)]), '宽表');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const small = { ...limits, cells: 1000, columns: 20 };
    expect(await problemOf(stage('big.xlsx', 'xlsx', { bytes, limits: small }))).toEqual({
      code: 'limit',
      file: 'big.xlsx',
      sheet: '大表',
      limit: 'cells',
      max: 1000,
      found: 1200,
    });
    expect(await problemOf(stage('big.xlsx', 'xlsx', { bytes, limits: small }, { sheet: '宽表' }))).toMatchObject({
      sheet: '宽表',
      limit: 'columns',
      found: 30,
    });
  });
  test.each([
    [
      { code: 'limit', file: 'w.csv', limit: 'columns', max: 1000, found: 50000, line: 1 },
      /50,000 columns \(line 1\), over the limit of 1,000 columns/,
      /50,000 列（第 1 行），超过了每张表 1,000 列的上限/,
    ],
    [
      { code: 'limit', file: 'l.csv', limit: 'line', max: 1048576, found: 50331648, line: 1 },
      /line \(line 1\) of 48 MB, over the line length limit of 1 MB/,
      /长 48 MB，超过了单行 1 MB 的上限/,
    ],
    [
      { code: 'limit', file: 'c.csv', limit: 'cells', max: 2e7, found: 3e7, estimated: true },
      /about 30,000,000 cells .* over the limit of 20,000,000 cells/,
      /约 30,000,000 个单元格.*20,000,000 个单元格的上限/,
    ],
    [
      { code: 'limit', file: 'b.xlsx', limit: 'unpacked', max: 335544320, found: 1150000000 },
      /unpacks to 1.1 GB, over the limit of 320 MB .* refused before anything was unpacked/,
      /解压后有 1.1 GB，超过了工作簿解压后 320 MB 的上限/,
    ],
  ] as [ImportProblem, RegExp, RegExp][])('the message names the limit: $limit', (p, en, zh) => {
    expect(describeProblem(p, 'en').what).toMatch(en);
    expect(describeProblem(p, 'zh').what).toMatch(zh);
    expect(describeProblem(p, 'en').todo).toMatch(/Tables loaded earlier are unaffected/);
  });
});

describe('Excel 97-2003 and WPS workbooks', () => {
  test('.xls and .et are accepted and read as workbooks', () => {
    expect(ACCEPT).toBe('.csv,.tsv,.parquet,.xlsx,.json,.xls,.et');
    expect([kindFromName('名录.XLS'), kindFromName('名录.et')]).toEqual(['xls', 'xls']);
  });
  test.each(['registry.xls', 'registry.et'])(
    '%s (saved by LibreOffice) lists both sheets and reads 12 rows under its title',
    async (name) => {
      const ctx = { bytes: fixture(name) };
      const s = (await stage(name, 'xls', ctx)) as StagedGrid;
      expect(s.sheets).toEqual(['企业名录', '项目']);
      expect(s.headerRow).toBe(2);
      expect(s.table.columns).toEqual([
        '统一社会信用代码',
        '企业名称',
        '细分领域',
        '所属街道',
        '注册资本',
        '2022年产值（万元）',
        '从业人员',
        '成立日期',
      ]);
      expect(s.types).toEqual(['text', 'text', 'text', 'text', 'text', 'number', 'integer', 'date']);
      expect(s.table.length).toBe(12);
      expect(tableRows(s.table, 1, 2)).toEqual([
        [
          '91440704MA5107919X1',
          '江门市模拟电子2号有限公司',
          '汽车电子',
          '外海街道',
          '1,000(万元人民币)',
          1250.5,
          23,
          new Date(Date.UTC(2001, 1, 2)),
        ],
      ]);
      const second = (await stage(name, 'xls', ctx, { sheet: '项目' })) as StagedGrid;
      expect(second.table.columns).toEqual(['项目', '投资（万元）']);
      expect(second.table.length).toBe(3);
    },
  );
  test('an HTML table published under an .xls name is read too', async () => {
    const html = utf8('<html><body><table><tr><td>名称</td><td>产值</td></tr><tr><td>甲</td><td>12</td></tr></table></body></html>');
    const s = (await stage('portal.xls', 'xls', { bytes: html })) as StagedGrid;
    expect(s.table.columns).toEqual(['名称', '产值']);
    expect(tableRows(s.table)).toEqual([['甲', 12]]);
  });
});
