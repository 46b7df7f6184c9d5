import { beforeAll, describe, expect, it } from 'vitest';
import { buildCube, cubeTotals } from '../../src/lib/state/cube';
import { Crossfilter, type Summary, type ViewResult } from '../../src/lib/state/crossfilter';
import { FIRM_DIMS, FIRMS, whereExcept, type Selections } from '../../src/lib/sql';
import { togglePoint, withSelection } from '../../src/lib/state/selection';
import type { Engine } from '../../src/lib/engine/engine';
import { nodeEngine } from '../helpers/node-engine';
import { openWasmDb } from '../helpers/wasm-db';

describe('data cube', () => {
  const cube = buildCube([
    { k: 'a', b: 1, m: [2] },
    { k: 'a', b: 3, m: [5] },
    { k: 'b', b: 2, m: [7] },
    { k: 'b', b: null, m: [4] },
  ]);
  it.each([
    [{ lo: 1, hi: 2 }, [2, 0]],
    [{ lo: 1, hi: 4 }, [7, 7]],
    [{ lo: 2, hi: 3 }, [0, 7]],
    [{ lo: -100, hi: 100 }, [7, 7]],
    [{ lo: 10, hi: 20 }, [0, 0]],
    [{ lo: 3, hi: 3 }, [0, 0]],
  ])('sums the brush %o per key', (range, expected) => {
    expect([...cubeTotals(cube, range)]).toEqual(expected);
  });
  it('counts rows with a missing brushed value only when nothing is brushed', () => {
    expect([...cubeTotals(cube, null)]).toEqual([7, 11]);
  });
  it('handles an empty cube', () => {
    const empty = buildCube([]);
    expect([...cubeTotals(empty, { lo: 0, hi: 5 })]).toEqual([]);
  });
});

describe('click selection', () => {
  it.each([
    ['selects one value', undefined, 'a', false, ['a']],
    ['replaces the selection on a plain click', ['a'], 'b', false, ['b']],
    ['clears on a second click', ['a'], 'a', false, []],
    ['adds with Shift', ['a'], 'b', true, ['a', 'b']],
    ['removes with Shift', ['a', 'b'], 'a', true, ['b']],
  ] as const)('%s', (_n, before, value, additive, after) => {
    const sel = before ? { kind: 'points' as const, values: [...before] } : undefined;
    const next = togglePoint(sel, value, additive);
    expect(next?.kind === 'points' ? next.values : []).toEqual(after);
    if (sel) expect(sel.values).toEqual(before);
  });
});

describe("setting one view's selection", () => {
  it("adds, replaces and removes a view's selection without changing the others or the input", () => {
    const before: Selections = { area: { kind: 'points', values: ['外海街道'] } };
    const copy = structuredClone(before);
    const seg = { kind: 'points' as const, values: ['汽车电子'] };
    expect(withSelection(before, 'segment', seg)).toEqual({ ...before, segment: seg });
    expect(withSelection(before, 'area', undefined)).toEqual({});
    expect(before).toEqual(copy);
  });
});

describe('Crossfilter against DuckDB-WASM', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await nodeEngine();
  });

  const collect = (cf: Crossfilter) => {
    const latest: Record<string, ViewResult> = {};
    for (const d of FIRM_DIMS) cf.subscribe(d.id, (r) => (latest[d.id] = r));
    let summary: Summary | null = null;
    cf.onSummary((s) => (summary = s));
    return { latest, summary: () => summary! };
  };
  const asMap = (r: ViewResult) => Object.fromEntries(r.rows.map((x) => [x.key, x.n]));

  it('filters each view by the other views, never by its own selection', async () => {
    const cf = new Crossfilter(engine, FIRMS);
    const { latest, summary } = collect(cf);
    cf.refresh();
    await cf.idle();
    const total = latest.segment.rows.reduce((a, r) => a + r.n, 0);
    expect(total).toBe(1681);
    cf.update({ segment: { kind: 'points', values: ['汽车电子'] } });
    await cf.idle();
    expect(latest.segment.rows.reduce((a, r) => a + r.n, 0)).toBe(1681);
    const area = latest.area.rows.reduce((a, r) => a + r.n, 0);
    expect(area).toBeLessThan(1681);
    expect(summary().count).toBe(area);
  });

  it('answers brushes from the cube exactly as SQL does', async () => {
    const db = await openWasmDb();
    const base: Selections = { area: { kind: 'points', values: ['外海街道'] } };
    const cf = new Crossfilter(engine, FIRMS);
    const { latest, summary } = collect(cf);
    cf.refresh(base);
    await cf.idle();
    await cf.activate('output');
    expect(cf.hasCube('output')).toBe(true);
    for (const [lo, hi] of [
      [300, 400],
      [250, 331],
      [0, 900],
      [420, 421],
      [350, 350],
    ]) {
      const sels: Selections = { ...base, output: { kind: 'interval', lo, hi } };
      cf.update(sels);
      expect(latest.segment.fromCube).toBe(true);
      for (const id of ['segment', 'founded', 'breakdown']) {
        const d = FIRM_DIMS.find((x) => x.id === id)!;
        const key = d.kind === 'points' ? d.key : `CAST(floor(${d.bin} / ${d.perDisplay}) AS INTEGER)`;
        const where = whereExcept(FIRM_DIMS, sels, id);
        const rows = db.query<{ k: string | number; n: number }>(
          `SELECT ${key} AS k, count(*)::INTEGER AS n FROM firms ${where} GROUP BY k`,
        );
        expect(asMap(latest[id])).toEqual(Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.k, r.n])));
      }
      const [s] = db.query<{ n: number; s: number }>(
        `SELECT count(*)::INTEGER AS n, coalesce(sum(output_2022), 0)::DOUBLE AS s FROM firms ${whereExcept(FIRM_DIMS, sels)}`,
      );
      expect(summary().count).toBe(s.n);
      expect(summary().output).toBeCloseTo(s.s, 6);
    }
  });

  it("has every brushable view's cube once the data is in, and builds them again after another view changes", async () => {
    const cf = new Crossfilter(engine, FIRMS);
    const { latest } = collect(cf);
    cf.refresh();
    await cf.idle();
    expect([cf.hasCube('output'), cf.hasCube('founded')]).toEqual([true, true]);
    cf.update({ segment: { kind: 'points', values: ['智能家电'] } });
    // Stale at once, so a brush now is answered by queries, not by the old cube.
    expect([cf.hasCube('output'), cf.hasCube('founded')]).toEqual([false, false]);
    await cf.idle();
    expect([cf.hasCube('output'), cf.hasCube('founded')]).toEqual([true, true]);
    cf.update({ segment: { kind: 'points', values: ['智能家电'] }, founded: { kind: 'interval', lo: 2000, hi: 2010 } }, undefined, {
      derived: false,
    });
    expect(latest.segment.fromCube).toBe(true);
    await cf.idle();
  });

  it('re-emits unchanged views with the new state number so every input renders', async () => {
    const cf = new Crossfilter(engine, FIRMS);
    const { latest } = collect(cf);
    cf.refresh();
    await cf.idle();
    await cf.activate('output');
    const seq = cf.update({ output: { kind: 'interval', lo: 300, hi: 400 } });
    for (const d of FIRM_DIMS) expect(latest[d.id].seq).toBe(seq);
  });

  it('never builds a cube when pre-aggregation is off', async () => {
    const cf = new Crossfilter(engine, FIRMS, false);
    collect(cf);
    cf.refresh();
    await cf.activate('output');
    expect(cf.hasCube('output')).toBe(false);
    await cf.idle();
  });
});

describe('first render with nothing selected', () => {
  it('answers every view from one grouping-sets scan exactly as per-view queries do', async () => {
    const engine = await nodeEngine();
    const one = new Crossfilter(engine, FIRMS);
    const a: Record<string, ViewResult> = {};
    for (const d of FIRM_DIMS) one.subscribe(d.id, (r) => (a[d.id] = r));
    one.refresh();
    await one.idle();
    const per = new Crossfilter(engine, FIRMS);
    const b: Record<string, ViewResult> = {};
    for (const d of FIRM_DIMS) per.subscribe(d.id, (r) => (b[d.id] = r));
    per.refresh({});
    // Force the per-view path: select something, then clear it.
    per.update({ segment: { kind: 'points', values: ['汽车电子'] } });
    per.update({});
    await per.idle();
    for (const d of FIRM_DIMS) {
      const m = (r: ViewResult) => Object.fromEntries(r.rows.map((x) => [x.key, x.n]));
      expect(m(a[d.id])).toEqual(m(b[d.id]));
    }
  });
});

describe('reads that fail on the way', async () => {
  const { isTransient, retrying } = await import('../../src/lib/engine/engine');
  it.each([
    ["Range request for http://x/firms.parquet failed with error: NetworkError: Failed to execute 'send'", true],
    ['net::ERR_CONNECTION_RESET', true],
    ['HTTP 503 Service Unavailable', true],
    ['Catalog Error: Table with name firms does not exist!', false],
    ["Opening file 'firms.parquet' failed with error: Failed to open file", false],
    ['Binder Error: Referenced column "x" not found', false],
  ])('%s is transient: %s', (message, want) => {
    expect(isTransient(new Error(message))).toBe(want);
  });
  it('are tried again after each delay, and a lasting or non-transient failure is thrown', async () => {
    let calls = 0;
    await expect(retrying(async () => (++calls < 3 ? Promise.reject(new Error('NetworkError')) : 'ok'), [0, 0, 0])).resolves.toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retrying(async () => (calls++, Promise.reject(new Error('NetworkError'))), [0, 0])).rejects.toThrow('NetworkError');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retrying(async () => (calls++, Promise.reject(new Error('Binder Error'))), [0, 0])).rejects.toThrow('Binder');
    expect(calls).toBe(1);
  });
});
