// The SQL the import generates, run through the DuckDB-WASM build the page ships: Arrow IPC tables
// with any column names, the firm mapping onto the bundled schema, and hostile names from files.
import { afterAll, describe, expect, test } from 'vitest';
import { arrowBatches, toArrowIPC } from '../../src/lib/data/import/arrow';
import { TextColumn } from '../../src/lib/data/import/text-column';
import {
  firmMappingStatements,
  firmSelectSql,
  suggestMapping,
  suggestOutputFactor,
  unrecognisedSql,
  type FirmMapping,
} from '../../src/lib/data/import/mapping';
import { stage, typedColumns, type StagedGrid } from '../../src/lib/data/import/stage';
import { quoteIdent } from '../../src/lib/sql';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';

const insert = (db: WasmDb, name: string, ipc: Uint8Array) =>
  (db.conn as unknown as { insertArrowFromIPCStream(b: Uint8Array, o: object): void }).insertArrowFromIPCStream(ipc, {
    name,
    create: true,
  });

const columnsOf = (db: WasmDb, table: string) =>
  db
    .query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
    )
    .map((r) => [r.column_name, r.data_type]);
const typesOf = (db: WasmDb, table: string) => Object.fromEntries(columnsOf(db, table));

async function loadCsv(db: WasmDb, name: string, csv: string) {
  const s = (await stage(`${name}.csv`, 'csv', { bytes: new TextEncoder().encode(csv) })) as StagedGrid;
  insert(db, name, toArrowIPC(typedColumns(s)));
  return s;
}

afterAll(async () => {
  const db = await openWasmDb();
  db.query(`CREATE OR REPLACE VIEW firms AS SELECT * FROM read_parquet('firms.parquet')`);
});

describe('Arrow IPC tables', () => {
  test('one chunk per column, typed, with names no identifier rules would allow', async () => {
    const db = await openWasmDb();
    const n = 70_000;
    const names = ['名称', '2022', 'a "quoted" name', "it's", 'select', '<img src=x onerror=alert(1)>'];
    insert(
      db,
      'hostile names',
      toArrowIPC([
        { name: names[0], type: 'text', values: Array.from({ length: n }, (_, i) => (i % 5 ? `企业${i}` : null)) },
        { name: names[1], type: 'integer', values: Array.from({ length: n }, (_, i) => i) },
        { name: names[2], type: 'number', values: Array.from({ length: n }, (_, i) => i / 4) },
        { name: names[3], type: 'boolean', values: Array.from({ length: n }, (_, i) => i % 2 === 0) },
        { name: names[4], type: 'date', values: Array.from({ length: n }, () => new Date(Date.UTC(2015, 2, 8))) },
        { name: names[5], type: 'integer', wide: true, values: Array.from({ length: n }, (_, i) => 5e9 + i) },
      ]),
    );
    expect(columnsOf(db, 'hostile names')).toEqual([
      [names[0], 'VARCHAR'],
      [names[1], 'INTEGER'],
      [names[2], 'DOUBLE'],
      [names[3], 'BOOLEAN'],
      [names[4], 'DATE'],
      [names[5], 'BIGINT'],
    ]);
    const [r] = db.query(
      `SELECT count(*) AS n, count(${quoteIdent(names[0])}) AS named, max(${quoteIdent(names[5])}) AS big, min(${quoteIdent(names[4])})::VARCHAR AS d FROM "hostile names"`,
    );
    expect(r).toEqual({ n, named: n - n / 5, big: 5e9 + n - 1, d: '2015-03-08' });
  });

  test('nulls survive in every type, and text of any length and script round-trips', async () => {
    const db = await openWasmDb();
    const long = '江海'.repeat(5000) + '😀';
    insert(
      db,
      'nulls',
      toArrowIPC([
        { name: 't', type: 'text', values: [null, '', long, 'a'] },
        { name: 'i', type: 'integer', values: [1, null, -2147483648, 2147483647] },
        { name: 'w', type: 'integer', wide: true, values: [null, 2 ** 40, -(2 ** 40), 0] },
        { name: 'n', type: 'number', values: [0.5, null, -1e300, 3] },
        { name: 'b', type: 'boolean', values: [true, false, null, true] },
        { name: 'd', type: 'date', values: [null, new Date(Date.UTC(1969, 11, 31)), new Date(Date.UTC(2024, 1, 29)), null] },
      ]),
    );
    expect(db.query('SELECT t, i, w, n, b, d::VARCHAR AS d FROM nulls')).toEqual([
      { t: null, i: 1, w: null, n: 0.5, b: true, d: null },
      { t: '', i: null, w: 2 ** 40, n: null, b: false, d: '1969-12-31' },
      { t: long, i: -2147483648, w: -(2 ** 40), n: -1e300, b: null, d: '2024-02-29' },
      { t: 'a', i: 2147483647, w: 0, n: 3, b: true, d: null },
    ]);
  });
});

describe('text kept in chunks', () => {
  test('a TextColumn reads back every cell and round-trips through Arrow, blank cells as null, across chunk ends', async () => {
    const db = await openWasmDb();
    const cells = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? '' : i % 11 === 0 ? '  ' : i % 13 === 0 ? `江海😀${i}` : `v${i}`));
    const col = new TextColumn();
    for (const c of cells) col.push(c);
    col.push(null);
    col.finish();
    expect(col.length).toBe(5001);
    expect(Array.from({ length: 5001 }, (_, i) => col.at(i))).toEqual([...cells, '']);
    insert(db, 'chunked', toArrowIPC([{ name: 't', type: 'text', values: col }]));
    const back = db.query<{ t: string | null }>('SELECT t FROM chunked').map((r) => r.t);
    expect(back).toEqual([...cells.map((c) => (c.trim() === '' ? null : c)), null]);
  });
});

describe('text columns cut into batches', () => {
  const cells = Array.from({ length: 5000 }, (_, i) => (i % 9 === 0 ? null : `江海${i}`));
  const col = new TextColumn();
  for (const c of cells) col.push(c);
  col.finish();
  const read = (c: TextColumn) => Array.from({ length: c.length }, (_, i) => c.at(i));

  test('slices on chunk edges share whole chunks; other bounds copy; every slice reads the same cells', () => {
    const edge = col.slice(2048, 4096);
    expect(edge.chunks().map((c) => c.ends.length)).toEqual([2048]);
    expect(read(edge)).toEqual(cells.slice(2048, 4096).map((c) => c ?? ''));
    const tail = col.slice(4096, 1 << 20);
    expect(tail.length).toBe(5000 - 4096);
    expect(read(tail)).toEqual(cells.slice(4096).map((c) => c ?? ''));
    expect(read(col.slice(100, 3000))).toEqual(cells.slice(100, 3000).map((c) => c ?? ''));
    expect(col.slice(6000, 7000).length).toBe(0);
  });

  test('batches of a multiple of the chunk size round-trip through the engine', async () => {
    const db = await openWasmDb();
    const batches = [...arrowBatches([{ name: 't', type: 'text', values: col }], 2048)];
    expect(batches).toHaveLength(3);
    batches.forEach((b, i) =>
      (db.conn as unknown as { insertArrowFromIPCStream(b: Uint8Array, o: object): void }).insertArrowFromIPCStream(b, {
        name: 'batched_text',
        create: i === 0,
      }),
    );
    expect(db.query<{ t: string | null }>('SELECT t FROM batched_text').map((r) => r.t)).toEqual(cells);
    db.query('DROP TABLE batched_text');
  });
});

describe('text with lone surrogates (review item 6)', () => {
  // TextEncoder writes a lone surrogate as U+FFFD (3 bytes); counting it as 2 shifted every later offset.
  const cells = ['a\ud800', 'bcd', 'efg', '\udc00x', 'y\ud83d', '\ude00z', '😀', 'end'];
  const expected = ['a\ufffd', 'bcd', 'efg', '\ufffdx', 'y\ufffd', '\ufffdz', '😀', 'end'];

  test('an array of strings keeps every cell, a lone surrogate read back as U+FFFD, none paired across cells', async () => {
    const db = await openWasmDb();
    insert(db, 'lone_values', toArrowIPC([{ name: 't', type: 'text', values: cells }]));
    expect(db.query<{ t: string }>('SELECT t FROM lone_values').map((r) => r.t)).toEqual(expected);
  });

  test('a TextColumn does the same', async () => {
    const db = await openWasmDb();
    const col = new TextColumn();
    for (const c of cells) col.push(c);
    col.finish();
    insert(db, 'lone_text', toArrowIPC([{ name: 't', type: 'text', values: col }]));
    expect(db.query<{ t: string }>('SELECT t FROM lone_text').map((r) => r.t)).toEqual(expected);
  });
});

describe('firm mapping', () => {
  const csv = [
    '企业名称,细分领域,所属街道,是否规上,专精特新,单项冠军,2022年产值（万元）,从业人员,成立日期',
    '<img src=x onerror=alert(1)>,印刷电路板,外海街道,是,省级专精特新,否,"1,234",120,2015-03-08',
    '乙公司,汽车电子,江南街道,否,无,否,3.5亿,80,2010/1/2',
    '丙公司,汽车电子,礼乐街道,规模以上,国家级专精特新小巨人,是,"12,000",1500,2001年5月6日',
    '丁公司,LED照明器件,礼乐街道,中型,,,—,—,',
  ].join('\n');

  test('headers in Chinese and English suggest the right fields', () => {
    const cols = csv.split('\n')[0].split(',');
    expect(suggestMapping(cols)).toEqual({
      id: null,
      name: '企业名称',
      segment: '细分领域',
      area: '所属街道',
      scale_class: '是否规上',
      srdi_level: '专精特新',
      single_champion: '单项冠军',
      output_2022: '2022年产值（万元）',
      employees: '从业人员',
      founded: '成立日期',
    });
    expect(
      suggestMapping([
        'Company name',
        'Industry',
        'Subdistrict',
        'Size class',
        'SRDI',
        'Output (yuan)',
        'Employees',
        'Year founded',
        'Firm ID',
      ]),
    ).toEqual({
      id: 'Firm ID',
      name: 'Company name',
      segment: 'Industry',
      area: 'Subdistrict',
      scale_class: 'Size class',
      srdi_level: 'SRDI',
      single_champion: null,
      output_2022: 'Output (yuan)',
      employees: 'Employees',
      founded: 'Year founded',
    });
    expect(suggestOutputFactor('Output (yuan)')).toBe(1);
    expect(suggestOutputFactor('产值')).toBe(1e4);
  });

  test('the mapped table has the bundled schema, normalised categories, and reports what it could not read', async () => {
    const db = await openWasmDb();
    const s = await loadCsv(db, '名录', csv);
    const mapping = suggestMapping(s.table.columns);
    const types = typesOf(db, '名录');
    for (const sql of firmMappingStatements('名录', mapping, types, { outputFactor: 1e4 })) db.query(sql);
    db.query(`CREATE OR REPLACE VIEW bundled_firms AS SELECT * FROM read_parquet('firms.parquet')`);
    expect(columnsOf(db, 'firms')).toEqual(columnsOf(db, 'bundled_firms'));
    expect(db.query('SELECT * FROM firms ORDER BY id')).toEqual([
      {
        id: 'U00001',
        name: '<img src=x onerror=alert(1)>',
        segment: '印刷电路板',
        area: '外海街道',
        scale_class: '规上',
        srdi_level: '省级专精特新',
        single_champion: false,
        output_2022: 1234,
        employees: 120,
        founded: 2015,
        modelled: false,
      },
      {
        id: 'U00002',
        name: '乙公司',
        segment: '汽车电子',
        area: '江南街道',
        scale_class: '规下',
        srdi_level: '无',
        single_champion: false,
        output_2022: 35000,
        employees: 80,
        founded: 2010,
        modelled: false,
      },
      {
        id: 'U00003',
        name: '丙公司',
        segment: '汽车电子',
        area: '礼乐街道',
        scale_class: '规上',
        srdi_level: '国家级小巨人',
        single_champion: true,
        output_2022: 12000,
        employees: 1500,
        founded: 2001,
        modelled: false,
      },
      {
        id: 'U00004',
        name: '丁公司',
        segment: 'LED照明器件',
        area: '礼乐街道',
        scale_class: null,
        srdi_level: '无',
        single_champion: false,
        output_2022: null,
        employees: null,
        founded: null,
        modelled: false,
      },
    ]);
    const bad = db.query<{ examples: Iterable<string> }>(unrecognisedSql('名录', mapping, types, { outputFactor: 1e4 })!);
    expect(bad.map((r) => ({ ...r, examples: [...r.examples] }))).toEqual([{ field: 'scale_class', n: 1, examples: ['中型'] }]);
  });

  test('unmapped fields are NULL, output in yuan is converted to 万元, a text year is found in text', async () => {
    const db = await openWasmDb();
    await loadCsv(db, 'plain', 'firm,output (yuan),since\nA,25000000,since 1998\nB,1500,unknown\n');
    const mapping: FirmMapping = { ...suggestMapping([]), name: 'firm', output_2022: 'output (yuan)', founded: 'since' };
    db.query(`CREATE OR REPLACE TABLE mapped AS SELECT ${firmSelectSql('plain', mapping, typesOf(db, 'plain'), { outputFactor: 1 })}`);
    expect(db.query('SELECT name, segment, output_2022, founded FROM mapped')).toEqual([
      { name: 'A', segment: null, output_2022: 2500, founded: 1998 },
      { name: 'B', segment: null, output_2022: 0, founded: null },
    ]);
  });

  test('column names that are SQL or markup stay names', async () => {
    const db = await openWasmDb();
    await loadCsv(db, 'evil', '"x"" FROM firms; DROP VIEW firms; --",seg\nA,B\n');
    const mapping: FirmMapping = { ...suggestMapping([]), name: 'x" FROM firms; DROP VIEW firms; --', segment: 'seg' };
    db.query(`CREATE OR REPLACE TABLE mapped2 AS SELECT ${firmSelectSql('evil', mapping, typesOf(db, 'evil'), { outputFactor: 1e4 })}`);
    expect(db.query('SELECT name, segment FROM mapped2')).toEqual([{ name: 'A', segment: 'B' }]);
    expect(db.query('SELECT count(*)::INTEGER AS n FROM firms')[0].n).toBeGreaterThan(0);
  });
});
