// Builds the dashboard's data: Parquet tables, data/manifest.json, data/facts.json and data/small.json.
//   node scripts/build-data.mjs [--out DIR] [--source DIR]   (defaults data/ and data/source/; `npm run data`)
// Published tables are read from the source CSVs; modelled tables are generated with a fixed seed and
// calibrated to the published aggregates, which are read from published-figures.csv too (see
// data/README.md). A rebuild is byte-identical: one thread, fixed row order, no timestamps, and
// Parquet v1 pages that DuckDB-WASM 0.9.1 reads. Every Parquet file carries its table's provenance
// in its key-value metadata, so it still says where its rows come from once copied elsewhere.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseCsv } from './lib/csv.mjs';
import { AREAS, SEGMENTS, modelFirms } from './lib/firms.mjs';
import { modelProjects } from './lib/projects.mjs';
import { seedFrom } from './lib/random.mjs';
import { SOURCE, catalog } from './lib/schema.mjs';
import { firmTargets, projectTargets } from './lib/targets.mjs';

/** Changing the seed changes every modelled row (and dataVersion); the aggregates stay exact. */
export const SEED = 20230707;
const ROW_GROUP_SIZE = 100_000; // every table fits in one row group

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const QUALIFIERS = new Set(['exact', 'approx', 'over', 'planned']);
/** Key of the Parquet key-value entry holding a table's provenance (src/lib/data/provenance.ts reads it). */
const PROVENANCE_KEY = 'jianghai:provenance';

const USAGE = 'usage: node scripts/build-data.mjs [--out DIR] [--source DIR]';

function parseArgs(argv) {
  let out = join(root, 'data');
  // Tests point --source at an edited copy of data/source to see the model follow the figures.
  let source = join(root, 'data', 'source');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = resolve(argv[++i]);
    else if (argv[i] === '--source' && argv[i + 1]) source = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; ${USAGE}`);
  }
  return { out, source };
}

/** A path for messages: relative to the working directory when inside it, else absolute. */
function shown(path) {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const readSource = (dir, file) => parseCsv(readFileSync(join(dir, file), 'utf8'));

function buildFacts(dir) {
  return readSource(dir, 'published-figures.csv').map((r, n) => {
    if (!QUALIFIERS.has(r.qualifier)) {
      throw new Error(
        `published-figures.csv line ${n + 2} (${r.id}): qualifier "${r.qualifier}" is not one of ${[...QUALIFIERS].join('|')}`,
      );
    }
    return {
      id: r.id,
      topic: r.topic,
      indicator_zh: r.indicator_zh,
      indicator_en: r.indicator_en,
      // Non-numeric values such as '2024-09' stay readable in value_text.
      value: /^-?\d+(\.\d+)?$/.test(r.value) ? Number(r.value) : null,
      value_text: r.value,
      unit: r.unit,
      period: r.period,
      qualifier: r.qualifier,
      entity: r.entity,
      quote: r.quote,
    };
  });
}

/** Source CSVs restate published figures; refuse to build if one drifts from the article's list. */
function crossCheck(facts, schools, investments) {
  const fact = new Map(facts.map((f) => [f.id, f]));
  const expect = (id, actual, what) => {
    const f = fact.get(id);
    if (!f) throw new Error(`${what}: fact ${id} missing from published-figures.csv`);
    if (f.value !== actual && f.value_text !== actual) {
      throw new Error(`${what}: ${actual} does not match fact ${id} (${f.value_text} ${f.unit})`);
    }
  };
  const prefix = { 'jingxian-north': 'school_jx', 'gaoxin-no1': 'school_gx1' };
  for (const s of schools) {
    const p = prefix[s.id];
    if (!p) throw new Error(`schools.csv: unknown school id ${s.id}`);
    expect(`${p}_land`, s.land_area_wan_m2, 'schools.csv land_area_wan_m2');
    expect(`${p}_floor`, s.floor_area_wan_m2, 'schools.csv floor_area_wan_m2');
    expect(`${p}_classes`, s.classes, 'schools.csv classes');
    expect(`${p}_seats`, s.seats, 'schools.csv seats');
    expect('school_opening', s.opening, 'schools.csv opening');
  }
  for (const e of investments) {
    // Facts are in 亿元; the table is in 万元 (1 亿 = 10,000 万).
    expect(e.fact_id, Math.round(e.investment_wan) / 10_000, `enping_investments.csv ${e.id}`);
  }
}

function buildSchools(dir) {
  return readSource(dir, 'schools.csv').map((r) => ({
    id: r.id,
    name_zh: r.name_zh,
    name_en: r.name_en,
    land_area_wan_m2: Number(r.land_area_wan_m2),
    floor_area_wan_m2: Number(r.floor_area_wan_m2),
    area_qualifier: r.area_qualifier,
    classes: Number(r.classes),
    seats: Number(r.seats),
    opening: r.opening,
    modelled: false,
  }));
}

function buildInvestments(dir) {
  return readSource(dir, 'enping_investments.csv').map((r) => ({
    id: r.id,
    company_zh: r.company_zh,
    company_en: r.company_en,
    investment_wan: Number(r.investment_wan),
    fact_id: r.fact_id,
    modelled: false,
  }));
}

const sqlName = (name) => `"${name.replaceAll('"', '""')}"`;
const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;

/** Every table's provenance names only figures that exist, so the app never quotes a missing one. */
function checkProvenanceFacts(tables, facts, csv) {
  const ids = new Set(facts.map((f) => f.id));
  for (const t of tables) {
    const missing = t.provenance.facts.filter((id) => !ids.has(id));
    if (missing.length) {
      throw new Error(
        `${csv} has no row ${missing.join(', ')}, which the ${t.name} table's provenance names (scripts/lib/schema.mjs); add the row back or drop the id there`,
      );
    }
  }
}

// The provenance travels inside the file as compact JSON, the same object as in the manifest.
// KV_METADATA needs native DuckDB >= 0.10; DuckDB-WASM 0.9.1 reads such files and ignores the entry.
const kvMetadata = (provenance) => `KV_METADATA {${sqlName(PROVENANCE_KEY)}: ${sqlString(JSON.stringify(provenance))}}`;

async function writeParquet(conn, table, rows, file) {
  const cols = table.columns;
  await conn.run(`CREATE TABLE ${sqlName(table.name)} (${cols.map((c) => `${sqlName(c.name)} ${c.type}`).join(', ')})`);
  const app = await conn.createAppender(table.name);
  for (const row of rows) {
    for (const c of cols) {
      const v = row[c.name];
      if (v === null || v === undefined) app.appendNull();
      else if (c.type === 'VARCHAR') app.appendVarchar(String(v));
      else if (c.type === 'INTEGER') {
        if (!Number.isInteger(v)) throw new Error(`${table.name}.${c.name}: ${v} is not an integer`);
        app.appendInteger(v);
      } else if (c.type === 'DOUBLE') app.appendDouble(v);
      else if (c.type === 'BOOLEAN') app.appendBoolean(v);
      else throw new Error(`${table.name}.${c.name}: unsupported type ${c.type}`);
    }
    app.endRow();
  }
  app.closeSync();
  // Insertion order is the row order (one thread, preserve_insertion_order on by default).
  await conn.run(`COPY ${sqlName(table.name)} TO ${sqlString(file)}
    (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE}, PARQUET_VERSION V1, ${kvMetadata(table.provenance)})`);
  const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`)).getRowObjectsJson();
  const got = described.map((d) => `${d.column_name} ${d.column_type}`).join(', ');
  const want = cols.map((c) => `${c.name} ${c.type}`).join(', ');
  if (got !== want) throw new Error(`${file}: schema read back as [${got}], expected [${want}]`);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summarise(firms, projects, calibrationFactor, tables) {
  const lines = [];
  const counts = (key, names) => names.map((k) => `${k} ${firms.filter((r) => r[key] === k).length}`).join(', ');
  lines.push(
    `segments: ${counts(
      'segment',
      SEGMENTS.map((s) => s.name),
    )}`,
  );
  lines.push(
    `areas: ${counts(
      'area',
      AREAS.map((a) => a.name),
    )}`,
  );
  const total = firms.reduce((s, r) => s + r.output_2022, 0);
  for (const cls of ['规上', '规下']) {
    const xs = firms
      .filter((r) => r.scale_class === cls)
      .map((r) => r.output_2022)
      .sort((a, b) => a - b);
    const sum = xs.reduce((s, v) => s + v, 0);
    lines.push(
      `${cls}: n=${xs.length} output 万元 min=${xs[0]} median=${quantile(xs, 0.5)} max=${xs.at(-1)} ` +
        `sum=${sum} share=${((100 * sum) / total).toFixed(1)}%`,
    );
  }
  lines.push(`above-scale calibration factor on the excess over 2000: ${calibrationFactor.toFixed(3)}`);
  const below = projects.filter((p) => p.completed_wan < p.planned_wan).length;
  lines.push(`projects below plan: ${below} of ${projects.length}`);
  lines.push(`files: ${tables.map((t) => `${t.file} ${t.bytes} B`).join(', ')}`);
  return lines.join('\n');
}

async function main() {
  const { out, source } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });

  const csv = shown(join(source, 'published-figures.csv'));
  const facts = buildFacts(source);
  const schools = buildSchools(source);
  const investments = buildInvestments(source);
  crossCheck(facts, schools, investments);
  const targets = { firms: firmTargets(facts, csv), projects: projectTargets(facts, csv) };
  const firms = modelFirms(seedFrom(`${SEED}:firms`), targets.firms);
  const projects = modelProjects(seedFrom(`${SEED}:projects`), targets.projects);
  const tableDefs = catalog({ facts, ...targets });
  checkProvenanceFacts(tableDefs, facts, csv);
  const rowsByTable = {
    facts,
    firms: firms.rows,
    projects: projects.rows,
    schools,
    enping_investments: investments,
  };

  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  const tables = [];
  try {
    for (const table of tableDefs) {
      const file = `${table.name}.parquet`;
      const path = join(out, file);
      await writeParquet(conn, table, rowsByTable[table.name], path);
      const bytes = readFileSync(path);
      tables.push({
        name: table.name,
        file,
        rows: rowsByTable[table.name].length,
        bytes: bytes.length,
        sha256: sha256(bytes),
        provenance: table.provenance,
        label: table.label,
        description: table.description,
        columns: table.columns,
      });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }

  const manifest = {
    version: 2,
    dataVersion: sha256(tables.map((t) => t.sha256).join('')).slice(0, 12),
    source: SOURCE,
    tables,
  };
  writeFileSync(join(out, 'manifest.json'), json(manifest));
  writeFileSync(join(out, 'facts.json'), json(facts));
  // The small tables as JSON too: an embed of a chart on them draws without starting the engine.
  writeFileSync(
    join(out, 'small.json'),
    json({ dataVersion: manifest.dataVersion, projects: projects.rows, schools, enping_investments: investments }),
  );
  console.log(`wrote ${tables.length} tables to ${out} (dataVersion ${manifest.dataVersion})`);
  console.log(summarise(firms.rows, projects.rows, firms.calibrationFactor, tables));
}

main().catch((err) => {
  console.error(`build-data: ${err.message}`);
  process.exitCode = 1;
});
