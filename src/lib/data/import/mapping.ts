/**
 * Mapping a user's firm table onto the bundled `firms` schema, so that every explorer view runs on
 * it: suggestions from Chinese and English header names, and the SQL that builds the mapped table
 * (columns not mapped become NULL; category values are normalised to the bundled vocabulary).
 */
import { quoteIdent, quoteLiteral } from '../../sql';
import { headerMoneyUnit } from './number';

export type FirmField =
  | 'id'
  | 'name'
  | 'segment'
  | 'area'
  | 'scale_class'
  | 'srdi_level'
  | 'single_champion'
  | 'output_2022'
  | 'employees'
  | 'founded';

export const FIRM_FIELDS: readonly FirmField[] = ['id', 'name', 'segment', 'area', 'scale_class', 'srdi_level', 'single_champion', 'output_2022', 'employees', 'founded'];

/** Header names that mean each field, most specific first; compared after normalising (see `normalizeHeader`). */
const SYNONYMS: Record<FirmField, string[]> = {
  id: ['id', '编号', '企业编号', '企业id', 'firmid', '统一社会信用代码', '社会信用代码', '信用代码', '组织机构代码', 'code', '代码', '序号', 'no'],
  name: ['name', '企业名称', '公司名称', '单位名称', '名称', '企业', '公司', '单位', 'firm', 'firmname', 'company', 'companyname', 'enterprise'],
  segment: ['segment', '细分领域', '细分行业', '产业领域', '所属领域', '领域', '所属行业', '行业类别', '行业', '产业', 'sector', 'industry', 'subsector'],
  area: ['area', '街道', '所属街道', '所在街道', '镇街', '所属镇街', '区域', '地区', '所在地', 'subdistrict', 'district', 'town', 'location'],
  scale_class: ['scaleclass', '规模类型', '企业规模', '规模', '是否规上', '是否规上企业', '规上', '规模以上', 'sizeclass', 'size', 'scale', 'abovedesignatedsize', 'abovesize'],
  srdi_level: ['srdilevel', '专精特新等级', '专精特新级别', '专精特新类型', '专精特新', '是否专精特新', '小巨人', 'srdi', 'srdititle'],
  single_champion: ['singlechampion', '制造业单项冠军', '单项冠军', '是否单项冠军', 'champion'],
  output_2022: ['output2022', '2022年产值', '2022产值', '产值2022', '工业总产值', '总产值', '年产值', '产值', 'grossoutput', 'output', '营业收入', '营收', 'revenue'],
  employees: ['employees', '从业人员', '从业人数', '员工人数', '职工人数', '员工数', '员工', '人数', 'employee', 'staff', 'headcount', 'workers'],
  founded: ['founded', '成立年份', '成立时间', '成立日期', '注册时间', '注册日期', '成立', 'foundingyear', 'yearfounded', 'founded year', 'established', 'founding'],
};

/** Lower case, no units in brackets, no spaces, underscores or punctuation: "产值（万元）" -> "产值". */
function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s_\-.:：/\\·,，]+/g, '');
}

export type FirmMapping = Record<FirmField, string | null>;

/** Unit of the source output column, as a factor to yuan: the firm schema stores 万元 (10^4). */
export interface MappingOptions {
  outputFactor: number;
  /** The source rows are modelled (a re-imported export of modelled rows): the `modelled` column says so. */
  modelled?: boolean;
}

/**
 * Suggests a source column per field: exact synonym matches first, then headers containing a
 * synonym; each column is used once, and the better match wins a contested column.
 */
export function suggestMapping(columns: readonly string[]): FirmMapping {
  const candidates: { field: FirmField; column: string; score: number }[] = [];
  for (const column of columns) {
    const h = normalizeHeader(column);
    if (!h) continue;
    for (const field of FIRM_FIELDS) {
      SYNONYMS[field].forEach((syn, rank) => {
        const s = normalizeHeader(syn);
        let score = 0;
        if (h === s) score = 100 - rank;
        // Substrings only count for synonyms long enough not to match by accident ("id" in "paid").
        else if ((/[\u4e00-\u9fff]/.test(s) ? s.length >= 2 : s.length >= 4) && h.includes(s)) score = 50 - rank;
        if (score > 0) candidates.push({ field, column, score });
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const mapping = Object.fromEntries(FIRM_FIELDS.map((f) => [f, null])) as FirmMapping;
  const used = new Set<string>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || used.has(c.column)) continue;
    mapping[c.field] = c.column;
    used.add(c.column);
  }
  return mapping;
}

/** Money unit suggested for the output column from its header; 万元 when the header does not say. */
export const suggestOutputFactor = (header: string | null): number => (header ? headerMoneyUnit(header)?.factor : undefined) ?? 1e4;

const list = (xs: readonly string[]) => xs.map(quoteLiteral).join(', ');
const SCALE_UP = ['规上', '规模以上', '规上企业', '规模以上企业', '上', '是', 'yes', 'y', 'true', '1', 'above', 'above designated size', 'above-size', 'above size'];
const SCALE_DOWN = ['规下', '规模以下', '规下企业', '规模以下企业', '下', '否', 'no', 'n', 'false', '0', 'below', 'below designated size', 'below-size', 'below size'];
const YES = ['是', 'yes', 'y', 'true', '1', '√', '✓', 't', '有'];
const NO = ['否', 'no', 'n', 'false', '0', '×', 'f', '无', '-', ''];

/** SQL type names DuckDB reports, grouped the way the mapping treats them. */
const isNumeric = (t: string) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/i.test(t);
const isTemporal = (t: string) => /^(DATE|TIMESTAMP)/i.test(t);

/**
 * Expressions mapping a source row onto the firm schema, in the bundled column order and types.
 * `types` gives the DuckDB type of each source column (from information_schema).
 */
function firmColumns(mapping: FirmMapping, types: Readonly<Record<string, string>>, options: MappingOptions): { name: string; expr: string }[] {
  const col = (f: FirmField) => (mapping[f] ? quoteIdent(mapping[f]!) : null);
  const typeOf = (f: FirmField) => (mapping[f] ? types[mapping[f]!] ?? 'VARCHAR' : 'VARCHAR');
  const norm = (c: string) => `lower(trim(CAST(${c} AS VARCHAR)))`;
  const text = (f: FirmField) => {
    const c = col(f);
    return c ? `NULLIF(trim(CAST(${c} AS VARCHAR)), '')` : 'CAST(NULL AS VARCHAR)';
  };
  const number = (f: FirmField) => {
    const c = col(f);
    if (!c) return null;
    return isNumeric(typeOf(f)) ? `CAST(${c} AS DOUBLE)` : `TRY_CAST(replace(trim(CAST(${c} AS VARCHAR)), ',', '') AS DOUBLE)`;
  };
  const integer = (expr: string | null) => (expr ? `TRY_CAST(round(${expr}) AS INTEGER)` : 'CAST(NULL AS INTEGER)');

  const id = col('id') ? text('id') : `'U' || lpad(CAST(row_number() OVER () AS VARCHAR), 5, '0')`;
  const scale = col('scale_class')
    ? `CASE WHEN ${norm(col('scale_class')!)} IN (${list(SCALE_UP)}) THEN '规上' WHEN ${norm(col('scale_class')!)} IN (${list(SCALE_DOWN)}) THEN '规下' END`
    : 'CAST(NULL AS VARCHAR)';
  const s = col('srdi_level') ? norm(col('srdi_level')!) : null;
  const srdi = s
    ? `CASE WHEN ${s} LIKE '%小巨人%' OR ${s} LIKE '%little giant%' OR ${s} LIKE '%national%' OR ${s} LIKE '国家级%' THEN '国家级小巨人' ` +
      `WHEN ${s} LIKE '%专精特新%' OR ${s} LIKE '%srdi%' OR ${s} LIKE '%provincial%' OR ${s} LIKE '省级%' OR ${s} IN (${list(YES.filter((y) => y !== '有'))}) THEN '省级专精特新' ` +
      `WHEN ${s} IS NULL OR ${s} IN (${list(NO)}) OR ${s} IN ('none', '非专精特新', 'no srdi title') THEN '无' END`
    : 'CAST(NULL AS VARCHAR)';
  const ch = col('single_champion') ? norm(col('single_champion')!) : null;
  const champion = ch
    ? `CASE WHEN ${ch} IN (${list(YES)}) OR ${ch} LIKE '%冠军%' OR ${ch} LIKE '%champion%' THEN TRUE WHEN ${ch} IS NULL OR ${ch} IN (${list(NO)}) THEN FALSE END`
    : 'CAST(NULL AS BOOLEAN)';
  const output = number('output_2022');
  // The schema stores output in 万元; the factor says how many yuan one unit of the source is.
  const outputWan = output ? `(${output}) * ${quoteLiteral(options.outputFactor / 1e4)}` : null;
  let founded = 'CAST(NULL AS INTEGER)';
  const f = col('founded');
  if (f) {
    const t = typeOf('founded');
    if (isTemporal(t)) founded = `CAST(year(${f}) AS INTEGER)`;
    else if (isNumeric(t)) founded = integer(`CAST(${f} AS DOUBLE)`);
    else founded = `TRY_CAST(NULLIF(regexp_extract(CAST(${f} AS VARCHAR), '(1[6-9][0-9][0-9]|20[0-9][0-9])', 1), '') AS INTEGER)`;
  }
  return [
    { name: 'id', expr: id },
    { name: 'name', expr: text('name') },
    { name: 'segment', expr: text('segment') },
    { name: 'area', expr: text('area') },
    { name: 'scale_class', expr: scale },
    { name: 'srdi_level', expr: srdi },
    { name: 'single_champion', expr: champion },
    { name: 'output_2022', expr: integer(outputWan) },
    { name: 'employees', expr: integer(number('employees')) },
    { name: 'founded', expr: founded },
    { name: 'modelled', expr: options.modelled ? 'TRUE' : 'FALSE' },
  ];
}

/** SELECT list and FROM clause mapping `source` onto the firm schema. */
export function firmSelectSql(source: string, mapping: FirmMapping, types: Readonly<Record<string, string>>, options: MappingOptions): string {
  return firmColumns(mapping, types, options).map((c) => `${c.expr} AS ${c.name}`).join(',\n  ') + `\nFROM ${quoteIdent(source)}`;
}

/** Statements that build the mapped table and point the `firms` view at it. */
export function firmMappingStatements(source: string, mapping: FirmMapping, types: Readonly<Record<string, string>>, options: MappingOptions): string[] {
  return [
    `CREATE OR REPLACE TABLE firms_user AS SELECT\n  ${firmSelectSql(source, mapping, types, options)}`,
    `CREATE OR REPLACE VIEW firms AS SELECT * FROM firms_user`,
  ];
}

/**
 * For each mapped field that converts values (categories, numbers, years), how many source values
 * were not recognised and became NULL, with up to three examples: shown next to the mapping so
 * nothing is dropped silently.
 */
export function unrecognisedSql(source: string, mapping: FirmMapping, types: Readonly<Record<string, string>>, options: MappingOptions): string | null {
  const exprs = new Map(firmColumns(mapping, types, options).map((c) => [c.name, c.expr]));
  const parts: string[] = [];
  for (const field of ['scale_class', 'srdi_level', 'single_champion', 'output_2022', 'employees', 'founded'] as const) {
    const c = mapping[field];
    if (!c) continue;
    const v = `CAST(${quoteIdent(c)} AS VARCHAR)`;
    parts.push(`SELECT ${quoteLiteral(field)} AS field, ${v} AS value FROM ${quoteIdent(source)} WHERE ${v} IS NOT NULL AND trim(${v}) <> '' AND (${exprs.get(field)}) IS NULL`);
  }
  if (parts.length === 0) return null;
  return `WITH bad AS (${parts.join('\nUNION ALL\n')}) SELECT field, count(*)::INTEGER AS n, list(DISTINCT value)[1:3] AS examples FROM bad GROUP BY field ORDER BY field`;
}
