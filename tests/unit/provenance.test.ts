// Provenance as data: the mark, source line and fact-quoting words of a view follow the origins of
// the tables it reads, for every combination of origins.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeDataset } from '../../src/lib/data/catalog';
import {
  asForeign,
  csvPreamble,
  importedOrigins,
  marks,
  parseOrigin,
  parseOrigins,
  quotesHold,
  sourceLine,
  viewProvenance,
  type Origin,
  type SourceRef,
} from '../../src/lib/data/provenance';
import { readPreamble } from '../../src/lib/data/import/preamble';
import { contentSecurityPolicy } from '../../src/lib/data/origins';
import { parseDelimited } from '../../src/lib/data/import/csv';
import {
  adoptUnknown,
  originsOf,
  originsOfSql,
  provenanceOf,
  recordStatement,
  resetRegistry,
  setFile,
  setOrigins,
  setView,
  tablesIn,
} from '../../src/lib/data/registry';
import { effect, mentions } from '../../src/lib/sql';
import { sources } from '../../src/lib/sql/names';
import { frameText } from '../../src/lib/charts/words';
import { chartById } from '../../src/lib/charts/registry';

const ARTICLE: SourceRef = {
  publisher: { zh: '江门日报', en: 'Jiangmen Daily' },
  title: { zh: '产业集群发展成效显著', en: 'Industrial cluster shows marked results' },
  date: '2023-07-07',
  url: null,
};
const PUBLISHED: Origin = { kind: 'published', source: ARTICLE, facts: ['school_jx_seats', 'school_opening'] };
const MODELLED: Origin = {
  kind: 'modelled',
  source: ARTICLE,
  facts: ['ei_firms', 'ei_above_scale', 'ei_output_2022'],
  rows: { zh: '企业明细', en: 'firm rows' },
};
const USER: Origin = { kind: 'user', file: '名录.csv' };
const FOREIGN: Origin = asForeign([PUBLISHED], 'stats.example.org')[0];

describe('what a view says about its origins', () => {
  it.each([
    ['published only', [PUBLISHED], [], 'Jiangmen Daily, 7 July 2023', '《江门日报》2023年7月7日'],
    [
      'modelled',
      [MODELLED],
      ['modelled'],
      'Jiangmen Daily, 7 July 2023; modelled firm rows',
      '《江门日报》2023年7月7日；企业明细为模拟数据',
    ],
    ['published and modelled', [PUBLISHED, MODELLED], ['modelled'], 'Jiangmen Daily, 7 July 2023; modelled firm rows', null],
    ["the user's own", [USER], [], 'Your imported data: 名录.csv', '您导入的数据：名录.csv'],
    [
      "the user's and modelled",
      [USER, MODELLED],
      ['modelled'],
      'Your imported data: 名录.csv; Jiangmen Daily, 7 July 2023; modelled firm rows',
      null,
    ],
    [
      "another site's",
      [FOREIGN],
      ['foreign'],
      'Data from stats.example.org (that site names its source as: Jiangmen Daily, 7 July 2023; not checked by this site)',
      null,
    ],
    ["another site's, said to be modelled", asForeign([MODELLED], 'x.example'), ['modelled', 'foreign'], null, null],
    ['no origin at all (a constant)', [], [], '', ''],
  ] as const)('%s', (_name, origins, markKinds, en, zh) => {
    const vp = viewProvenance([...origins]);
    expect(marks(vp, 'en').map((m) => m.kind)).toEqual(markKinds);
    if (en !== null) expect(sourceLine(vp, 'en')).toBe(en);
    if (zh !== null) expect(sourceLine(vp, 'zh')).toBe(zh);
  });

  it("never gives another site's data the article's own source line", () => {
    const vp = viewProvenance(asForeign([PUBLISHED, MODELLED], 'evil.example'));
    for (const lang of ['zh', 'en'] as const) {
      const line = sourceLine(vp, lang);
      expect(line).toContain('evil.example');
      expect(line.startsWith('《江门日报》') || line.startsWith('Jiangmen Daily')).toBe(false);
    }
    expect(vp.foreign).toEqual(['evil.example']);
  });

  it('says the modelled rows reproduce the published totals only when they are calibrated', () => {
    expect(marks(viewProvenance([MODELLED]), 'en')[0].explain).toMatch(/reproduce the published totals/);
    const scale: Origin = { ...MODELLED, facts: [] } as Origin;
    expect(marks(viewProvenance([scale]), 'en')[0].explain).not.toMatch(/published/);
  });
});

describe('words that quote published figures', () => {
  it.each([
    ['hold on the rows calibrated to them', [MODELLED], ['ei_above_scale'], true],
    ['do not hold on rows calibrated to other figures', [MODELLED], ['school_jx_seats'], false],
    ["do not hold on a user's rows", [USER], ['ei_above_scale'], false],
    ["do not hold on another site's rows, whatever it claims", asForeign([MODELLED], 'x.example'), ['ei_above_scale'], false],
    ['do not hold when one of the tables read does not reproduce them', [MODELLED, USER], ['ei_above_scale'], false],
    ['always hold when they quote nothing', [USER], [], true],
    ['do not hold on rows with no origin', [], ['ei_firms'], false],
  ] as const)('%s', (_n, origins, facts, want) => {
    expect(quotesHold(viewProvenance([...origins]), facts)).toBe(want);
  });

  it("drop the size x SRDI subtitle on scale data and on a user's import, and keep it on the bundled firms", () => {
    const def = chartById('firms-by-scale-srdi')!;
    expect(frameText(def.words, viewProvenance([MODELLED]), 'zh').subtitle).toBeUndefined(); // MODELLED lacks ei_prov_srdi
    const bundled: Origin = { ...MODELLED, facts: ['ei_above_scale', 'ei_prov_srdi', 'ei_little_giant'] } as Origin;
    expect(frameText(def.words, viewProvenance([bundled]), 'en').subtitle).toMatch(/^145 above/);
    expect(frameText(def.words, viewProvenance([USER]), 'en').subtitle).toBeUndefined();
    expect(frameText(def.words, viewProvenance([USER]), 'en').notes).toHaveLength(1); // the SRDI definition quotes nothing
  });
});

describe('origins read from untrusted JSON', () => {
  it.each([
    ['a wrong kind', { kind: 'official', source: ARTICLE }],
    ['published without a source', { kind: 'published' }],
    ['a user origin without a file', { kind: 'user' }],
    ['a foreign origin without a host', { kind: 'foreign', host: '' }],
    ['not an object', 'published'],
    ['null', null],
  ])('refuse %s', (_n, v) => {
    expect(parseOrigin(v)).toBeNull();
  });
  it('drop fields they do not know and URLs that are not http(s)', () => {
    const o = parseOrigin({ ...PUBLISHED, source: { ...ARTICLE, url: 'javascript:alert(1)' }, extra: '<script>' });
    expect(o).toEqual(PUBLISHED);
  });
  it('never nest another site inside a claim', () => {
    const o = parseOrigin({ kind: 'foreign', host: 'a.example', claimed: { kind: 'foreign', host: 'b.example', claimed: null } });
    expect(o).toEqual({ kind: 'foreign', host: 'a.example', claimed: null });
  });
  it('read one origin or a list, without repeats', () => {
    expect(parseOrigins([MODELLED, MODELLED, USER])).toEqual([MODELLED, USER]);
    expect(parseOrigins(MODELLED)).toEqual([MODELLED]);
  });
});

describe('files this app exported and a user imports again', () => {
  it("keep their modelled mark, name the user's file and lose the fact-quoting words", () => {
    const got = importedOrigins('query-result.parquet', [MODELLED]);
    expect(got[0]).toEqual({ kind: 'user', file: 'query-result.parquet' });
    const vp = viewProvenance(got);
    expect(vp.modelled).toBe(true);
    expect(quotesHold(vp, ['ei_firms'])).toBe(false);
  });

  it('a CSV preamble round-trips the origins, and the header row comes after it', () => {
    const vp = viewProvenance([MODELLED]);
    const lines = csvPreamble(vp, 'zh', { title: '各细分领域企业数', date: '导出于：2026年12月2日' });
    expect(lines[0]).toBe('各细分领域企业数');
    expect(lines.some((l) => l.startsWith('模拟数据：'))).toBe(true);
    const csv = [...lines.map((l) => `"${l.replaceAll('"', '""')}"`), '', '细分领域,企业数', '汽车电子,196'].join('\r\n');
    const grid = parseDelimited(csv, ',').rows;
    const pre = readPreamble(grid);
    expect(pre.origins).toEqual([MODELLED]);
    expect(grid[pre.rows]).toEqual(['细分领域', '企业数']);
  });

  it("a CSV with no preamble states nothing; a user's own rows get no preamble at all", () => {
    expect(
      readPreamble([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toEqual({ origins: null, rows: 0 });
    expect(csvPreamble(viewProvenance([USER]), 'en')).toEqual([]);
    expect(csvPreamble(viewProvenance([]), 'en')).toEqual([]);
  });
});

describe('the catalog follows tables, views and console statements', () => {
  const ORIGIN = 'https://jianghai.example';
  beforeEach(() => {
    resetRegistry();
    setOrigins('firms', [MODELLED]);
    setOrigins('schools', [PUBLISHED]);
    setOrigins('mine', [USER]);
    setFile('firms.parquet', 'firms');
  });

  it('resolves a view through what it reads, also after the table changes', () => {
    setOrigins('firms_user', [USER]);
    setView('firms', ['firms_user']);
    expect(originsOf(['firms'])).toEqual([USER]);
    setOrigins('firms_user', [USER, MODELLED]);
    expect(provenanceOf(['firms']).modelled).toBe(true);
  });

  it.each([
    ['a constant', 'SELECT 42 AS answer', []],
    ["the user's own table", 'SELECT * FROM mine', [USER]],
    ['modelled firms, any case and quoting', 'select count(*) from "FIRMS"', [MODELLED]],
    ['a join of two tables', 'SELECT * FROM firms JOIN mine USING (id)', [MODELLED, USER]],
    ['a registered file by name', "SELECT * FROM read_parquet('firms.parquet')", [MODELLED]],
    ['a table named only in a comment', '-- firms\nSELECT 1', []],
    [
      'a URL of another site',
      "SELECT * FROM 'https://other.example/x.parquet'",
      [{ kind: 'foreign', host: 'other.example', claimed: null }],
    ],
  ] as const)('a query of %s', (_n, sql, want) => {
    expect(originsOfSql(sql, ORIGIN)).toEqual(want);
  });

  it('a table created from modelled rows is modelled; a view of it follows it; a drop forgets it', () => {
    recordStatement('CREATE TABLE t AS SELECT segment, count(*) FROM firms GROUP BY 1', ORIGIN);
    expect(originsOf(['t'])).toEqual([MODELLED]);
    recordStatement('CREATE OR REPLACE VIEW v AS SELECT * FROM t', ORIGIN);
    recordStatement('INSERT INTO t SELECT * FROM mine', ORIGIN);
    expect(originsOf(['v'])).toEqual([MODELLED, USER]);
    recordStatement('ALTER TABLE t RENAME TO t2', ORIGIN);
    expect(originsOf(['t2'])).toEqual([MODELLED, USER]);
    recordStatement('DROP TABLE IF EXISTS t2', ORIGIN);
    expect(originsOf(['t2'])).toEqual([]);
    expect(tablesIn('SELECT * FROM t2')).toEqual([]);
  });

  const unknown = (ref: string): Origin => ({ kind: 'unknown', ref });

  it.each([
    ['a glob', "SELECT * FROM read_parquet('*.parquet')", [MODELLED, unknown("'*.parquet'")]],
    ['a glob in FROM', "SELECT * FROM 'data/*.csv'", [unknown("'data/*.csv'")]],
    ['a file nobody registered or wrote', "SELECT * FROM 'elsewhere.parquet'", [unknown("'elsewhere.parquet'")]],
    ['a relation the catalog does not know', 'SELECT count(*) FROM nowhere', [unknown('nowhere')]],
    ['a reader given a computed name', "SELECT * FROM read_csv_auto('f' || '.csv')", [unknown("read_csv_auto('f' || '.csv')")]],
    ['a constant still', 'SELECT * FROM range(10)', []],
    ['a CTE of known rows', 'WITH x AS (SELECT * FROM mine) SELECT * FROM x', [USER]],
  ] as const)('a read the catalog cannot follow is said to be of unknown origin: %s', (_n, sql, want) => {
    expect(originsOfSql(sql, ORIGIN)).toEqual(want);
  });

  it('a file written with COPY … TO holds what its query read, and reading it back carries that', () => {
    recordStatement("COPY firms TO 'x.parquet' (FORMAT PARQUET)", ORIGIN);
    recordStatement("COPY (SELECT name FROM schools) TO 'y.csv'", ORIGIN);
    expect(originsOfSql("SELECT * FROM 'x.parquet'", ORIGIN)).toEqual([MODELLED]);
    expect(originsOfSql('SELECT * FROM "x.parquet"', ORIGIN)).toEqual([MODELLED]);
    expect(originsOfSql("SELECT * FROM read_csv_auto('y.csv')", ORIGIN)).toEqual([PUBLISHED]);
    // The table COPY read from is not written.
    expect(originsOf(['firms'])).toEqual([MODELLED]);
    recordStatement("COPY (SELECT 1 AS one) TO 'x.parquet'", ORIGIN);
    expect(originsOfSql("SELECT * FROM 'x.parquet'", ORIGIN)).toEqual([]);
  });

  it('macros and prepared statements follow what their body reads, like views, until dropped', () => {
    recordStatement('CREATE MACRO m() AS TABLE SELECT * FROM firms', ORIGIN);
    recordStatement('CREATE FUNCTION total() AS (SELECT count(*) FROM mine)', ORIGIN);
    recordStatement('PREPARE p AS SELECT * FROM schools WHERE name = $1', ORIGIN);
    expect(originsOfSql('SELECT * FROM m()', ORIGIN)).toEqual([MODELLED]);
    expect(originsOfSql('SELECT total() AS n', ORIGIN)).toEqual([USER]);
    expect(originsOfSql("EXECUTE p('x')", ORIGIN)).toEqual([PUBLISHED]);
    setOrigins('firms', [USER]);
    expect(originsOfSql('SELECT * FROM m()', ORIGIN)).toEqual([USER]);
    recordStatement('DROP MACRO TABLE m', ORIGIN);
    recordStatement('DEALLOCATE p', ORIGIN);
    expect(originsOfSql('SELECT * FROM m()', ORIGIN)).toEqual([unknown('m')]);
    expect(originsOfSql('EXECUTE p', ORIGIN)).toEqual([unknown('p')]);
  });

  it('a table made from a glob keeps the unknown origin', () => {
    recordStatement("CREATE TABLE g AS SELECT * FROM read_parquet('*.parquet')", ORIGIN);
    expect(provenanceOf(['g']).unknown).toEqual(["'*.parquet'"]);
    expect(marks(provenanceOf(['g']), 'zh').map((m) => m.label)).toEqual(['模拟数据', '来源不明']);
  });

  it('a table from a constant has no origin; one the catalog could not follow takes what the run read', () => {
    recordStatement('CREATE TABLE c AS SELECT 1 AS x', ORIGIN);
    expect(provenanceOf(['c']).origins).toEqual([]);
    adoptUnknown(['c', 'made_by_a_macro'], [MODELLED]);
    expect(originsOf(['c'])).toEqual([]);
    expect(originsOf(['made_by_a_macro'])).toEqual([MODELLED]);
  });
});

describe('what a statement reads', () => {
  it.each([
    ['a constant', "SELECT 42, extract(year FROM DATE '2023-07-07'), trim(BOTH 'x' FROM 'xax')", [], [], []],
    [
      'tables of a FROM list and joins, aliases left out',
      'SELECT * FROM firms f, mine AS m JOIN projects p ON f.id = p.id',
      ['firms', 'mine', 'projects'],
      [],
      [],
    ],
    [
      'a subquery, a CTE and a qualified name',
      'WITH t AS (SELECT * FROM main.firms) SELECT * FROM t, (SELECT 1 FROM x) y',
      ['firms', 'x'],
      [],
      [],
    ],
    [
      'constant and catalog functions',
      "SELECT * FROM range(3), information_schema.tables, duckdb_tables(), pragma_table_info('firms')",
      [],
      [],
      [],
    ],
    [
      'files in FROM and in readers',
      "SELECT * FROM 'a.parquet' JOIN read_csv_auto('b.csv', header = true) USING (id), read_parquet(['c.parquet', 'd.parquet'])",
      [],
      ['a.parquet', 'b.csv', 'c.parquet', 'd.parquet'],
      [],
    ],
    ['a reader of a computed name', "SELECT * FROM read_parquet('x' || '.parquet')", [], [], ["read_parquet('x' || '.parquet')"]],
    ['a table macro and a prepared statement', 'EXECUTE p(1)', ['p'], [], []],
    ['a table macro call', 'SELECT * FROM m(2)', ['m'], [], []],
    ['a quoted file name', 'SELECT * FROM "x.parquet"', ['x.parquet'], [], []],
    ['IS DISTINCT FROM is no table', 'SELECT * FROM firms WHERE a IS DISTINCT FROM b', ['firms'], [], []],
  ] as const)('%s', (_n, sql, names, files, opaque) => {
    expect(sources(sql)).toEqual({ names, files, opaque });
  });
});

describe('reading a statement', () => {
  it('finds identifiers and strings outside comments, with quotes undone', () => {
    const m = mentions(`SELECT "a ""b""", x -- firms\nFROM 'it''s.parquet' /* projects */`);
    expect(m.names).toEqual(['select', 'a "b"', 'x', 'from']);
    expect(m.strings).toEqual(["it's.parquet"]);
  });
  it.each([
    ['CREATE OR REPLACE TEMP TABLE "My T" AS SELECT 1', { kind: 'create', name: 'my t', follows: false }],
    ['create view if not exists main.v as select 1', { kind: 'create', name: 'v', follows: true }],
    ['CREATE OR REPLACE MACRO m() AS TABLE SELECT * FROM firms', { kind: 'create', name: 'm', follows: true }],
    ['CREATE FUNCTION f(x) AS x + 1', { kind: 'create', name: 'f', follows: true }],
    ['PREPARE p AS SELECT * FROM firms', { kind: 'create', name: 'p', follows: true }],
    ['-- note\nINSERT INTO t VALUES (1)', { kind: 'write', name: 't' }],
    ["COPY t FROM 'x.csv'", { kind: 'write', name: 't' }],
    ["COPY firms TO 'x.parquet' (FORMAT PARQUET)", { kind: 'copy-to', file: 'x.parquet', source: 'SELECT * FROM firms' }],
    ["COPY main.firms (id, name) TO 'x.csv'", { kind: 'copy-to', file: 'x.csv', source: 'SELECT * FROM main.firms' }],
    ["copy (SELECT id FROM firms) to 'y.csv' (HEADER)", { kind: 'copy-to', file: 'y.csv', source: 'SELECT id FROM firms' }],
    ['DROP VIEW IF EXISTS firms', { kind: 'drop', name: 'firms' }],
    ['DROP MACRO TABLE m', { kind: 'drop', name: 'm' }],
    ['DEALLOCATE PREPARE p', { kind: 'drop', name: 'p' }],
    ['ALTER TABLE a RENAME TO b', { kind: 'rename', from: 'a', to: 'b' }],
    ['SELECT 1', { kind: 'other' }],
  ] as const)('%s', (sql, want) => {
    expect(effect(sql)).toEqual(want);
  });
});

describe('which sites a data= link may load from', async () => {
  const { checkDataUrl, parsePolicy } = await import('../../src/lib/data/origins');
  const PAGE = 'https://stats.example.gov.cn';
  it.each([
    ['no other site by default', null, 'https://other.example/m.json', false, 'other.example'],
    ['no other site for an empty list', '', 'https://other.example/m.json', false, 'other.example'],
    ['any site when the deployment says *', '*', 'https://other.example/m.json', true, 'other.example'],
    ['this site always', 'self', '/data/scale/1m/manifest.json', true, null],
    ['a listed site', "'self' https://data.example.org", 'https://data.example.org/x/manifest.json', true, 'data.example.org'],
    ['not an unlisted site', 'self https://data.example.org', 'https://evil.example/manifest.json', false, 'evil.example'],
    ['not a protocol-relative link to an unlisted site', 'self', '//evil.example/m.json', false, 'evil.example'],
    ['never a javascript: or data: URL', '*', 'javascript:alert(1)', false, 'javascript:'],
  ] as const)('accepts %s', (_n, meta, url, accepted, foreign) => {
    expect(checkDataUrl(url, PAGE, parsePolicy(meta, PAGE))).toEqual({ accepted, foreign });
  });
});

describe('contentSecurityPolicy (index.html, from JIANGHAI_DATA_ORIGINS)', () => {
  const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));
  it('any origin: connections anywhere, scripts and workers only from this site', () => {
    const csp = contentSecurityPolicy('*');
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(directive(csp, 'worker-src')).toBe("worker-src 'self' blob:");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' * blob: data:");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
  });
  it('a list: connections only to this site and the listed origins', () => {
    expect(directive(contentSecurityPolicy('self https://data.example.org/x/ http://10.0.0.2:8080'), 'connect-src')).toBe(
      "connect-src 'self' https://data.example.org http://10.0.0.2:8080 blob: data:",
    );
    expect(directive(contentSecurityPolicy('self'), 'connect-src')).toBe("connect-src 'self' blob: data:");
    expect(directive(contentSecurityPolicy(''), 'connect-src')).toBe("connect-src 'self' blob: data:");
  });
});

describe('a data= manifest that states no origin (audit G12d)', () => {
  /** A static server in a function: GET, HEAD and single byte ranges of the given files. */
  const serve =
    (files: Record<string, Uint8Array | string>): typeof fetch =>
    async (input, init) => {
      const url = String(input);
      const body = files[url];
      if (body === undefined) return new Response('not found', { status: 404 });
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const headers = new Headers({ 'Content-Length': String(bytes.length) });
      if (init?.method === 'HEAD') return new Response(null, { status: 200, headers });
      const range = /^bytes=(\d+)-(\d*)$/.exec(new Headers(init?.headers).get('Range') ?? '');
      if (!range) return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { status: 200, headers });
      const end = range[2] ? Number(range[2]) + 1 : bytes.length;
      return new Response(new Blob([bytes.slice(Number(range[1]), end) as Uint8Array<ArrayBuffer>]), { status: 206 });
    };
  const BASE = 'https://other.example/d/';

  it("takes each table's origin from its Parquet file's key-value metadata, as that site's claim, before saying none is given", async () => {
    resetRegistry();
    const manifest = JSON.parse(readFileSync('data/manifest.json', 'utf8'));
    delete manifest.source;
    for (const t of manifest.tables) delete t.provenance;
    await describeDataset(
      `${BASE}manifest.json`,
      'https://jianghai.example',
      serve({
        [`${BASE}manifest.json`]: JSON.stringify(manifest),
        [`${BASE}firms.parquet`]: new Uint8Array(readFileSync('data/firms.parquet')),
        [`${BASE}schools.parquet`]: new Uint8Array(readFileSync('data/schools.parquet')),
        [`${BASE}projects.parquet`]: 'not a Parquet file',
      }),
    );
    const firms = provenanceOf(['firms']);
    expect(firms.foreign).toEqual(['other.example']);
    expect(firms.modelled).toBe(true);
    expect(sourceLine(firms, 'en')).toMatch(
      /^Data from other\.example \(that site names its source as: Jiangmen Daily, 7 July 2023; modelled firm rows;/,
    );
    expect(quotesHold(firms, ['ei_firms'])).toBe(false);
    expect(sourceLine(provenanceOf(['schools']), 'zh')).toMatch(
      /^来自 other\.example 的数据（该网站自称来源：《江门日报》2023年7月7日，本站未核实）$/,
    );
    // A file that states nothing (or is no Parquet file) leaves the site's data unattributed, and says so.
    expect(sourceLine(provenanceOf(['projects']), 'en')).toBe('Data from other.example (no source given)');
  });
});
