// The SQL console's run through the real DuckDB-WASM: results as shown, origins of what was read,
// statements that change data recorded, the failing statement named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import type { Engine } from '../../src/lib/engine';
import { forget, originsOfSql, resetRegistry, setFile, setOrigins } from '../../src/lib/data/registry';
import { csvPreamble, marks, sourceLine, viewProvenance, type Origin } from '../../src/lib/data/provenance';
import { tableOrigins, type Manifest } from '../../src/lib/data/manifest';
import { EXAMPLES } from '../../src/views/console/examples';
import { sqlTypeName, valuesOf } from '../../src/views/console/arrow';
import { RunError, runStatements } from '../../src/views/console/run';
import { splitStatements } from '../../src/views/console/statements';
import { nodeEngine } from '../helpers/node-engine';

const ORIGIN = 'https://dashboard.example';

describe('Arrow results as the console shows them', () => {
  test('dates become ISO days and other values stay as they are', () => {
    const t = tableFromArrays({ d: [new Date('2023-07-07T00:00:00Z')], n: [3], s: ['江海'] });
    expect(valuesOf(t)).toEqual([['2023-07-07', 3, '江海']]);
  });
  test.each([
    ['Utf8', 'VARCHAR'],
    ['Int64', 'BIGINT'],
    ['Float64', 'DOUBLE'],
    ['Date32<DAY>', 'DATE'],
    ['Timestamp<MICROSECOND>', 'TIMESTAMP'],
    ['Struct<{a:Int32}>', 'Struct<{a:Int32}>'],
  ])('Arrow type %s is shown as %s', (arrow, sql) => expect(sqlTypeName(arrow)).toBe(sql));
});

describe('runStatements', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await nodeEngine();
  }, 30_000);

  test('the last statement gives the result; a constant has no origin', async () => {
    const { result, changed } = await runStatements(
      engine,
      splitStatements("SELECT 1 AS a; SELECT 2 AS b, DATE '2023-07-07' AS d, TIMESTAMP '2023-07-07 08:30:00' AS ts"),
      {
        pageOrigin: ORIGIN,
      },
    );
    expect(changed).toBe(false);
    expect(result.columns).toEqual(['b', 'd', 'ts']);
    expect(result.types).toEqual(['INTEGER', 'DATE', 'TIMESTAMP']);
    expect(result.rows).toEqual([[2, '2023-07-07', '2023-07-07 08:30:00.000']]);
    expect(result.origins).toEqual([]);
  });

  test("a result read from a table carries that table's origins", async () => {
    const modelled: Origin = { kind: 'modelled', source: null, facts: [], rows: null };
    setOrigins('t_src', [modelled]);
    try {
      await engine.query('CREATE TABLE t_src AS SELECT 1 AS x');
      const { result } = await runStatements(engine, splitStatements('SELECT x FROM t_src'), { pageOrigin: ORIGIN });
      expect(result.origins).toEqual([modelled]);
    } finally {
      forget('t_src');
    }
  });

  test('rows past the limit are cut and the result says so', async () => {
    const { result } = await runStatements(engine, splitStatements('SELECT * FROM range(10)'), { pageOrigin: ORIGIN, maxRows: 4 });
    expect(result.rows.length).toBe(4);
    expect(result.truncated).toBe(true);
  });

  test('a statement that changes data is reported, and its result is not shown as rows', async () => {
    const { result, changed } = await runStatements(engine, splitStatements('CREATE TABLE t_run AS SELECT 1 AS x'), { pageOrigin: ORIGIN });
    expect(changed).toBe(true);
    expect(result.columns).toEqual([]);
  });

  test('a failure names the statement it happened in and whether data changed before it', async () => {
    const text = 'CREATE TABLE t_fail AS SELECT 1 AS x;\nSELECT nope FROM t_fail';
    const err = await runStatements(engine, splitStatements(text), { pageOrigin: ORIGIN }).catch((e) => e);
    expect(err).toBeInstanceOf(RunError);
    expect(err.statement.sql).toBe('SELECT nope FROM t_fail');
    expect(err.changed).toBe(true);
    expect(String(err.message)).toMatch(/nope/);
  });
});

// Audit G1: each way a console statement could carry modelled rows past the catalog, run through
// DuckDB-WASM as the console runs it. Files go to a temporary folder (the Node build writes to disk).
describe('modelled rows keep their mark through files, macros, prepared statements and globs', () => {
  const MODELLED: Origin = { kind: 'modelled', source: null, facts: ['ei_firms'], rows: { zh: '企业明细', en: 'firm rows' } };
  let engine: Engine;
  let dir: string;
  const run = async (text: string) => {
    const { result } = await runStatements(engine, splitStatements(text), { pageOrigin: ORIGIN });
    return { ...result, rows: result.rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))) };
  };
  const unknown = (ref: string): Origin => ({ kind: 'unknown', ref });
  beforeAll(async () => {
    engine = await nodeEngine();
    dir = mkdtempSync(join(tmpdir(), 'jianghai-console-'));
  }, 30_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    resetRegistry();
    setOrigins('firms', [MODELLED]);
    setFile('firms.parquet', 'firms');
  });

  test('COPY firms TO a Parquet file, then reading that file: the rows are still modelled', async () => {
    const r = await run(`COPY firms TO '${dir}/x.parquet' (FORMAT PARQUET); SELECT count(*) AS n FROM '${dir}/x.parquet'`);
    expect(r.rows).toEqual([[1681]]);
    expect(r.origins).toEqual([MODELLED]);
    expect(csvPreamble(viewProvenance(r.origins), 'en').some((l) => l.startsWith('Modelled data'))).toBe(true);
  });

  test('COPY (a query) TO a CSV file, then read_csv_auto of it: still modelled', async () => {
    const r = await run(
      `COPY (SELECT id, segment FROM firms WHERE scale_class = '规上') TO '${dir}/y.csv' (HEADER); SELECT count(*) AS n FROM read_csv_auto('${dir}/y.csv', header = true)`,
    );
    expect(r.rows).toEqual([[145]]);
    expect(r.origins).toEqual([MODELLED]);
  });

  test('a table macro over firms, then selecting from it: modelled', async () => {
    const r = await run('CREATE OR REPLACE MACRO m() AS TABLE SELECT * FROM firms; SELECT count(*) AS n FROM m()');
    expect(r.rows).toEqual([[1681]]);
    expect(r.origins).toEqual([MODELLED]);
  });

  test('a scalar macro reading firms: modelled', async () => {
    const r = await run('CREATE OR REPLACE MACRO total_firms() AS (SELECT count(*) FROM firms); SELECT total_firms() AS n');
    expect(r.rows).toEqual([[1681]]);
    expect(r.origins).toEqual([MODELLED]);
  });

  test('PREPARE over firms, then EXECUTE: modelled', async () => {
    const r = await run("PREPARE by_scale AS SELECT count(*) AS n FROM firms WHERE scale_class = $1; EXECUTE by_scale('规上')");
    expect(r.rows).toEqual([[145]]);
    expect(r.origins).toEqual([MODELLED]);
  });

  test('a glob: the modelled files it matches and an unknown origin, never silence', async () => {
    await run(`COPY firms TO '${dir}/g1.parquet' (FORMAT PARQUET)`);
    const r = await run(`SELECT count(*) AS n FROM read_parquet('${dir}/*.parquet')`);
    expect(r.rows[0][0]).toBeGreaterThanOrEqual(1681);
    expect(r.origins).toEqual([MODELLED, unknown(`'${dir}/*.parquet'`)]);
    const bundled = await run("SELECT count(*) AS n FROM read_parquet('*.parquet')");
    expect(bundled.origins).toEqual([MODELLED, unknown("'*.parquet'")]);
    expect(marks(viewProvenance(bundled.origins), 'zh').map((m) => m.label)).toEqual(['模拟数据', '来源不明']);
  });

  test('a glob with an unbalanced bracket is an unknown source, not a crash before the statement runs', async () => {
    const err = await run(`SELECT * FROM read_csv_auto('${dir}/a[.csv')`).catch((e) => e);
    // DuckDB's own answer (no such file), not "Invalid regular expression" from the page.
    expect(String(err.message)).not.toMatch(/regular expression/i);
    expect(originsOfSql(`SELECT * FROM read_csv_auto('a[.csv')`, ORIGIN)).toEqual([unknown("'a[.csv'")]);
  });

  test('a file the page never saw written is of unknown origin; a constant has none', async () => {
    writeFileSync(join(dir, 'outside.csv'), 'a\n1\n');
    expect((await run(`SELECT * FROM '${dir}/outside.csv'`)).origins).toEqual([unknown(`'${dir}/outside.csv'`)]);
    expect((await run('SELECT * FROM range(3)')).origins).toEqual([]);
  });
});

// Audit G10: the console's example queries, run as the console runs them over the bundled tables
// with the origins their manifest states: those of modelled rows say so, the published figures not.
describe('the example queries carry the marks of what they read', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await nodeEngine();
    resetRegistry();
    const manifest = JSON.parse(readFileSync('data/manifest.json', 'utf8')) as Manifest;
    for (const t of manifest.tables) {
      setOrigins(t.name, tableOrigins(manifest, t));
      setFile(t.file, t.name);
    }
  }, 30_000);

  test.each([
    ['published', false],
    ['segments', true],
    ['above-size', true],
    ['srdi', true],
    ['decades', true],
    ['projects', true],
    ['projects-total', true],
  ] as const)('%s: modelled mark %s, the article named as source', async (id, modelled) => {
    const ex = EXAMPLES.find((e) => e.id === id)!;
    const { result } = await runStatements(engine, splitStatements(ex.sql), { pageOrigin: ORIGIN });
    expect(result.rows.length).toBeGreaterThan(0);
    const vp = viewProvenance(result.origins);
    expect(marks(vp, 'en').map((m) => m.kind)).toEqual(modelled ? ['modelled'] : []);
    expect(sourceLine(vp, 'en')).toMatch(/^Jiangmen Daily, 7 July 2023/);
    expect(csvPreamble(vp, 'zh').some((l) => l.startsWith('模拟数据'))).toBe(modelled);
  });

  test('every example is covered above', () => {
    expect(EXAMPLES.map((e) => e.id).sort()).toEqual([
      'above-size',
      'decades',
      'projects',
      'projects-total',
      'published',
      'segments',
      'srdi',
    ]);
  });
});
