// The built data, read through the engine the app ships (DuckDB-WASM 1.28.0): published figures
// are carried over exactly, modelled rows honour every published aggregate, every file carries its
// provenance, and a rebuild is byte-identical to the committed files.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../scripts/lib/csv.mjs';
import { openWasmDb, type WasmDb } from '../helpers/wasm-db';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, 'data');

interface ManifestColumn {
  name: string;
  type: string;
}
interface Bilingual {
  zh: string;
  en: string;
}
interface Provenance {
  kind: 'published' | 'modelled';
  source: { publisher: Bilingual; title: Bilingual; date: string; url: string | null; file: string };
  facts: string[];
  rows?: Bilingual;
}
interface ManifestTable {
  name: string;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  provenance: Provenance;
  description: Bilingual;
  columns: ManifestColumn[];
}
const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as {
  version: number;
  dataVersion: string;
  tables: ManifestTable[];
  source: { title_zh: string; title_en: string; date: string; file: string };
};
const factIds = parseCsv(readFileSync(join(dataDir, 'source/published-figures.csv'), 'utf8')).map((r) => r.id);
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

let db: WasmDb;
beforeAll(async () => {
  db = await openWasmDb();
});
afterAll(() => db.close());

/** The single value of a one-row, one-column query. */
const scalar = (sql: string): unknown => Object.values(db.query(sql)[0])[0];

const SEGMENTS = ['电子关键元器件', '印刷电路板', '智能家电', '汽车电子', 'LED照明器件'];
// Every company the article names; modelled rows must never carry (or contain) these names.
const REAL_COMPANIES = [
  '崇达',
  '建滔',
  '荣信',
  '奔力达',
  '宝士',
  '三菱',
  '金羚',
  '贝尔斯顿',
  '摩尔',
  '联升',
  '富丽',
  '利和兴',
  '优美科',
  '坚朗泰',
  '德昌',
  '南大',
  '金隆',
  '鸿裕达',
  '科一',
];

describe('the modelled firms table', () => {
  it.each([
    ['has one row per published firm (1,681)', 'SELECT count(*) FROM firms', 1681],
    ['has exactly 145 above-scale firms', "SELECT count(*) FROM firms WHERE scale_class = '规上'", 145],
    ['has exactly 36 provincial SRDI firms', "SELECT count(*) FROM firms WHERE srdi_level = '省级专精特新'", 36],
    ['has exactly 1 national little giant', "SELECT count(*) FROM firms WHERE srdi_level = '国家级小巨人'", 1],
    [
      'has exactly 1 single champion, and it is above scale',
      "SELECT count(*) FROM firms WHERE single_champion AND scale_class = '规上'",
      1,
    ],
    ['has no other single champion', 'SELECT count(*) FROM firms WHERE single_champion', 1],
    [
      'puts every above-scale firm at 2,000 万元 or more',
      "SELECT count(*) FROM firms WHERE scale_class = '规上' AND output_2022 < 2000",
      0,
    ],
    [
      'puts every below-scale firm between 1 and 1,999 万元',
      "SELECT count(*) FROM firms WHERE scale_class = '规下' AND (output_2022 >= 2000 OR output_2022 < 1)",
      0,
    ],
    ['sums 2022 output to exactly 2,700,000 万元 (270 亿元)', 'SELECT sum(output_2022) FROM firms', 2_700_000],
    ['has only the two size classes', "SELECT count(*) FROM firms WHERE scale_class NOT IN ('规上', '规下')", 0],
    ['has only the three SRDI levels', "SELECT count(*) FROM firms WHERE srdi_level NOT IN ('省级专精特新', '国家级小巨人', '无')", 0],
    ['uses the three subdistricts only', "SELECT count(DISTINCT area) FROM firms WHERE area IN ('江南街道', '外海街道', '礼乐街道')", 3],
    ['has unique ids', 'SELECT count(DISTINCT id) FROM firms', 1681],
    [
      'has ids F0001..F1681 in file order',
      'SELECT count(*) FROM (SELECT id, row_number() OVER () AS rn FROM firms) ' + "WHERE id <> 'F' || lpad(CAST(rn AS VARCHAR), 4, '0')",
      0,
    ],
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
    ['exceeds the plan by 5.82 % overall', 'SELECT round((sum(completed_wan) / sum(planned_wan) - 1) * 100, 2) FROM projects', 5.82],
    ['has some projects below plan', 'SELECT count(*) > 0 FROM projects WHERE completed_wan < planned_wan', true],
    ['has most projects above plan', 'SELECT count(*) > 10 FROM projects WHERE completed_wan > planned_wan', true],
    [
      'uses only the article’s segments',
      `SELECT count(*) FROM projects WHERE segment NOT IN (${SEGMENTS.map((s) => `'${s}'`).join(', ')})`,
      0,
    ],
    ['marks every row as modelled', 'SELECT count(*) FROM projects WHERE modelled IS DISTINCT FROM true', 0],
  ])('%s', (_name, sql, expected) => {
    expect(scalar(sql)).toBe(expected);
  });
});

describe('the published tables', () => {
  it('gives the two schools their published classes, seats, areas and opening', () => {
    expect(db.query('SELECT * FROM schools ORDER BY id DESC')).toEqual([
      {
        id: 'jingxian-north',
        name_zh: '景贤小学北校区',
        name_en: 'Jingxian Primary School North Campus',
        land_area_wan_m2: 2.1,
        floor_area_wan_m2: 2.5,
        area_qualifier: 'approx',
        classes: 36,
        seats: 1620,
        opening: '2024-09',
        modelled: false,
      },
      {
        id: 'gaoxin-no1',
        name_zh: '高新区第一小学',
        name_en: 'High-tech Zone No.1 Primary School',
        land_area_wan_m2: 3.6,
        floor_area_wan_m2: 4.1,
        area_qualifier: 'approx',
        classes: 48,
        seats: 2160,
        opening: '2024-09',
        modelled: false,
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
      id: r.id,
      topic: r.topic,
      indicator_zh: r.indicator_zh,
      indicator_en: r.indicator_en,
      value: /^-?\d+(\.\d+)?$/.test(r.value) ? Number(r.value) : null,
      value_text: r.value,
      unit: r.unit,
      period: r.period,
      qualifier: r.qualifier,
      entity: r.entity,
      quote: r.quote,
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
  it.each(manifest.tables.map((t) => [t.name, t] as const))(
    'describes %s with the file’s rows, size, hash and column types',
    (_name, t) => {
      const bytes = readFileSync(join(dataDir, t.file));
      expect(bytes.length).toBe(t.bytes);
      expect(sha256(bytes)).toBe(t.sha256);
      expect(scalar(`SELECT count(*) FROM "${t.name}"`)).toBe(t.rows);
      const described = db.query<{ column_name: string; column_type: string }>(`DESCRIBE "${t.name}"`);
      expect(described.map((d) => ({ name: d.column_name, type: d.column_type }))).toEqual(
        t.columns.map((c) => ({ name: c.name, type: c.type })),
      );
    },
  );

  it('marks modelled rows exactly in the tables whose provenance is modelled', () => {
    for (const t of manifest.tables.filter((t) => t.columns.some((c) => c.name === 'modelled'))) {
      const want = t.provenance.kind === 'modelled';
      expect(scalar(`SELECT count(*) FROM "${t.name}" WHERE modelled IS DISTINCT FROM ${want}`), t.name).toBe(0);
    }
  });

  it('derives dataVersion from the table hashes', () => {
    expect(manifest.dataVersion).toBe(sha256(manifest.tables.map((t) => t.sha256).join('')).slice(0, 12));
  });

  it('says how many published figures the facts table holds, counted from the CSV', () => {
    const facts = manifest.tables.find((t) => t.name === 'facts')!;
    expect(facts.description.zh).toContain(`发布的${factIds.length}个数字`);
    expect(facts.description.en).toContain(`The ${factIds.length} figures`);
    expect(facts.description.en).not.toMatch(/every figure/i);
  });

  it('does not say the modelled output is "over" 270 亿元: it sums to exactly the lower bound', () => {
    const firms = manifest.tables.find((t) => t.name === 'firms')!;
    expect(firms.description.zh).toContain('合计正好270亿元，即已发布“超270亿元”的下限');
    expect(firms.description.en).toContain('sum to exactly 270 亿元, the lower bound of the published “超270亿元 / over 27 billion yuan”');
  });
});

describe('the provenance of each table', () => {
  const article = {
    publisher: { zh: '江门日报', en: 'Jiangmen Daily' },
    title: { zh: manifest.source.title_zh, en: manifest.source.title_en },
    date: '2023-07-07',
    url: null,
    file: 'jiangmen-daily-jianghai-2023-07-07.txt',
  };
  const expected: Record<string, Provenance> = {
    facts: { kind: 'published', source: article, facts: factIds },
    firms: {
      kind: 'modelled',
      source: article,
      facts: ['ei_firms', 'ei_above_scale', 'ei_prov_srdi', 'ei_little_giant', 'ei_single_champion', 'ei_output_2022'],
      rows: { zh: '企业明细', en: 'firm rows' },
    },
    projects: {
      kind: 'modelled',
      source: article,
      facts: ['ei_key_projects', 'ei_key_projects_invest', 'ei_key_projects_over_plan'],
      rows: { zh: '项目明细', en: 'project rows' },
    },
    schools: {
      kind: 'published',
      source: article,
      facts: [
        'school_jx_land',
        'school_jx_floor',
        'school_jx_classes',
        'school_jx_seats',
        'school_gx1_land',
        'school_gx1_floor',
        'school_gx1_classes',
        'school_gx1_seats',
        'school_opening',
      ],
    },
    enping_investments: { kind: 'published', source: article, facts: ['enping_jinlong', 'enping_hongyuda', 'enping_keyi'] },
  };

  let native: Awaited<ReturnType<DuckDBInstance['connect']>>;
  let instance: DuckDBInstance;
  beforeAll(async () => {
    // DuckDB-WASM 0.9.1 has no parquet_kv_metadata(); native DuckDB reads the footer.
    instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    native = await instance.connect();
  });
  afterAll(() => {
    native?.closeSync();
    instance?.closeSync();
  });

  it('is manifest version 2, with one provenance object per table and no v1 fields left', () => {
    expect(manifest.version).toBe(2);
    expect(manifest.tables.map((t) => t.name)).toEqual(Object.keys(expected));
    for (const t of manifest.tables) {
      expect(t.provenance, t.name).toStrictEqual(expected[t.name]);
      // Key order is part of the byte-identical build (and of the JSON in the Parquet footer).
      expect(Object.keys(t.provenance), t.name).toEqual(
        t.provenance.kind === 'modelled' ? ['kind', 'source', 'facts', 'rows'] : ['kind', 'source', 'facts'],
      );
      expect(t, t.name).not.toHaveProperty('sourceFacts');
    }
  });

  it('names only published figures that exist in published-figures.csv', () => {
    for (const t of manifest.tables)
      expect(
        t.provenance.facts.filter((id) => !factIds.includes(id)),
        t.name,
      ).toEqual([]);
  });

  it.each(manifest.tables.map((t) => [t.file, t] as const))(
    'travels inside %s as the jianghai:provenance key-value entry',
    async (_file, t) => {
      // decode() gives the UTF-8 text; a BLOB::VARCHAR cast would escape every non-ASCII byte as \xNN.
      const reader = await native.runAndReadAll(
        `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${join(dataDir, t.file).replaceAll("'", "''")}')`,
      );
      const kv = reader.getRowObjectsJson();
      expect(kv).toEqual([{ key: 'jianghai:provenance', value: JSON.stringify(t.provenance) }]);
    },
  );
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
