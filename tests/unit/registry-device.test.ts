// Saved on this device (issue 10, part 2) and the reconciliation with the article (part 5): the
// index's pure rules, and a save / new visit / restore cycle through the real DuckDB-WASM engine
// (COPY to Parquet, key-value metadata, read back) with an in-memory device store.
import type { Table } from 'apache-arrow';
import { rmSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import facts from '../../data/facts.json';
import { reconcile } from '../../src/lib/data/checks/reconcile';
import { sourceLinesOf } from '../../src/lib/data/checks/lines';
import { adoptTable, removeTable, syncLoadedTables } from '../../src/lib/data/import/load';
import type { FirmMapping } from '../../src/lib/data/import/mapping';
import { deviceState, forgetSaved, rememberMapping, resetDevice, startDevice } from '../../src/lib/data/persist/device';
import {
  emptyIndex,
  orphanBlobs,
  parseIndex,
  readIndexText,
  savedBytes,
  withMapping,
  withoutTable,
  withTable,
  type SavedTable,
} from '../../src/lib/data/persist/saved-index';
import { memoryStore } from '../../src/lib/data/persist/store';
import { originsOf } from '../../src/lib/data/registry';
import { firmSource, setFirmSource } from '../../src/lib/data/source';
import { Engine } from '../../src/lib/engine/engine';
import type { DuckConnection } from '../../src/lib/engine/duckdb';
import type { Fact } from '../../src/lib/format/facts';
import { reconcileRowsSql, reconcileSql } from '../../src/lib/sql/reconcile';
import { openWasmDb } from '../helpers/wasm-db';

const saved = (name: string, blob: string, bytes = 100): SavedTable => ({
  name,
  file: `${name}.csv`,
  kind: 'csv',
  sheet: null,
  rows: 3,
  columns: [{ name: 'a', type: 'VARCHAR' }],
  origins: [{ kind: 'user', file: `${name}.csv` }],
  blob,
  bytes,
  savedAt: '2026-12-06T00:00:00.000Z',
  lines: [[2, 3]],
});
const MAPPING = {
  id: null,
  name: '企业名称',
  segment: null,
  area: null,
  scale_class: '规模',
  srdi_level: null,
  single_champion: null,
  output_2022: '产值',
  employees: null,
  founded: null,
} as FirmMapping;

describe('the saved index', () => {
  test('a table saved twice replaces its entry and names the blob to delete; inputs are not mutated', () => {
    const i0 = emptyIndex();
    const { index: i1, replaced: r1 } = withTable(i0, saved('a', 'b1'));
    const { index: i2, replaced: r2 } = withTable(i1, saved('a', 'b2', 300));
    expect([r1, r2]).toEqual([null, 'b1']);
    expect(i0.tables).toEqual([]);
    expect(i1.tables.map((t) => t.blob)).toEqual(['b1']);
    expect(i2.tables.map((t) => t.blob)).toEqual(['b2']);
    expect(savedBytes(withTable(i2, saved('c', 'b3', 50)).index)).toBe(350);
  });

  test('forgetting a table drops its mapping too and names its blob', () => {
    const i = withMapping(withTable(emptyIndex(), saved('a', 'b1')).index, {
      table: 'a',
      label: 'a.csv',
      mapping: MAPPING,
      outputFactor: 1e4,
      active: true,
    });
    expect(i.mapping?.table).toBe('a');
    const { index, removed } = withoutTable(i, 'a');
    expect([index.tables, index.mapping, removed]).toEqual([[], null, 'b1']);
  });

  test('a mapping of a table that is not saved is not kept', () => {
    expect(withMapping(emptyIndex(), { table: 'x', label: 'x', mapping: MAPPING, outputFactor: 1, active: true }).mapping).toBeNull();
  });

  test('blobs no entry names are orphans (a write that never reached the index)', () => {
    const i = withTable(emptyIndex(), saved('a', 'b1')).index;
    expect(orphanBlobs(i, ['b1', 'b9'])).toEqual(['b9']);
  });

  test('an index read from storage keeps what it can read and drops the rest', () => {
    const good = saved('a', 'b1');
    const json = JSON.parse(
      JSON.stringify({
        version: 1,
        tables: [good, { ...good, name: 'bad', blob: '../etc/passwd' }, { ...good, name: 'a' }, { name: 'x' }, null],
        mapping: { table: 'a', label: 'a.csv', mapping: { ...MAPPING, name: 42, bogus: 'x' }, outputFactor: -1, active: true },
      }),
    );
    const i = parseIndex(json);
    expect(i.tables).toEqual([good]);
    expect(i.mapping).toEqual({ table: 'a', label: 'a.csv', mapping: { ...MAPPING, name: null }, outputFactor: 1e4, active: true });
    expect(parseIndex({ version: 2, tables: [good] })).toEqual(emptyIndex());
    expect(parseIndex('garbage')).toEqual(emptyIndex());
    expect(parseIndex(JSON.parse(JSON.stringify(i)))).toEqual(i);
  });

  test('a damaged index file reads as empty and says why; no file is simply empty', () => {
    const good = withTable(emptyIndex(), saved('a', 'b1')).index;
    expect(readIndexText(JSON.stringify(good))).toEqual({ index: good, damaged: null });
    expect(readIndexText(null)).toEqual({ index: emptyIndex(), damaged: null });
    const bad = readIndexText('{"version":1,"tables":[{"name":"a"');
    expect(bad.index).toEqual(emptyIndex());
    expect(bad.damaged).toMatch(/JSON/);
  });
});

/** The app's Engine over the blocking DuckDB-WASM build, with its virtual file system. */
async function fileEngine(): Promise<Engine> {
  const db = await openWasmDb();
  const conn = db.conn as unknown as { query(sql: string): Table };
  const adapter: DuckConnection = {
    query: async (sql) => conn.query(sql),
    queryParams: async (sql, params) =>
      (db.conn as unknown as { prepare(s: string): { query(...p: unknown[]): Table } }).prepare(sql).query(...params),
    stream: async () => {
      throw new Error('not used');
    },
    cancel: async () => false,
    registerURL: async () => undefined,
    registerBuffer: async (name, bytes) => db.db.registerFileBuffer(name, bytes),
    // The Node runtime writes COPY output to the real file system: remove it with the registration.
    dropFile: async (name) => {
      db.db.dropFile(name);
      rmSync(name, { force: true });
    },
    copyFileToBuffer: async (name) => db.db.copyFileToBuffer(name),
    version: async () => 'node-blocking',
  };
  const engine = new Engine(async () => adapter);
  await engine.start();
  return engine;
}

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
};

describe('saving and restoring through DuckDB-WASM', () => {
  beforeEach(() => resetDevice());
  afterAll(async () => {
    const db = await openWasmDb();
    db.query(`CREATE OR REPLACE VIEW firms AS SELECT * FROM read_parquet('firms.parquet')`);
    db.query('DROP TABLE IF EXISTS firms_user');
    db.query('DROP TABLE IF EXISTS reg');
    setFirmSource({ kind: 'bundled' });
  });

  test('a table and its mapping survive a new visit: rows, column types, origins and the explorer on the registry', async () => {
    const db = await openWasmDb();
    const engine = await fileEngine();
    db.query('DROP TABLE IF EXISTS reg');
    db.query(
      `CREATE TABLE reg AS SELECT * FROM (VALUES ('甲公司', '规上', 1200.5, DATE '2015-03-02', 7::BIGINT), ('乙公司', '规下', 80.0, NULL, 9), ('丙公司', NULL, NULL, DATE '2001-01-01', NULL)) v("企业名称", "规模", "产值", "成立日期", n)`,
    );
    const types = () =>
      db
        .query<{ t: string }>(`SELECT data_type AS t FROM information_schema.columns WHERE table_name = 'reg' ORDER BY ordinal_position`)
        .map((r) => r.t);
    const before = { rows: db.query('SELECT * FROM reg ORDER BY rowid'), types: types() };

    const store = memoryStore();
    await startDevice(engine, async () => store);
    await adoptTable(engine, { name: 'reg', file: '名录.csv', kind: 'csv', sheet: null }, [{ kind: 'user', file: '名录.csv' }]);
    await until(() => deviceState().index.tables.length === 1 && deviceState().saving.length === 0, 'the save');
    const entry = deviceState().index.tables[0];
    expect(entry).toMatchObject({ name: 'reg', file: '名录.csv', rows: 3, origins: [{ kind: 'user', file: '名录.csv' }] });
    expect(entry.bytes).toBe(store.files.get(entry.blob)!.length);
    await rememberMapping('reg', '名录.csv', MAPPING, 1e4);
    expect(deviceState().index.mapping).toMatchObject({ table: 'reg', active: true });

    // A new visit: the engine has lost the table; the store has it.
    resetDevice();
    db.query('DROP TABLE reg');
    await syncLoadedTables(engine);
    await startDevice(engine, async () => store);
    expect(deviceState().restored).toEqual(['reg']);
    expect(deviceState().problems).toEqual([]);
    expect(db.query('SELECT * FROM reg ORDER BY rowid')).toEqual(before.rows);
    expect(types()).toEqual(before.types);
    expect(originsOf(['reg'])).toEqual([{ kind: 'user', file: '名录.csv' }]);
    expect(firmSource()).toEqual({ kind: 'user', table: 'reg', label: '名录.csv' });
    expect(db.query<{ n: number }>(`SELECT count(*) FILTER (WHERE scale_class = '规上')::INTEGER AS n FROM firms`)).toEqual([{ n: 1 }]);

    // Leaving the registry for the bundled data is remembered.
    setFirmSource({ kind: 'bundled' });
    await until(() => deviceState().index.mapping?.active === false, 'the mapping to be marked inactive');
  });

  test.each([
    ['the Parquet copy', 'full_blob', (key: string) => key !== 'index'],
    ['the index', 'full_index', (key: string) => key === 'index'],
  ])('a full disk while writing %s leaves nothing half written and says so', async (_, name, failPut) => {
    const db = await openWasmDb();
    const engine = await fileEngine();
    db.query(`CREATE OR REPLACE TABLE ${name} AS SELECT range AS x FROM range(100)`);
    const store = memoryStore({ failPut });
    await startDevice(engine, async () => store);
    await adoptTable(engine, { name, file: 'x.csv', kind: 'csv', sheet: null }, []);
    await until(() => deviceState().problems.length > 0, 'the problem');
    expect(deviceState().problems).toEqual([{ code: 'quota', table: name, needed: 0, free: null }]);
    expect(deviceState().index.tables).toEqual([]);
    expect([...store.files.keys()]).toEqual([]);
    expect(await store.readIndex()).toBeNull();
  });
});

describe('the device store shared by tabs, restores and re-imports (review fixes)', () => {
  beforeEach(() => resetDevice());
  afterAll(async () => {
    const db = await openWasmDb();
    for (const n of ['tab_a', 'tab_b', 'during', 'relined']) db.query(`DROP TABLE IF EXISTS ${n}`);
  });

  test('a table another tab saved meanwhile is kept when this tab saves, and its copy is no orphan', async () => {
    const db = await openWasmDb();
    const engine = await fileEngine();
    const store = memoryStore();
    await startDevice(engine, async () => store);
    // Tab B, sharing the store, saves its own table after this tab has read the index.
    await store.put('bblob', new Uint8Array([1, 2, 3]));
    await store.writeIndex(JSON.stringify(withTable(emptyIndex(), saved('tab_b', 'bblob', 3)).index));
    db.query('CREATE OR REPLACE TABLE tab_a AS SELECT 1 AS x');
    await adoptTable(engine, { name: 'tab_a', file: 'a.csv', kind: 'csv', sheet: null }, []);
    await until(() => deviceState().index.tables.length === 2 && deviceState().saving.length === 0, 'the save');
    const stored = parseIndex(JSON.parse((await store.readIndex())!));
    expect(stored.tables.map((t) => t.name)).toEqual(['tab_b', 'tab_a']);
    // The next start keeps tab B's copy: the index names it.
    await removeTable(engine, 'tab_a');
    await until(() => deviceState().index.tables.length === 1, 'the forget');
    resetDevice();
    await startDevice(engine, async () => store);
    expect(store.files.has('bblob')).toBe(true);
  });

  test('a table imported while the saved ones are read back is saved too', async () => {
    const db = await openWasmDb();
    const engine = await fileEngine();
    const store = memoryStore();
    db.query('CREATE OR REPLACE TABLE during AS SELECT range AS x FROM range(5)');
    await startDevice(engine, async () => {
      // The import finishes while the store is being opened.
      await adoptTable(engine, { name: 'during', file: 'd.csv', kind: 'csv', sheet: null }, [], [[2, 5]]);
      return store;
    });
    await until(() => deviceState().index.tables.length === 1 && deviceState().saving.length === 0, 'the save');
    expect(deviceState().index.tables[0]).toMatchObject({ name: 'during', rows: 5, lines: [[2, 5]] });
  });

  test('a damaged index is reported, its blobs are not deleted as orphans, and a failed start is retried', async () => {
    const engine = await fileEngine();
    const store = memoryStore();
    await store.put('kept', new Uint8Array([1]));
    await store.writeIndex('{"version":1,"tables":[');
    await expect(startDevice(engine, async () => Promise.reject(new Error('opening failed')))).rejects.toThrow('opening failed');
    await startDevice(engine, async () => store);
    expect(deviceState().problems).toEqual([{ code: 'index', detail: expect.stringMatching(/JSON/) }]);
    expect(deviceState().index).toEqual(emptyIndex());
    expect(store.files.has('kept')).toBe(true);
  });

  test("a table another tab forgot leaves this tab's list when this tab next looks at the index", async () => {
    const db = await openWasmDb();
    const engine = await fileEngine();
    const store = memoryStore();
    await startDevice(engine, async () => store);
    db.query('CREATE OR REPLACE TABLE tab_a AS SELECT 1 AS x');
    await adoptTable(engine, { name: 'tab_a', file: 'a.csv', kind: 'csv', sheet: null }, []);
    await until(() => deviceState().index.tables.length === 1 && deviceState().saving.length === 0, 'the save');
    // Tab B forgets it; this tab's Forget then finds nothing to do, and its list says so.
    await store.writeIndex(JSON.stringify(emptyIndex()));
    await forgetSaved('tab_a');
    expect(deviceState().index.tables).toEqual([]);
    await removeTable(engine, 'tab_a');
  });

  test("a table imported during the restore under a saved table's name is the user's: the restore of that name gives way, it does not drop it", async () => {
    const db = await openWasmDb();
    const engine = await fileEngine();
    const store = memoryStore();
    await startDevice(engine, async () => store);
    for (const n of ['first', 'clash']) {
      db.query(`CREATE OR REPLACE TABLE ${n} AS SELECT range AS x FROM range(5)`);
      await adoptTable(engine, { name: n, file: `${n}.csv`, kind: 'csv', sheet: null }, []);
    }
    await until(() => deviceState().index.tables.length === 2 && deviceState().saving.length === 0, 'the saves');
    const firstBlob = deviceState().index.tables.find((t) => t.name === 'first')!.blob;

    // A new visit; while "first" is read back, the user imports a new "clash" of 2 rows.
    resetDevice();
    for (const n of ['first', 'clash']) await removeTable(engine, n);
    const get = store.get;
    store.get = async (key) => {
      if (key === firstBlob) {
        db.query('CREATE OR REPLACE TABLE clash AS SELECT range AS x FROM range(2)');
        await adoptTable(engine, { name: 'clash', file: 'new.csv', kind: 'csv', sheet: null }, []);
      }
      return get(key);
    };
    await startDevice(engine, async () => store);
    expect(deviceState().restored).toEqual(['first']);
    expect(db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM clash')).toEqual([{ n: 2 }]);
    // The user's table replaces the old saved copy (its save clears the failed restore's problem).
    await until(
      () => deviceState().saving.length === 0 && deviceState().index.tables.some((t) => t.name === 'clash' && t.rows === 2),
      'the save',
    );
    for (const n of ['first', 'clash']) await removeTable(engine, n);
  });

  test('a removed table takes its source lines with it: a new table of that name does not inherit them', async () => {
    const db = await openWasmDb();
    const engine = await fileEngine();
    db.query('CREATE OR REPLACE TABLE relined AS SELECT 1 AS x');
    await adoptTable(engine, { name: 'relined', file: 'one.csv', kind: 'csv', sheet: null }, [], [[7, 1]]);
    expect(sourceLinesOf('relined')).toEqual([[7, 1]]);
    await removeTable(engine, 'relined');
    expect(sourceLinesOf('relined')).toBeNull();
    db.query('CREATE OR REPLACE TABLE relined AS SELECT 1 AS x');
    await adoptTable(engine, { name: 'relined', file: 'two.parquet', kind: 'parquet', sheet: null }, []);
    expect(sourceLinesOf('relined')).toBeNull();
    await removeTable(engine, 'relined');
  });
});

describe('reconciliation with the article', () => {
  test('the bundled modelled registry reproduces every published figure', async () => {
    const db = await openWasmDb();
    const [agg] = db.query(reconcileSql());
    const lines = reconcile(facts as Fact[], agg);
    expect(lines.map((l) => [l.id, l.published, l.user, l.difference, l.status])).toEqual([
      ['ei_firms', 1681, 1681, 0, 'match'],
      ['ei_above_scale', 145, 145, 0, 'match'],
      ['ei_prov_srdi', 36, 36, 0, 'match'],
      ['ei_little_giant', 1, 1, 0, 'match'],
      ['ei_single_champion', 1, 1, 0, 'match'],
      ['ei_output_2022', 270e8, 270e8, 0, 'match'],
    ]);
    expect(db.query(reconcileRowsSql('ei_above_scale'))).toHaveLength(145);
  });

  test.each([
    [
      { ei_firms: 1700, ei_output_2022: 2_800_000 },
      { ei_firms: [19, 'differs'], ei_output_2022: [1e9, 'consistent'] },
    ],
    [
      { ei_firms: 1681, ei_output_2022: 2_600_000 },
      { ei_firms: [0, 'match'], ei_output_2022: [-1e9, 'differs'] },
    ],
  ])('differences are the registry minus the article; “over 270 亿元” holds for any larger total (%o)', (agg, expected) => {
    const lines = reconcile(facts as Fact[], { ei_above_scale: 145, ei_prov_srdi: 36, ei_little_giant: 1, ei_single_champion: 1, ...agg });
    for (const [id, [difference, status]] of Object.entries(expected)) {
      expect(lines.find((l) => l.id === id)).toMatchObject({ difference, status });
    }
  });
});
