import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countBy, countBy2, logHistogram, quoteIdent, quoteLiteral, selectAll, whereClause, type Filter } from '../../src/lib/sql';
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

describe('filters become WHERE clauses the engine accepts', () => {
  it('has no WHERE clause without filters', () => {
    expect(whereClause([])).toBe('');
  });
  it('matches nothing for an empty selection', () => {
    const [row] = db.query<{ n: number }>(`SELECT count(*) AS n FROM firms ${whereClause([{ kind: 'in', column: 'segment', values: [] }])}`);
    expect(row.n).toBe(0);
  });
  it('counts firms in one segment and a log range of output', () => {
    const filters: Filter[] = [
      { kind: 'in', column: 'scale_class', values: ['规上'] },
      { kind: 'range', column: 'output_2022', min: Math.log10(2000), max: 9, log: true },
    ];
    const [row] = db.query<{ n: number }>(`SELECT count(*) AS n FROM firms ${whereClause(filters)}`);
    expect(row.n).toBe(145);
  });
  it('does not mutate the filters it is given', () => {
    const filters: Filter[] = [{ kind: 'in', column: 'segment', values: ['汽车电子'] }];
    const copy = structuredClone(filters);
    whereClause(filters);
    expect(filters).toEqual(copy);
  });
});

describe('dashboard queries', () => {
  it('counts firms by segment, largest first, adding up to 1,681', () => {
    const rows = db.query<{ key: string; n: number }>(countBy('firms', 'segment'));
    expect(rows).toHaveLength(5);
    expect(rows.reduce((a, r) => a + r.n, 0)).toBe(1681);
    expect([...rows].sort((a, b) => b.n - a.n)).toEqual(rows);
  });
  it('crosses size class and SRDI level', () => {
    const rows = db.query<{ key: string; series: string; n: number }>(countBy2('firms', 'scale_class', 'srdi_level'));
    const sum = (f: (r: { key: string; series: string }) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
    expect(sum((r) => r.key === '规上')).toBe(145);
    expect(sum((r) => r.series === '省级专精特新')).toBe(36);
    expect(sum((r) => r.series === '国家级小巨人')).toBe(1);
  });
  it('bins output in quarter decades covering every firm', () => {
    const rows = db.query<{ x0: number; n: number }>(logHistogram('firms', 'output_2022', 0.25));
    expect(rows.reduce((a, r) => a + r.n, 0)).toBe(1681);
    for (const r of rows) expect((r.x0 / 0.25) % 1).toBeCloseTo(0);
  });
  it('rejects a non-positive bin width', () => {
    expect(() => logHistogram('firms', 'output_2022', 0)).toThrow();
  });
  it('orders all projects by completed investment', () => {
    const rows = db.query<{ completed_wan: number }>(selectAll('projects', 'completed_wan', true));
    expect(rows).toHaveLength(20);
    expect(rows[0].completed_wan).toBeGreaterThanOrEqual(rows[19].completed_wan);
  });
});
