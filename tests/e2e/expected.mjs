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
