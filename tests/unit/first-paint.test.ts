// The answers the build writes into the page: the app's own SQL, native DuckDB and DuckDB-WASM
// agreeing, and only used for the data they belong to.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { compareAnswers, computeFirstPaint, isOrdered } from '../../scripts/first-paint';
import { openWasmDb } from '../../scripts/lib/wasm-db';
import { FIRST_PAINT_ID, firstPaintQueries, useFirstPaint } from '../../src/lib/charts/first-paint';
import { firstAnswer } from '../../src/lib/data/answers';
import { allViewsSql, FIRMS, lorenzSql } from '../../src/lib/sql';
import { firmCrossfilter } from '../../src/lib/state/firms';
import { Engine } from '../../src/lib/engine/engine';

const fakeDoc = (json: string) =>
  ({ getElementById: (id: string) => (id === FIRST_PAINT_ID ? { textContent: json } : null) }) as unknown as Document;
const idleEngine = () => new Engine(() => new Promise(() => undefined));

describe('the first paint', async () => {
  const fp = await computeFirstPaint('data');
  it("answers every first-paint query, as native DuckDB and DuckDB-WASM agree, with the tables' origins", () => {
    expect(Object.keys(fp.answers).sort()).toEqual(firstPaintQueries().sort());
    const all = fp.answers[allViewsSql(FIRMS)];
    expect(all.find((r) => r.g === 31)).toMatchObject({ n: 1681, s: 2_700_000 });
    expect(fp.origins.firms[0]).toMatchObject({ kind: 'modelled' });
    expect(fp.origins.schools[0]).toMatchObject({ kind: 'published' });
  });
  it.each([
    ['the bundled data', 'bundled', true],
    ["a frozen link to this build's data version", { dataVersion: fp.dataVersion }, true],
    ['a frozen link to another data version', { dataVersion: '000000000000' }, false],
    ["another site's data", null, false],
  ] as const)('is used for %s: %s', (_n, data, used) => {
    useFirstPaint(fakeDoc(JSON.stringify(fp)), data, idleEngine());
    expect(firstAnswer(allViewsSql(FIRMS)) !== undefined).toBe(used);
  });
  it('is dropped once the data changes after its first registration', () => {
    const engine = idleEngine();
    useFirstPaint(fakeDoc(JSON.stringify(fp)), 'bundled', engine);
    engine.invalidate();
    expect(firstAnswer(allViewsSql(FIRMS))).toBeDefined();
    engine.invalidate();
    expect(firstAnswer(allViewsSql(FIRMS))).toBeUndefined();
  });
  it('costs only the early paint when damaged', () => {
    useFirstPaint(fakeDoc('{not json'), 'bundled', idleEngine());
    expect(firstAnswer(allViewsSql(FIRMS))).toBeUndefined();
  });
  it('is there for a view the moment it is made, as the server renders it and the page hydrates it', () => {
    const engine = idleEngine();
    useFirstPaint(fakeDoc(JSON.stringify(fp)), 'bundled', engine);
    const cf = firmCrossfilter(engine);
    cf.paintFirst(firstAnswer, {});
    // No subscription has run yet (components subscribe in effects, which the server never runs).
    expect(cf.current('segment')?.rows.reduce((a, r) => a + r.n, 0)).toBe(1681);
    expect(cf.summary).toMatchObject({ count: 1681, output: 2_700_000 });
    expect(cf.currentDerived('lorenz', lorenzSql)).toEqual(fp.answers[lorenzSql('')]);
    // Once the engine has the data, only the engine's answers count.
    cf.refresh({});
    expect(cf.currentDerived('lorenz', lorenzSql)).toBeNull();
  });
});

describe('the build check of the first paint', () => {
  const PROJECTS = 'SELECT * FROM "projects" ORDER BY "completed_wan" DESC';

  it('fails the build when DuckDB-WASM reads other rows than native DuckDB (a projects file with a row missing)', async () => {
    // Native DuckDB reads a copy of data/ whose projects.parquet lost its last row; DuckDB-WASM the real one.
    const dir = mkdtempSync(join(tmpdir(), 'jianghai-first-paint-'));
    try {
      for (const f of readdirSync('data')) if (/\.(parquet|json)$/.test(f)) copyFileSync(join('data', f), join(dir, f));
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      await conn.run(`COPY (SELECT * FROM 'data/projects.parquet' LIMIT 19) TO '${join(dir, 'projects.parquet')}' (FORMAT parquet)`);
      conn.closeSync();
      const wasm = await openWasmDb('data');
      await expect(computeFirstPaint(dir, { check: (sql) => wasm.query(sql) })).rejects.toThrow(
        /native DuckDB and DuckDB-WASM disagree of\n {2}SELECT \* FROM "projects"/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build when an ordered answer comes in another order, and not for an unordered one', async () => {
    const wasm = await openWasmDb('data');
    const reversedProjects = (sql: string) => (sql === PROJECTS ? wasm.query(sql).reverse() : wasm.query(sql));
    await expect(computeFirstPaint('data', { check: reversedProjects })).rejects.toThrow(
      /disagree on the order of the rows of\n {2}SELECT \* FROM "projects"/,
    );
    const reversedAll = (sql: string) => (sql === allViewsSql(FIRMS) ? wasm.query(sql).reverse() : wasm.query(sql));
    await expect(computeFirstPaint('data', { check: reversedAll })).resolves.toHaveProperty('answers');
  });

  it.each([
    ['a top-level ORDER BY', PROJECTS, true],
    ['an ORDER BY only inside a subquery', 'SELECT sum(v) AS top FROM (SELECT x AS v FROM t ORDER BY v DESC LIMIT 10)', false],
    ['ORDER BY only inside a quoted name', 'SELECT "ORDER BY x" FROM t', false],
    ['no ORDER BY', 'SELECT a, count(*) FROM t GROUP BY GROUPING SETS ((a), ())', false],
  ])('reads %s as %s', (_what, sql, ordered) => {
    expect(isOrdered(sql)).toBe(ordered);
  });

  it('names what differs: a value, or only the order', () => {
    expect(() => compareAnswers('SELECT 1 ORDER BY 1', [{ a: 1 }, { a: 2 }], [{ a: 1 }, { a: 2 }])).not.toThrow();
    expect(() => compareAnswers('SELECT 1 ORDER BY 1', [{ a: 1 }, { a: 2 }], [{ a: 2 }, { a: 1 }])).toThrow(/on the order of the rows/);
    expect(() => compareAnswers('SELECT 1', [{ a: 1 }, { a: 2 }], [{ a: 2 }, { a: 1 }])).not.toThrow();
    expect(() => compareAnswers('SELECT 1', [{ a: 1 }], [{ a: 1n }])).not.toThrow();
    expect(() => compareAnswers('SELECT 1', [{ a: 1 }], [{ a: 1.5 }])).toThrow(/disagree of\n {2}SELECT 1\n {2}native: \[\{"a":1\}\]/);
    expect(() => compareAnswers('SELECT 1', [{ a: 1 }], [{ a: 1, b: 2 }])).toThrow(/disagree of/);
  });

  it('lets sums of millions of doubles differ in their last digits when asked (scale data), and no more', () => {
    const q = 1.2345678901234e15;
    expect(() => compareAnswers('SELECT 1', [{ q }], [{ q: q * (1 + 1e-14) }])).toThrow(/disagree/);
    expect(() => compareAnswers('SELECT 1', [{ q }], [{ q: q * (1 + 1e-14) }], 1e-9)).not.toThrow();
    expect(() => compareAnswers('SELECT 1', [{ q }], [{ q: q * (1 + 1e-6) }], 1e-9)).toThrow(/disagree/);
    expect(() => compareAnswers('SELECT 1', [{ k: 'a' }], [{ k: 'b' }], 1e-9)).toThrow(/disagree/);
  });
});
