// The SQL console's pure parts: statement splitting, error positions from DuckDB's own messages,
// CSV export, and the example queries and profile queries run through DuckDB-WASM.
import { describe, expect, test } from 'vitest';
import { profileNumber } from '../../src/views/workbench/profile';
import { cellText, resultCsv } from '../../src/views/console/cells';
import { EXAMPLES } from '../../src/views/console/examples';
import { profileQueries, SCHEMA_SQL } from '../../src/lib/sql';
import { errorOffset, isReadOnly, lineColumn, splitStatements } from '../../src/views/console/statements';
import { toEngineError } from '../../src/lib/engine/errors';
import { openWasmDb } from '../helpers/wasm-db';

describe('statements', () => {
  test('semicolons inside strings, quoted names and comments do not split; offsets point into the text', () => {
    const text = `SELECT 'a;b' AS "x;y"; -- c;d\nSELECT 2 /* ; */;\n\n  ;  SELECT 3`;
    const parts = splitStatements(text);
    expect(parts.map((p) => p.sql)).toEqual([`SELECT 'a;b' AS "x;y"`, `-- c;d\nSELECT 2 /* ; */`, 'SELECT 3']);
    for (const p of parts) expect(text.slice(p.start, p.start + p.sql.length)).toBe(p.sql);
  });
  test('comments alone are not statements; doubled quotes stay inside strings', () => {
    expect(splitStatements('-- nothing\n/* here */')).toEqual([]);
    expect(splitStatements(`SELECT 'it''s; fine'`).length).toBe(1);
  });
  test('reads and writes are told apart', () => {
    expect(isReadOnly('  -- x\nwith t as (select 1) select * from t')).toBe(true);
    expect(isReadOnly('DROP VIEW firms')).toBe(false);
    expect(isReadOnly('create table t as select 1')).toBe(false);
  });
  test('line and column of an offset', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('error positions from DuckDB-WASM', () => {
  test.each([
    ['a misspelt column on line 4', 'SELECT segment,\n  count(*) AS n\nFROM firms\nGROUP BY segmnt', 'segmnt'],
    // DuckDB reads FORM as an alias of *, so the error is at the next word.
    ['a syntax error', 'SELECT * FORM firms', 'firms'],
    ['a missing table', 'SELECT 1 FROM nowhere', 'nowhere'],
    [
      'a column far into a long line',
      `SELECT ${Array.from({ length: 30 }, (_, i) => `${i} AS c${i}`).join(', ')}, missing_col FROM firms`,
      'missing_col',
    ],
  ])('%s points at the right word', async (_n, sql, word) => {
    const db = await openWasmDb();
    let err: unknown;
    try {
      db.query(sql);
    } catch (e) {
      err = e;
    }
    const e = toEngineError(err);
    expect(errorOffset(e.detail, sql, e.position)).toBe(sql.indexOf(word));
  });
});

describe('cells and CSV', () => {
  test('CSV has a BOM, CRLF, quoting, and no formula injection', () => {
    const csv = resultCsv(
      ['名称', 'n'],
      [
        ['a,"b"', 1],
        ['=HYPERLINK("x")', null],
        ['-5', -5],
        ['<img src=x>', true],
      ],
    );
    expect(csv).toBe('\ufeff名称,n\r\n"a,""b""",1\r\n"\'=HYPERLINK(""x"")",\r\n-5,-5\r\n<img src=x>,true\r\n');
  });
  test('values as text', () => {
    expect(cellText(null)).toBeNull();
    expect(cellText(new Date(Date.UTC(2024, 8, 1)))).toBe('2024-09-01');
    expect(cellText({ a: 1n })).toBe('{"a":"1"}');
  });
});

describe('queries the console and the profile run', () => {
  test.each(EXAMPLES.map((e) => [e.id, e] as const))('example %s runs on the bundled data and returns rows', async (_id, ex) => {
    const db = await openWasmDb();
    for (const s of splitStatements(ex.sql)) expect(db.query(s.sql).length).toBeGreaterThan(0);
  });
  test('the projects example reproduces the published total and overshoot', async () => {
    const db = await openWasmDb();
    const ex = EXAMPLES.find((e) => e.id === 'projects-total')!;
    expect(db.query(ex.sql)).toEqual([{ completed_yi: 27.79, pct_above_plan: 5.82 }]);
  });
  test('the schema query lists bundled views with their columns', async () => {
    const db = await openWasmDb();
    const rows = db.query<{ table_name: string; column_name: string }>(SCHEMA_SQL);
    expect(rows.filter((r) => r.table_name === 'firms').map((r) => r.column_name)).toContain('output_2022');
  });
  test('profile queries summarise numeric and text columns, hostile names included', async () => {
    const db = await openWasmDb();
    db.query(`CREATE OR REPLACE TABLE "we""ird 表" AS SELECT i AS "产值 ""x""", 'v' || (i % 3) AS "<b>名</b>" FROM range(1, 101) t(i)`);
    const num = profileQueries('we"ird 表', '产值 "x"', 'BIGINT');
    expect(db.query(num.summary)).toEqual([{ n: 100, nulls: 0, distinct_n: expect.any(Number), min_v: 1, max_v: 100, mean_v: 50.5 }]);
    const bins = db.query<{ n: number }>(num.bars);
    expect(bins.length).toBe(10);
    expect(bins.reduce((a, b) => a + b.n, 0)).toBe(100);
    const text = profileQueries('we"ird 表', '<b>名</b>', 'VARCHAR');
    expect(db.query(text.bars)).toEqual([
      { label: 'v1', n: 34 },
      { label: 'v0', n: 33 },
      { label: 'v2', n: 33 },
    ]);
  });
});

test('profile numbers: years without grouping, large values grouped, few significant digits', () => {
  expect([2015, 35000, 1234.5678, 0.123456, 11112.5].map(profileNumber)).toEqual(['2015', '35,000', '1235', '0.1235', '11,112.5']);
});
