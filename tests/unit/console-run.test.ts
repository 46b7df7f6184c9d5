// The SQL console's run through the real DuckDB-WASM: results as shown, origins of what was read,
// statements that change data recorded, the failing statement named.
import { beforeAll, describe, expect, test } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import type { Engine } from '../../src/lib/engine';
import { forget, setOrigins } from '../../src/lib/data/registry';
import type { Origin } from '../../src/lib/data/provenance';
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
