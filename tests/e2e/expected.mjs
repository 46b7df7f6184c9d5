// What the page must show, from the published figures (data/facts.json) and the chart contract.
// Kept apart from the tests so a reader can check the expectations against the article in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

export const FACTS = JSON.parse(readFileSync(join(ROOT, 'data', 'facts.json'), 'utf8'));

/** Published firms in the cluster: every firm-level chart must account for each of them. */
export const FIRMS = 1681;

/** KPI tiles as printed: [fact id, qualifier, number, unit, whole phrase (aria-label)]. */
export const KPIS = {
  zh: [
    ['ei_firms', '', '1,681', '家', '1,681家'],
    ['ei_output_2022', '超', '270', '亿元', '超270亿元'],
    ['ei_key_projects_invest', '', '27.79', '亿元', '27.79亿元'],
    ['ei_share_industrial', '', '36.33', '%', '36.33%'],
    ['school_jx_seats', '', '1,620', '个学位', '1,620个学位'],
    ['school_gx1_seats', '', '2,160', '个学位', '2,160个学位'],
  ],
  en: [
    ['ei_firms', '', '1,681', 'firms', '1,681 firms'],
    ['ei_output_2022', 'over', '27', 'billion yuan', 'over 27 billion yuan'],
    ['ei_key_projects_invest', '', '2.779', 'billion yuan', '2.779 billion yuan'],
    ['ei_share_industrial', '', '36.33', '%', '36.33%'],
    ['school_jx_seats', '', '1,620', 'seats', '1,620 seats'],
    ['school_gx1_seats', '', '2,160', 'seats', '2,160 seats'],
  ],
};

const AREAS = { 江南街道: 'Jiangnan Subdistrict', 外海街道: 'Waihai Subdistrict', 礼乐街道: 'Lile Subdistrict' };

const SEGMENTS = {
  电子关键元器件: 'Key electronic components',
  印刷电路板: 'Printed circuit boards',
  智能家电: 'Smart home appliances',
  汽车电子: 'Automotive electronics',
  LED照明器件: 'LED lighting devices',
};

/** Chart menu buttons, in page order. */
export const MENU = {
  zh: ['嵌入', '下载 SVG', '下载 PNG', '方形 PNG', '下载 CSV', '显示表格'],
  en: ['Embed', 'Download SVG', 'Download PNG', 'Square PNG', 'Download CSV', 'Show table'],
};

/**
 * Per chart, in page order: whether it rests on modelled rows, how many marks it draws, the data-row
 * values (and their label per language, where the label is part of the contract), the data-series
 * values, how many rows its table has, and whether its tooltips count firms (they must add up to all
 * of them). `marks: null` means "one per bin, more than ten"; `tableRows: null` means "one per mark";
 * `rectMarks: false` for charts whose mark is a curve.
 */
export const CHARTS = {
  'firms-by-segment': {
    modelled: true,
    marks: 5,
    rows: Object.keys(SEGMENTS),
    labels: { zh: Object.fromEntries(Object.keys(SEGMENTS).map((k) => [k, k])), en: SEGMENTS },
    series: null,
    tableRows: 5,
    countsFirms: true,
  },
  'firms-by-area': {
    modelled: true,
    marks: 3,
    rows: Object.keys(AREAS),
    labels: { zh: Object.fromEntries(Object.keys(AREAS).map((k) => [k, k])), en: AREAS },
    series: null,
    tableRows: 3,
    countsFirms: true,
  },
  'firms-by-scale-srdi': {
    modelled: true,
    marks: 6,
    rows: ['规上', '规下'],
    labels: {
      zh: { 规上: '规模以上', 规下: '规模以下' },
      en: { 规上: 'Above designated size', 规下: 'Below designated size' },
    },
    series: ['国家级小巨人', '省级专精特新', '无'],
    // The chart draws all six (one at zero width: no firm below designated size is a national
    // "little giant"); the table lists the five combinations that have firms.
    tableRows: 5,
    countsFirms: true,
  },
  'output-distribution': { modelled: true, marks: null, rows: null, series: null, tableRows: null, countsFirms: true },
  'founding-years': { modelled: true, marks: null, rows: null, series: null, tableRows: null, countsFirms: true },
  concentration: { modelled: true, marks: 1, rows: null, series: null, tableRows: undefined, rectMarks: false },
  'projects-investment': { modelled: true, marks: 40, distinctRows: 20, series: ['planned', 'completed'], tableRows: 20 },
  'enping-investments': { modelled: false, marks: 3, distinctRows: 3, series: ['yuan'], tableRows: 3 },
  schools: { modelled: false, marks: 10, distinctRows: 2, series: ['seats', 'classes', 'perClass', 'land', 'floor'], tableRows: 2 },
};

export const CHART_IDS = Object.keys(CHARTS);

// Exact answers for the linked views, computed outside the browser: native DuckDB (@duckdb/node-api)
// over the same data/firms.parquet the page reads. The filters below restate the public contract
// (URL keys and what they mean), not the app's SQL builders, so a wrong builder cannot agree with itself.

let firmsDb = null;

/** Rows of one query over the view `firms` (data/firms.parquet). Cast counts to INTEGER or DOUBLE. */
export async function firmsSql(query) {
  firmsDb ??= (async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    await conn.run(`CREATE VIEW firms AS SELECT * FROM read_parquet('${join(ROOT, 'data', 'firms.parquet').replaceAll("'", "''")}')`);
    return conn;
  })();
  return (await (await firmsDb).runAndReadAll(query)).getRowObjectsJS();
}

const lit = (v) => `'${String(v).replaceAll("'", "''")}'`;
/** Fine bin of the output histogram: hundredths of a decade of 2022 output (万元). */
const OUTPUT_BIN = 'floor(log10(output_2022) * 100)';

/**
 * Filters as the URL states them: `segment`, `area` and `breakdown` ("规上|无") are lists of values;
 * `output` and `founded` are half-open [lo, hi) ranges of fine bins (output) or years (founded).
 */
const PREDICATES = {
  segment: (vs) => `segment IN (${vs.map(lit).join(', ')})`,
  area: (vs) => `area IN (${vs.map(lit).join(', ')})`,
  breakdown: (vs) => `concat_ws('|', scale_class, srdi_level) IN (${vs.map(lit).join(', ')})`,
  output: ([lo, hi]) => `(${OUTPUT_BIN} >= ${lo} AND ${OUTPUT_BIN} < ${hi})`,
  founded: ([lo, hi]) => `(founded >= ${lo} AND founded < ${hi})`,
};

/** WHERE clause of every filter in `sels`, except the one named `except` (cross-filter semantics). */
export function firmsWhere(sels, except = null) {
  const preds = Object.entries(sels)
    .filter(([k, v]) => k !== except && v)
    .map(([k, v]) => PREDICATES[k](v));
  return preds.length ? `WHERE ${preds.join(' AND ')}` : '';
}

/** Key of a drawn bar or bin in each linked view, as SQL (bins: display bins, 10 fine output bins or one year). */
const VIEW_KEYS = {
  segment: 'segment',
  area: 'area',
  breakdown: "concat_ws('|', scale_class, srdi_level)",
  output: `CAST(floor(${OUTPUT_BIN} / 10) AS INTEGER)`,
  founded: 'founded',
};

/** Thousands separators as the page prints counts in both languages. */
export const grouped = (n) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);

/**
 * What every linked view must show under `sels`: firm counts per bar or bin (each view filtered by
 * the others only), the selection's count and output, the concentration measures as printed, and the
 * firm table's page of names under a sort.
 */
export async function expectedViews(sels, { sort = 'output_2022 DESC', page = 0 } = {}) {
  const views = {};
  for (const [view, key] of Object.entries(VIEW_KEYS)) {
    const rows = await firmsSql(
      `SELECT ${key} AS k, count(*)::INTEGER AS n FROM firms ${firmsWhere(sels, view)} GROUP BY k HAVING k IS NOT NULL ORDER BY k`,
    );
    views[view] = Object.fromEntries(rows.map((r) => [String(r.k), r.n]));
  }
  const where = firmsWhere(sels);
  const [total] = await firmsSql(
    `SELECT count(*)::INTEGER AS n, coalesce(sum(output_2022), 0)::DOUBLE AS s, coalesce(sum(output_2022::DOUBLE * output_2022), 0)::DOUBLE AS q FROM firms ${where}`,
  );
  const [top] = await firmsSql(
    `SELECT coalesce(sum(output_2022), 0)::DOUBLE AS t FROM (SELECT output_2022 FROM firms ${where} ORDER BY output_2022 DESC LIMIT 10)`,
  );
  // The Lorenz curve is drawn from groups of one fine output bin; its Gini is the area under that polyline.
  const groups = await firmsSql(
    `SELECT ${OUTPUT_BIN} AS b, count(*)::DOUBLE AS n, sum(output_2022)::DOUBLE AS s FROM firms ${where ? `${where} AND` : 'WHERE'} output_2022 > 0 GROUP BY b ORDER BY b`,
  );
  const N = groups.reduce((a, g) => a + g.n, 0);
  const S = groups.reduce((a, g) => a + g.s, 0);
  let [cn, cs, area] = [0, 0, 0];
  for (const g of groups) {
    const [f0, o0] = [cn / N, cs / S];
    cn += g.n;
    cs += g.s;
    area += ((cn / N - f0) * (cs / S + o0)) / 2;
  }
  const pct = (v) => `${(Math.round(v * 10) / 10).toFixed(1)}%`;
  const names = await firmsSql(`SELECT name FROM firms ${where} ORDER BY ${sort} NULLS LAST, id LIMIT 25 OFFSET ${page * 25}`);
  return {
    views,
    count: grouped(total.n),
    /** Total 2022 output in yuan (the column is in 万元). */
    outputYuan: total.s * 1e4,
    top10: pct(total.s ? (100 * top.t) / total.s : 0),
    hhi: grouped(Math.round(total.s ? (10_000 * total.q) / (total.s * total.s) : 0)),
    gini: (N && S ? Math.max(0, 1 - 2 * area) : 0).toFixed(2),
    names: names.map((r) => r.name),
    pages: Math.max(1, Math.ceil(total.n / 25)),
  };
}
