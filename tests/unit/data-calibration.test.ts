// The modelled tables follow the published figures in data/source/published-figures.csv: the build
// reads its calibration targets from there, reproduces an edited figure, and refuses (naming the
// figure) when one is missing, not a number or cannot be reproduced. Each build takes about a second.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../scripts/lib/csv.mjs';
import { checkFirms, modelFirms } from '../../scripts/lib/firms.mjs';
import { seedFrom } from '../../scripts/lib/random.mjs';
import { firmTargets, projectTargets, type FactRow } from '../../scripts/lib/targets.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sourceDir = join(root, 'data', 'source');
const FIGURES = 'published-figures.csv';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A copy of data/source with some figures' `value` replaced (or the row dropped, for null). */
function editedSource(values: Record<string, string | null>): string {
  const dir = tempDir('jianghai-source-');
  cpSync(sourceDir, dir, { recursive: true });
  const rows = parseCsv(readFileSync(join(sourceDir, FIGURES), 'utf8'));
  for (const id of Object.keys(values)) if (!rows.some((r) => r.id === id)) throw new Error(`no fact ${id} to edit`);
  const kept = rows.filter((r) => values[r.id] !== null).map((r) => (r.id in values ? { ...r, value: values[r.id] as string } : r));
  const header = Object.keys(rows[0]);
  const text = [header, ...kept.map((r) => header.map((h) => r[h]))].map((fields) => fields.map(csvField).join(',')).join('\n');
  writeFileSync(join(dir, FIGURES), `${text}\n`);
  return dir;
}

/** Runs scripts/build-data.mjs on an edited source into a fresh folder. */
function build(values: Record<string, string | null>) {
  const out = tempDir('jianghai-built-');
  const run = spawnSync(process.execPath, [join(root, 'scripts/build-data.mjs'), '--source', editedSource(values), '--out', out], {
    encoding: 'utf8',
  });
  return { status: run.status, stderr: run.stderr, out };
}

/** Rows of a query over native DuckDB (the build's engine), as plain JSON values. */
async function nativeQuery(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The facts as build-data parses them (only what the targets read). */
function facts(): FactRow[] {
  return parseCsv(readFileSync(join(sourceDir, FIGURES), 'utf8')).map((r) => ({
    id: r.id,
    value: /^-?\d+(\.\d+)?$/.test(r.value) ? Number(r.value) : null,
    value_text: r.value,
    unit: r.unit,
  }));
}

describe('calibration targets', () => {
  it('are read from published-figures.csv and converted to the model’s units', () => {
    expect(firmTargets(facts(), FIGURES)).toEqual({
      firms: 1681,
      aboveScale: 145,
      provincialSrdi: 36,
      littleGiant: 1,
      singleChampion: 1,
      output2022Wan: 2_700_000,
    });
    // 27.79 亿元 = 277,900.00 万元 in cents; the plan is implied: round(27,790,000 / 1.0582).
    expect(projectTargets(facts(), FIGURES)).toEqual({
      projects: 20,
      completedCents: 27_790_000,
      overPlanPercent: 5.82,
      plannedCents: 26_261_576,
    });
  });

  it('are checked against the model, naming the figure and what the model has', () => {
    const targets = firmTargets(facts(), FIGURES);
    const { rows } = modelFirms(seedFrom('20230707:firms'), targets);
    expect(() => checkFirms(rows, targets)).not.toThrow();
    const oneLess = rows.map((r, i) =>
      i === rows.findIndex((x) => x.scale_class === '规上') ? { ...r, scale_class: '规下' as const } : r,
    );
    expect(() => checkFirms(oneLess, targets)).toThrow(/ei_above_scale = 145 is published, but the model has 144 above-scale/);
    expect(() => checkFirms(rows, { ...targets, output2022Wan: 2_800_000 })).toThrow(
      /ei_output_2022 = 280 亿元 \(2800000 万元\) is published, but the model has 2700000 万元/,
    );
  });
});

describe('the build on an edited published-figures.csv', () => {
  it('reproduces new figures: 1,700 firms of which 150 above scale', async () => {
    const { status, stderr, out } = build({ ei_firms: '1700', ei_above_scale: '150' });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const file = quoted(join(out, 'firms.parquet'));
    expect(
      await nativeQuery(`SELECT count(*)::INTEGER AS firms, count(*) FILTER (scale_class = '规上')::INTEGER AS above,
      sum(output_2022)::INTEGER AS output FROM read_parquet(${file})`),
    ).toEqual([{ firms: 1700, above: 150, output: 2_700_000 }]);
    // The words and the provenance follow the figures too.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      tables: { name: string; rows: number; description: { zh: string; en: string }; provenance: unknown }[];
    };
    const firms = manifest.tables.find((t) => t.name === 'firms')!;
    expect(firms.rows).toBe(1700);
    expect(firms.description.zh).toContain('1700家');
    expect(firms.description.en).toContain('1,700 electronic-information firms');
    expect(firms.description.en).toContain('150 above-scale');
    const kv = await nativeQuery(`SELECT decode(value) AS v FROM parquet_kv_metadata(${file})`);
    expect(JSON.parse(kv[0].v as string)).toEqual(firms.provenance);
  });

  it.each([
    ['more little giants than firms qualify', { ei_little_giant: '5000' }, 'ei_little_giant'],
    ['more provincial SRDI firms than firms qualify', { ei_prov_srdi: '1000' }, 'ei_prov_srdi'],
    ['more above-scale firms than firms', { ei_above_scale: '2000' }, 'ei_above_scale'],
    ['an output total below what the small firms alone produce', { ei_output_2022: '10' }, 'ei_output_2022'],
    ['an overshoot the rounded plan cannot give (three decimals)', { ei_key_projects_over_plan: '5.825' }, 'ei_key_projects_over_plan'],
  ])('fails on %s, naming the figure', (_what, values, id) => {
    const { status, stderr } = build(values);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/^build-data: /);
    expect(stderr).toContain(id);
  });

  it('fails on a non-numeric firm count, naming the figure and the file', () => {
    const { status, stderr } = build({ ei_firms: 'about 1681' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('ei_firms has the value "about 1681", which is not a number');
    expect(stderr).toContain(FIGURES);
  });

  it('fails when a figure the model is calibrated to is missing', () => {
    const { status, stderr } = build({ ei_key_projects_invest: null });
    expect(status).not.toBe(0);
    expect(stderr).toContain('ei_key_projects_invest is missing');
  });

  it('fails on a whole-number figure given with decimals', () => {
    const { status, stderr } = build({ ei_single_champion: '1.5' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('ei_single_champion is 1.5');
    expect(stderr).toContain('whole number');
  });
});
