// Every query the linked views and the catalog send, run through DuckDB-WASM 1.28.0 over the built
// data and checked against plain SQL written another way.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allCubesSql,
  allViewsSql,
  DESCRIBE_SQL,
  FIRMS,
  firmPageSql,
  groupingOf,
  keyExpr,
  lorenzSql,
  SCHEMA_SQL,
  summarySql,
  TABLE_NAMES_SQL,
  top10Sql,
  viewSql,
  whereExcept,
  type Selections,
} from '../../src/lib/sql';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';
import {
  copyToParquetSql,
  distinctProbeSql,
  distinctValuesSql,
  dropTableSql,
  engineSettingsSql,
  loadSlices,
  loadSliceSql,
  MEMORY_LIMIT_SQL,
  parquetViewSql,
  tableViewSql,
} from '../../src/lib/sql';
import { memoryLimitMB } from '../../src/lib/engine/memory';

let db: WasmDb;
beforeAll(async () => {
  db = await openWasmDb();
});

const SELS: Selections[] = [
  {},
  { segment: { kind: 'points', values: ['汽车电子', '智能家电'] } },
  { area: { kind: 'points', values: ['外海街道'] }, output: { kind: 'interval', lo: 300, hi: 420 } },
  { breakdown: { kind: 'points', values: ['规上|无'] }, founded: { kind: 'interval', lo: 2000, hi: 2011 } },
];
const asMap = (rows: { k: unknown; n: unknown }[]) => Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));

describe('a linked view counts the rows every other view selects', () => {
  it.each(SELS.flatMap((s) => FIRMS.dims.map((d) => [d.id, JSON.stringify(s), s] as const)))('%s under %s', (dimId, _label, sels) => {
    const d = FIRMS.dims.find((x) => x.id === dimId)!;
    const got = db.query<{ k: unknown; n: number }>(viewSql(FIRMS, dimId, sels));
    const others = FIRMS.dims.filter((x) => x.id !== dimId);
    const where = whereExcept(others, sels);
    const notNull = d.kind === 'interval' ? `${where ? `${where} AND` : 'WHERE'} ${d.bin} IS NOT NULL` : where;
    const want = db.query<{ k: unknown; n: number }>(`SELECT ${keyExpr(d)} AS k, count(*) AS n FROM firms ${notNull} GROUP BY 1`);
    expect(asMap(got)).toEqual(asMap(want));
    // Largest first, so the first row is the view's top category.
    expect(got.map((r) => r.n)).toEqual([...got.map((r) => r.n)].sort((a, b) => b - a));
  });
});

describe('the first render reads every view from one scan', () => {
  it('gives each view the same counts as its own query, and the table totals', () => {
    const rows = db.query<Record<string, unknown>>(allViewsSql(FIRMS));
    FIRMS.dims.forEach((d, i) => {
      const g = groupingOf(FIRMS, i);
      const mine = rows.filter((r) => r.g === g && r[`k${i}`] !== null).map((r) => ({ k: r[`k${i}`], n: r.n }));
      expect(asMap(mine)).toEqual(asMap(db.query(viewSql(FIRMS, d.id, {}))));
    });
    const total = rows.find((r) => r.g === (1 << FIRMS.dims.length) - 1)!;
    expect(total.n).toBe(1681);
    expect(total.s).toBe(2_700_000);
  });
});

describe('the selection totals', () => {
  it.each(SELS.map((s) => [JSON.stringify(s), s] as const))('count, sum and sum of squares under %s', (_l, sels) => {
    const [got] = db.query<{ n: number; s: number; q: number }>(summarySql(FIRMS, sels));
    const [want] = db.query<{ n: number; s: number; q: number }>(
      `SELECT count(*) AS n, coalesce(sum(output_2022), 0)::DOUBLE AS s, coalesce(sum(output_2022::DOUBLE * output_2022), 0) AS q FROM firms ${whereExcept(FIRMS.dims, sels)}`,
    );
    expect(got.n).toBe(want.n);
    expect(got.s ?? 0).toBeCloseTo(want.s, 6);
    expect(got.q ?? 0).toBeCloseTo(want.q, 0);
  });
});

describe('the one scan behind every data cube', () => {
  it.each(SELS.map((s) => [JSON.stringify(s), s] as const))(
    'splits each view and the totals by each brushed bin, exactly, under %s',
    (_l, sels) => {
      const { sql, parts } = allCubesSql(FIRMS, sels);
      const rows = db.query<Record<string, unknown>>(sql);
      for (const p of parts) {
        const mine = rows.filter((r) => r.g === p.g);
        const where = whereExcept(FIRMS.dims, sels, ...(p.key ? [p.target, p.brushed] : [p.brushed]));
        const bin = (FIRMS.dims.find((d) => d.id === p.brushed) as { bin: string }).bin;
        if (p.key) {
          const key = keyExpr(FIRMS.dims.find((d) => d.id === p.target)!);
          const want = db.query<{ k: unknown; b: unknown; n: number }>(
            `SELECT ${key} AS k, ${bin} AS b, count(*) AS n FROM firms ${where} GROUP BY ALL`,
          );
          const got = mine
            .filter((r) => Number(r[p.measures[0]]) > 0)
            .map((r) => `${r[p.key!]}|${r[p.bin]}|${r[p.measures[0]]}`)
            .sort();
          expect(got).toEqual(want.map((r) => `${r.k}|${r.b}|${r.n}`).sort());
        } else {
          const [want] = db.query<{ n: number; s: number }>(
            `SELECT count(*) AS n, coalesce(sum(output_2022), 0)::DOUBLE AS s FROM firms ${where}`,
          );
          expect(mine.reduce((a, r) => a + Number(r[p.measures[0]]), 0)).toBe(want.n);
          expect(mine.reduce((a, r) => a + Number(r[p.measures[1]] ?? 0), 0)).toBeCloseTo(want.s, 6);
        }
      }
    },
  );
  it('refuses a view that does not exist, naming it', () => {
    expect(() => viewSql(FIRMS, 'nope', {})).toThrow(/nope/);
  });
});

describe('concentration and the firm list follow the whole selection', () => {
  const where = whereExcept(FIRMS.dims, SELS[2]);
  it('Lorenz groups cover every selected firm with output, in ascending order', () => {
    const rows = db.query<{ b: number; n: number; s: number }>(lorenzSql(where));
    expect(rows.map((r) => r.b)).toEqual([...rows.map((r) => r.b)].sort((a, b) => a - b));
    const [want] = db.query<{ n: number }>(`SELECT count(*) AS n FROM firms ${where ? `${where} AND` : 'WHERE'} output_2022 > 0`);
    expect(rows.reduce((a, r) => a + r.n, 0)).toBe(want.n);
  });
  it('the top ten is the sum of the ten largest outputs', () => {
    const [got] = db.query<{ top: number }>(top10Sql(''));
    const top = db.query<{ v: number }>('SELECT output_2022 AS v FROM firms ORDER BY v DESC LIMIT 10').reduce((a, r) => a + r.v, 0);
    expect(got.top).toBe(top);
  });
  it('pages never overlap and cover every selected firm once', () => {
    const ids = new Set<string>();
    const [n] = db.query<{ n: number }>(`SELECT count(*) AS n FROM firms ${where}`);
    for (let p = 0; p * 25 < n.n; p++) {
      for (const r of db.query<{ id: string }>(firmPageSql(where, { column: 'segment', desc: false }, p, 25))) {
        expect(ids.has(r.id)).toBe(false);
        ids.add(r.id);
      }
    }
    expect(ids.size).toBe(n.n);
  });
});

describe('catalog questions', () => {
  it('list every bundled table and its columns', () => {
    const names = db.query<{ table_name: string }>(TABLE_NAMES_SQL).map((r) => r.table_name);
    expect(names).toEqual(expect.arrayContaining(['firms', 'projects', 'schools', 'facts', 'enping_investments']));
    const cols = db.query<{ table_name: string; column_name: string }>(SCHEMA_SQL).filter((r) => r.table_name === 'firms');
    expect(cols.map((c) => c.column_name)).toContain('output_2022');
  });
  it('describe one table from a bound name', () => {
    const stmt = db.conn.prepare(DESCRIBE_SQL);
    const t = stmt.query('schools');
    stmt.close();
    expect(t.numRows).toBeGreaterThan(5);
  });
});

describe('loadSlices (a large table loaded into memory slice by slice)', () => {
  const t = (bounds: number[]) => ({ load: { column: 'output_2022', bounds }, columns: [{ name: 'output_2022' }] });
  it.each([[[0, 100, 1000, 1e9]], [[-1, 5000, 1e12]], [[0, 50, 100, 500, 1000, 5000, 1e4, 1e12]]])(
    'bounds %j: every firm, nulls included, falls in exactly one slice',
    (bounds) => {
      const slices = loadSlices(t(bounds));
      expect(slices).toHaveLength(bounds.length - 1);
      const per = slices.map(
        (w) =>
          db.query<{ n: number }>(
            `SELECT count(*)::INTEGER AS n FROM (SELECT NULL::DOUBLE AS output_2022 UNION ALL SELECT output_2022 FROM firms)${w}`,
          )[0].n,
      );
      const [{ n }] = db.query<{ n: number }>('SELECT count(*)::INTEGER + 1 AS n FROM firms');
      expect(per.reduce((a, b) => a + b, 0)).toBe(n);
    },
  );
  it('no usable bounds: one statement', () => expect(loadSlices(t([1, 2]))).toEqual(['']));
});

describe('registering a dataset (lib/data/catalog.ts) through its SQL', () => {
  it('makes a table a view over its Parquet file, and a view over another table', () => {
    db.query(parquetViewSql('t_firms_view', 'firms.parquet'));
    db.query(tableViewSql('t_firms_alias', 't_firms_view'));
    expect(db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t_firms_alias')).toEqual([{ n: 1681 }]);
  });

  it('tells categories from free text by a probe, then lists every value of the categories', () => {
    const [probe] = db.query<{ c0: number; c1: number }>(distinctProbeSql('firms.parquet', ['segment', 'name'], 500));
    expect(probe.c0).toBeLessThan(20);
    expect(probe.c1).toBe(500);
    const [lists] = db.query<{ l0: string[] }>(distinctValuesSql('firms.parquet', ['segment']));
    const plain = db.query<{ s: string }>('SELECT DISTINCT segment AS s FROM firms ORDER BY s').map((r) => r.s);
    expect([...lists.l0]).toEqual(plain);
  });

  it('loads a large table into memory in slices: every row once, categories as ENUMs, the row number as id, free text left out', () => {
    const [lists] = db.query<{ l0: string[] }>(distinctValuesSql('firms.parquet', ['segment']));
    const columns = [{ name: 'id' }, { name: 'segment', values: [...lists.l0] }, { name: 'output_2022' }];
    const slices = loadSlices({ columns, load: { column: 'output_2022', bounds: [0, 500, 5000, 1e12] } });
    slices.forEach((w, i) => db.query(loadSliceSql('t_mem', 'firms.parquet', columns, w, i === 0)));
    expect(db.query<{ n: number; ids: number }>('SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS ids FROM t_mem')).toEqual([
      { n: 1681, ids: 1681 },
    ]);
    const types = db.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't_mem' ORDER BY ordinal_position",
    );
    expect(types.map((t) => t.column_name)).toEqual(['id', 'segment', 'output_2022']);
    expect(types[0].data_type).toBe('INTEGER');
    expect(types[1].data_type).toMatch(/^ENUM/);
    const [sum] = db.query<{ a: number; b: number }>(
      'SELECT (SELECT sum(output_2022) FROM t_mem) AS a, (SELECT sum(output_2022) FROM firms) AS b',
    );
    expect(sum.a).toBeCloseTo(sum.b, 6);
  });

  it('copies a table to Parquet and drops it, whatever its name', () => {
    db.query('CREATE OR REPLACE TABLE "ex""port 表" AS SELECT 1 AS x');
    // The blocking build writes to the real file system: a temp path, not the repository.
    const file = join(tmpdir(), `jianghai-copy-${process.pid}.parquet`);
    try {
      db.query(copyToParquetSql('ex"port 表', file));
      expect(db.db.copyFileToBuffer(file).length).toBeGreaterThan(12);
      db.db.dropFile(file);
    } finally {
      rmSync(file, { force: true });
    }
    db.query(dropTableSql('ex"port 表'));
    db.query(dropTableSql('ex"port 表'));
    expect(db.query("SELECT * FROM information_schema.tables WHERE table_name = 'ex\"port 表'")).toEqual([]);
  });
});

describe('the engine settings (lib/engine/duckdb.ts)', () => {
  it('turn extension downloads off and bound memory as asked, which the console then reads', () => {
    for (const sql of engineSettingsSql(memoryLimitMB(4))) db.query(sql);
    const [s] = db.query<{ a: boolean; i: boolean }>(
      "SELECT current_setting('autoload_known_extensions') AS a, current_setting('autoinstall_known_extensions') AS i",
    );
    expect(s).toEqual({ a: false, i: false });
    const [m] = db.query<{ m: string }>(MEMORY_LIMIT_SQL);
    expect(m.m).toMatch(new RegExp(`^${(memoryLimitMB(4) / 1000).toFixed(1)}GB$|^${memoryLimitMB(4)}\\.0MB$`));
  });
});
