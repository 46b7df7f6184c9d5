// The built data, read through the engine the app ships (DuckDB-WASM 1.28.0): published figures
// are carried over exactly, modelled rows honour every published aggregate, and a rebuild is
// byte-identical to the committed files.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../scripts/lib/csv.mjs';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, 'data');

interface ManifestColumn { name: string; type: string }
interface ManifestTable {
  name: string; file: string; rows: number; bytes: number; sha256: string;
  provenance: 'published' | 'modelled'; columns: ManifestColumn[];
}
const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as {
  version: number; dataVersion: string; tables: ManifestTable[];
};
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

let db: WasmDb;
beforeAll(async () => { db = await openWasmDb(); });
afterAll(() => db.close());

/** The single value of a one-row, one-column query. */
const scalar = (sql: string): unknown => Object.values(db.query(sql)[0])[0];

const SEGMENTS = ['电子关键元器件', '印刷电路板', '智能家电', '汽车电子', 'LED照明器件'];
// Every company the article names; modelled rows must never carry (or contain) these names.
const REAL_COMPANIES = [
  '崇达', '建滔', '荣信', '奔力达', '宝士', '三菱', '金羚', '贝尔斯顿', '摩尔', '联升', '富丽', '利和兴',
  '优美科', '坚朗泰', '德昌', '南大', '金隆', '鸿裕达', '科一',
];

describe('the modelled firms table', () => {
  it.each([
    ['has one row per published firm (1,681)', 'SELECT count(*) FROM firms', 1681],
    ['has exactly 145 above-scale firms', "SELECT count(*) FROM firms WHERE scale_class = '规上'", 145],
    ['has exactly 36 provincial SRDI firms', "SELECT count(*) FROM firms WHERE srdi_level = '省级专精特新'", 36],
    ['has exactly 1 national little giant', "SELECT count(*) FROM firms WHERE srdi_level = '国家级小巨人'", 1],
    ['has exactly 1 single champion, and it is above scale',
      "SELECT count(*) FROM firms WHERE single_champion AND scale_class = '规上'", 1],
    ['has no other single champion', 'SELECT count(*) FROM firms WHERE single_champion', 1],
    ['puts every above-scale firm at 2,000 万元 or more', "SELECT count(*) FROM firms WHERE scale_class = '规上' AND output_2022 < 2000", 0],
    ['puts every below-scale firm between 1 and 1,999 万元',
      "SELECT count(*) FROM firms WHERE scale_class = '规下' AND (output_2022 >= 2000 OR output_2022 < 1)", 0],
    ['sums 2022 output to exactly 2,700,000 万元 (270 亿元)', 'SELECT sum(output_2022) FROM firms', 2_700_000],
    ['has only the two size classes', "SELECT count(*) FROM firms WHERE scale_class NOT IN ('规上', '规下')", 0],
    ['has only the three SRDI levels', "SELECT count(*) FROM firms WHERE srdi_level NOT IN ('省级专精特新', '国家级小巨人', '无')", 0],
    ['uses the three subdistricts only', "SELECT count(DISTINCT area) FROM firms WHERE area IN ('江南街道', '外海街道', '礼乐街道')", 3],
    ['has unique ids', 'SELECT count(DISTINCT id) FROM firms', 1681],
    ['has ids F0001..F1681 in file order', "SELECT count(*) FROM (SELECT id, row_number() OVER () AS rn FROM firms) " +
      "WHERE id <> 'F' || lpad(CAST(rn AS VARCHAR), 4, '0')", 0],
    ['gives every firm at least 3 employees', 'SELECT count(*) FROM firms WHERE employees < 3 OR employees IS NULL', 0],
    ['founds every firm between 1985 and 2022', 'SELECT count(*) FROM firms WHERE founded NOT BETWEEN 1985 AND 2022', 0],
    ['marks every row as modelled', 'SELECT count(*) FROM firms WHERE modelled IS DISTINCT FROM true', 0],
    ['names every firm with a placeholder', "SELECT count(*) FROM firms WHERE name <> '模拟企业' || substr(id, 2)", 0],
  ])('%s', (_name, sql, expected) => {
    expect(scalar(sql)).toBe(expected);
  });

  it('uses exactly the article’s five segments', () => {
    const got = db.query<{ segment: string }>('SELECT DISTINCT segment FROM firms').map((r) => r.segment);
    expect(got.sort()).toEqual([...SEGMENTS].sort());
  });

  it('never gives a firm a real company name from the article', () => {
    const names = db.query<{ name: string }>('SELECT name FROM firms').map((r) => r.name);
    const clashes = names.filter((n) => REAL_COMPANIES.some((real) => n.includes(real)));
    expect(clashes).toEqual([]);
  });
});

describe('the modelled projects table', () => {
  it.each([
    ['has the 20 published key projects', 'SELECT count(*) FROM projects', 20],
    ['sums completed investment to 277,900.00 万元 (27.79 亿元)', 'SELECT round(sum(completed_wan), 2) FROM projects', 277_900],
    ['sums planned investment to 262,615.76 万元', 'SELECT round(sum(planned_wan), 2) FROM projects', 262_615.76],
    ['exceeds the plan by 5.82 % overall',
      'SELECT round((sum(completed_wan) / sum(planned_wan) - 1) * 100, 2) FROM projects', 5.82],
    ['has some projects below plan', 'SELECT count(*) > 0 FROM projects WHERE completed_wan < planned_wan', true],
    ['has most projects above plan', 'SELECT count(*) > 10 FROM projects WHERE completed_wan > planned_wan', true],
    ['uses only the article’s segments',
      `SELECT count(*) FROM projects WHERE segment NOT IN (${SEGMENTS.map((s) => `'${s}'`).join(', ')})`, 0],
    ['marks every row as modelled', 'SELECT count(*) FROM projects WHERE modelled IS DISTINCT FROM true', 0],
  ])('%s', (_name, sql, expected) => {
    expect(scalar(sql)).toBe(expected);
  });
});

describe('the published tables', () => {
  it('gives the two schools their published classes, seats, areas and opening', () => {
    expect(db.query('SELECT * FROM schools ORDER BY id DESC')).toEqual([
      {
        id: 'jingxian-north', name_zh: '景贤小学北校区', name_en: 'Jingxian Primary School North Campus',
        land_area_wan_m2: 2.1, floor_area_wan_m2: 2.5, area_qualifier: 'approx', classes: 36, seats: 1620,
        opening: '2024-09', modelled: false,
      },
      {
        id: 'gaoxin-no1', name_zh: '高新区第一小学', name_en: 'High-tech Zone No.1 Primary School',
        land_area_wan_m2: 3.6, floor_area_wan_m2: 4.1, area_qualifier: 'approx', classes: 48, seats: 2160,
        opening: '2024-09', modelled: false,
      },
    ]);
  });

  it('gives the three Enping investments in 万元 as published, each tied to its fact', () => {
    expect(db.query('SELECT company_zh, investment_wan, fact_id, modelled FROM enping_investments ORDER BY investment_wan DESC')).toEqual([
      { company_zh: '金隆电器', investment_wan: 21000, fact_id: 'enping_jinlong', modelled: false },
      { company_zh: '鸿裕达', investment_wan: 10000, fact_id: 'enping_hongyuda', modelled: false },
      { company_zh: '科一智能装备', investment_wan: 5000, fact_id: 'enping_keyi', modelled: false },
    ]);
    const orphans = scalar('SELECT count(*) FROM enping_investments e ANTI JOIN facts f ON f.id = e.fact_id');
    expect(orphans).toBe(0);
  });

  it('carries every published figure over row by row, with its text and quote intact', () => {
    const csv = parseCsv(readFileSync(join(dataDir, 'source/published-figures.csv'), 'utf8'));
    const expected = csv.map((r) => ({
      id: r.id, topic: r.topic, indicator_zh: r.indicator_zh, indicator_en: r.indicator_en,
      value: /^-?\d+(\.\d+)?$/.test(r.value) ? Number(r.value) : null,
      value_text: r.value, unit: r.unit, period: r.period, qualifier: r.qualifier, entity: r.entity, quote: r.quote,
    }));
    expect(db.query('SELECT * FROM facts')).toEqual(expected);
  });

  it('keeps non-numeric figures such as the 2024-09 opening as text with a NULL value', () => {
    expect(db.query("SELECT value, value_text FROM facts WHERE id = 'school_opening'")).toEqual([{ value: null, value_text: '2024-09' }]);
  });

  it('ships facts.json as the same rows as the facts table', () => {
    const snapshot: unknown = JSON.parse(readFileSync(join(dataDir, 'facts.json'), 'utf8'));
    expect(snapshot).toEqual(db.query('SELECT * FROM facts'));
  });
});

describe('the manifest', () => {
  it.each(manifest.tables.map((t) => [t.name, t] as const))('describes %s with the file’s rows, size, hash and column types', (_name, t) => {
    const bytes = readFileSync(join(dataDir, t.file));
    expect(bytes.length).toBe(t.bytes);
    expect(sha256(bytes)).toBe(t.sha256);
    expect(scalar(`SELECT count(*) FROM "${t.name}"`)).toBe(t.rows);
    const described = db.query<{ column_name: string; column_type: string }>(`DESCRIBE "${t.name}"`);
    expect(described.map((d) => ({ name: d.column_name, type: d.column_type })))
      .toEqual(t.columns.map((c) => ({ name: c.name, type: c.type })));
  });

  it('marks modelled rows exactly in the tables whose provenance is modelled', () => {
    for (const t of manifest.tables.filter((t) => t.columns.some((c) => c.name === 'modelled'))) {
      const want = t.provenance === 'modelled';
      expect(scalar(`SELECT count(*) FROM "${t.name}" WHERE modelled IS DISTINCT FROM ${want}`), t.name).toBe(0);
    }
  });

  it('derives dataVersion from the table hashes', () => {
    expect(manifest.dataVersion).toBe(sha256(manifest.tables.map((t) => t.sha256).join('')).slice(0, 12));
  });
});

describe('the build', () => {
  it('rebuilds byte-identical files into a fresh directory', () => {
    const out = mkdtempSync(join(tmpdir(), 'jianghai-data-'));
    try {
      execFileSync(process.execPath, [join(root, 'scripts/build-data.mjs'), '--out', out], { stdio: 'pipe' });
      const files = [...manifest.tables.map((t) => t.file), 'manifest.json', 'facts.json', 'small.json'];
      const hashes = (dir: string) => Object.fromEntries(files.map((f) => [f, sha256(readFileSync(join(dir, f)))]));
      expect(hashes(out)).toEqual(hashes(dataDir));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
