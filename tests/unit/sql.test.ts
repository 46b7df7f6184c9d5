import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral, selectAll, FIRM_DIMS, whereExcept, type Selections } from '../../src/lib/sql';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';

let db: WasmDb;
beforeAll(async () => {
  db = await openWasmDb();
});
afterAll(() => db?.close());

describe('quoting keeps names and values intact through the real engine', () => {
  const values = ["O'Brien", '江海区', '"; DROP TABLE firms; --', "'); SELECT 1; --", '<img src=x onerror=alert(1)>', '', 'a\nb', '\\'];
  it.each(values)('the literal %j comes back unchanged', (v) => {
    const [row] = db.query<{ v: string }>(`SELECT ${quoteLiteral(v)} AS v`);
    expect(row.v).toBe(v);
  });

  const names = ['output', '企业名称', 'a "quoted" name', 'select', 'x; DROP TABLE firms', '2022年产值'];
  it.each(names)('the identifier %j names one column', (name) => {
    const [row] = db.query<Record<string, number>>(`SELECT 42 AS ${quoteIdent(name)}`);
    expect(Object.keys(row)).toEqual([name]);
    expect(row[name]).toBe(42);
  });

  it('refuses NUL characters and non-finite numbers instead of producing broken SQL', () => {
    expect(() => quoteIdent('a\u0000b')).toThrow();
    expect(() => quoteLiteral('a\u0000b')).toThrow();
    expect(() => quoteLiteral(NaN)).toThrow();
    expect(() => quoteLiteral(Infinity)).toThrow();
  });

  it('writes booleans and NULL as SQL keywords', () => {
    const [row] = db.query(`SELECT ${quoteLiteral(true)} AS t, ${quoteLiteral(false)} AS f, ${quoteLiteral(null)} AS n`);
    expect(row).toEqual({ t: true, f: false, n: null });
  });
});

describe('selections become WHERE clauses the engine accepts', () => {
  const sels = (over: Selections): Selections => over;
  it('has no WHERE clause without selections, and ignores empty ones', () => {
    expect(whereExcept(FIRM_DIMS, {})).toBe('');
    expect(whereExcept(FIRM_DIMS, sels({ segment: { kind: 'points', values: [] }, output: { kind: 'interval', lo: 5, hi: 5 } }))).toBe('');
  });
  it('counts the above-size firms from a size selection and an output range', () => {
    const where = whereExcept(
      FIRM_DIMS,
      sels({
        breakdown: { kind: 'points', values: ['规上|无', '规上|省级专精特新', '规上|国家级小巨人'] },
        output: { kind: 'interval', lo: 330, hi: 900 },
      }),
    );
    const [row] = db.query<{ n: number }>(`SELECT count(*) AS n FROM firms ${where}`);
    expect(row.n).toBe(145);
  });
  it('keeps hostile category values as plain text', () => {
    const where = whereExcept(FIRM_DIMS, sels({ segment: { kind: 'points', values: ["x') OR 1=1 --", '"; DROP VIEW firms; --'] } }));
    const [row] = db.query<{ n: number }>(`SELECT count(*) AS n FROM firms ${where}`);
    expect(row.n).toBe(0);
    expect(db.query<{ n: number }>('SELECT count(*) AS n FROM firms')[0].n).toBe(1681);
  });
  it('leaves out the views named as exceptions and does not mutate the selections', () => {
    const s = sels({ segment: { kind: 'points', values: ['汽车电子'] } });
    const copy = structuredClone(s);
    expect(whereExcept(FIRM_DIMS, s, 'segment')).toBe('');
    expect(s).toEqual(copy);
  });
});

describe('small-table queries', () => {
  it('orders all projects by completed investment', () => {
    const rows = db.query<{ completed_wan: number }>(selectAll('projects', 'completed_wan', true));
    expect(rows).toHaveLength(20);
    expect(rows[0].completed_wan).toBeGreaterThanOrEqual(rows[19].completed_wan);
  });
});
