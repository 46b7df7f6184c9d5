// The catalog of built tables: column order, SQL types, bilingual labels, units and provenance. The
// build writes Parquet in exactly this column order and copies this into data/manifest.json, so the
// app and data/README.md have a single source to agree with. Words that quote published figures
// are made from the figures (published-figures.csv), so they cannot drift from the data.
import { FIRM_FACTS, PROJECT_FACTS } from './targets.mjs';

const WAN_YUAN = { zh: '万元', en: '10k yuan' };
const WAN_M2 = { zh: '万平方米', en: '10k m²' };

const col = (name, type, zh, en, unit = null) => ({ name, type, label: { zh, en }, unit });

export const SOURCE = {
  // The file is the whole Jianghai news page of that day; the cluster figures come from its lead
  // report, the schools and Enping figures from reports on the same page.
  title_zh: '产业集群发展成效显著 江海区现有新一代电子信息企业近1700家（及同版报道）',
  title_en:
    'Industrial cluster shows marked results: Jianghai has nearly 1,700 new-generation electronic-information firms (and other reports on the same page)',
  publisher: '江门日报 Jiangmen Daily',
  date: '2023-07-07',
  file: 'jiangmen-daily-jianghai-2023-07-07.txt',
};

const FACTS_COLUMNS = [
  col('id', 'VARCHAR', '编号', 'ID'),
  col('topic', 'VARCHAR', '主题', 'Topic'),
  col('indicator_zh', 'VARCHAR', '指标（中文）', 'Indicator (Chinese)'),
  col('indicator_en', 'VARCHAR', '指标（英文）', 'Indicator (English)'),
  col('value', 'DOUBLE', '数值', 'Value'),
  col('value_text', 'VARCHAR', '原文数值', 'Value as published'),
  col('unit', 'VARCHAR', '单位', 'Unit'),
  col('period', 'VARCHAR', '时期', 'Period'),
  col('qualifier', 'VARCHAR', '限定词', 'Qualifier'),
  col('entity', 'VARCHAR', '对象', 'Entity'),
  col('quote', 'VARCHAR', '原文引语', 'Quote'),
];

const FIRMS_COLUMNS = [
  col('id', 'VARCHAR', '编号', 'ID'),
  col('name', 'VARCHAR', '名称（虚构）', 'Name (placeholder)'),
  col('segment', 'VARCHAR', '细分领域', 'Segment'),
  col('area', 'VARCHAR', '街道', 'Subdistrict'),
  col('scale_class', 'VARCHAR', '规模', 'Size class'),
  col('srdi_level', 'VARCHAR', '专精特新', 'SRDI level'),
  col('single_champion', 'BOOLEAN', '制造业单项冠军', 'Single champion'),
  col('output_2022', 'INTEGER', '2022年产值', 'Output 2022', WAN_YUAN),
  col('employees', 'INTEGER', '从业人员', 'Employees', { zh: '人', en: 'people' }),
  col('founded', 'INTEGER', '成立年份', 'Year founded'),
  col('modelled', 'BOOLEAN', '模拟数据', 'Modelled'),
];

const PROJECTS_COLUMNS = [
  col('id', 'VARCHAR', '编号', 'ID'),
  col('name', 'VARCHAR', '项目名称（虚构）', 'Name (placeholder, Chinese)'),
  col('name_en', 'VARCHAR', '项目名称（英文，虚构）', 'Name (placeholder)'),
  col('segment', 'VARCHAR', '细分领域', 'Segment'),
  col('planned_wan', 'DOUBLE', '计划投资', 'Planned investment', WAN_YUAN),
  col('completed_wan', 'DOUBLE', '完成投资', 'Completed investment', WAN_YUAN),
  col('modelled', 'BOOLEAN', '模拟数据', 'Modelled'),
];

const SCHOOLS_COLUMNS = [
  col('id', 'VARCHAR', '编号', 'ID'),
  col('name_zh', 'VARCHAR', '学校', 'School (Chinese)'),
  col('name_en', 'VARCHAR', '学校（英文）', 'School'),
  col('land_area_wan_m2', 'DOUBLE', '用地面积', 'Land area', WAN_M2),
  col('floor_area_wan_m2', 'DOUBLE', '建筑面积', 'Floor area', WAN_M2),
  col('area_qualifier', 'VARCHAR', '面积限定词', 'Area qualifier'),
  col('classes', 'INTEGER', '班数', 'Classes', { zh: '个', en: 'classes' }),
  col('seats', 'INTEGER', '学位', 'Seats', { zh: '个', en: 'seats' }),
  col('opening', 'VARCHAR', '计划投入使用', 'Planned opening'),
  col('modelled', 'BOOLEAN', '模拟数据', 'Modelled'),
];

const ENPING_COLUMNS = [
  col('id', 'VARCHAR', '编号', 'ID'),
  col('company_zh', 'VARCHAR', '企业', 'Company (Chinese)'),
  col('company_en', 'VARCHAR', '企业（英文）', 'Company'),
  col('investment_wan', 'INTEGER', '投资额', 'Investment', WAN_YUAN),
  col('fact_id', 'VARCHAR', '数据编号', 'Fact ID'),
  col('modelled', 'BOOLEAN', '模拟数据', 'Modelled'),
];

/**
 * The article as the source of a table's provenance, in the shape the app reads
 * (src/lib/data/provenance.ts SourceRef). The manifest's top-level `source` stays in the older
 * SOURCE shape, which other code reads.
 */
export const ARTICLE = {
  publisher: { zh: '江门日报', en: 'Jiangmen Daily' },
  title: { zh: SOURCE.title_zh, en: SOURCE.title_en },
  date: SOURCE.date,
  url: null,
  file: SOURCE.file,
};

/** Rows taken from the article; `facts` = ids of the published figures they reproduce exactly. */
const published = (facts) => ({ kind: 'published', source: ARTICLE, facts });
/** Rows made by a model; `facts` = ids of the published figures they are calibrated to reproduce. */
const modelled = (facts, rows) => ({ kind: 'modelled', source: ARTICLE, facts, rows });

/**
 * Topics of published-figures.csv that the facts table's description below covers. A row with
 * another topic fails the build, so the description cannot silently stop saying what is in the table.
 */
export const FACT_TOPICS = ['electronics_cluster', 'investment', 'schools', 'rural_revitalisation', 'talent'];

function checkFactTopics(facts) {
  for (const f of facts) {
    if (!FACT_TOPICS.includes(f.topic)) {
      throw new Error(
        `published-figures.csv: ${f.id} has topic "${f.topic}", which the facts table's description does not cover; ` +
          `say what it is in factsDescription and add the topic to FACT_TOPICS (scripts/lib/schema.mjs)`,
      );
    }
  }
}

/** 1681 -> "1,681": English digit grouping, without depending on the ICU data Node was built with. */
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// What the facts table holds, and which numbers of the same page it leaves out (see
// ../shared/seed/jiangmen-daily-jianghai-2023-07-07.txt): words only, the count comes from the CSV.
function factsDescription(facts) {
  checkFactTopics(facts);
  const n = facts.length;
  return {
    zh:
      `《江门日报》2023年7月7日江海新闻版发布的${n}个数字，均附原文引语与限定词（超、约/近、计划）：` +
      '新一代电子信息产业集群（含2004年获评国家电子信息产业基地）及其重点建设项目、两所在建小学、在恩平投资的企业，' +
      '以及江海—恩平协作的成效。不含该版的其他数字，如：各项活动的日期（包括7月6日数据要素服务工作站揭牌）、' +
      '2016年（提出发展战略性新兴产业的目标）、“1+3+2”现代化产业体系、《2023年广东省中小企业特色产业集群拟认定名单》，' +
      '以及外海街道庆“七一”活动的百余名、16名、80余幅、20余名。',
    en:
      `The ${n} figures the Jiangmen Daily's Jianghai news page of 7 July 2023 publishes about the new-generation ` +
      'electronic-information cluster (including 2004, the year it was named a national industry base), its key construction ' +
      'projects, the two primary schools under construction, the firms investing in Enping and the results of the ' +
      'Jianghai–Enping cooperation, each with its original quote and qualifier (over, about, planned). The page’s other ' +
      'numbers are not included, such as the dates of events (among them the opening of the data-element service station ' +
      'on 6 July), 2016 (when the district set its strategic emerging-industry goals), the “1+3+2” modern industrial ' +
      'system, the 2023 Guangdong list of SME industrial clusters, and the 百余名 / 16名 / 80余幅 / 20余名 of the Waihai ' +
      'Subdistrict’s 1 July event.',
  };
}

// The firm totals as the model reproduces them. Output is calibrated to the published value; when the
// article says 超 (over) that value is a lower bound, and the words say so rather than repeat "over".
function firmsDescription(t, outputFact) {
  const yi = t.output2022Wan / 10_000;
  const lowerBound = outputFact?.qualifier === 'over';
  const outputZh = lowerBound
    ? `2022年模拟产值合计正好${yi}亿元，即已发布“超${yi}亿元”的下限`
    : `2022年模拟产值合计正好${yi}亿元，与已发布数字相同`;
  const outputEn = lowerBound
    ? `The modelled 2022 outputs sum to exactly ${yi} 亿元, the lower bound of the published “超${yi}亿元 / over ${yi / 10} billion yuan”.`
    : `The modelled 2022 outputs sum to exactly ${yi} 亿元, the published figure.`;
  return {
    zh:
      `${t.firms}家新一代电子信息企业的模拟名录：每行为虚构企业，仅汇总数与已发布数据一致（企业数、规上${t.aboveScale}家、` +
      `专精特新${t.provincialSrdi}家、小巨人${t.littleGiant}家、单项冠军${t.singleChampion}家）；${outputZh}。不代表任何真实企业。`,
    en:
      `Modelled register of the ${grouped(t.firms)} electronic-information firms: every row is fictitious; only the aggregates ` +
      `match the published figures (firm count, ${t.aboveScale} above-scale, ${t.provincialSrdi} provincial SRDI, ` +
      `${plural(t.littleGiant, 'little giant', 'little giants')}, ${plural(t.singleChampion, 'single champion', 'single champions')}). ` +
      `${outputEn} No row describes a real firm.`,
  };
}

function projectsDescription(t) {
  const yi = t.completedCents / 1_000_000;
  return {
    zh: `${t.projects}个重点建设项目的模拟明细：项目为虚构，仅合计与已发布数据一致（累计完成投资${yi}亿元，超额完成${t.overPlanPercent}%）。`,
    en:
      `Modelled detail of the ${t.projects} key construction projects: projects are fictitious; only the totals match the ` +
      `published figures (${yi} 亿元 completed, ${t.overPlanPercent} % above plan).`,
  };
}

/**
 * The tables the build writes, in manifest order. `facts` are the parsed rows of
 * published-figures.csv; `firms` and `projects` the calibration targets read from them (targets.mjs).
 */
export function catalog({ facts, firms, projects }) {
  const outputFact = facts.find((f) => f.id === FIRM_FACTS.output2022Wan.id);
  return [
    {
      name: 'facts',
      provenance: published(facts.map((f) => f.id)),
      label: { zh: '已发布数据', en: 'Published figures' },
      description: factsDescription(facts),
      columns: FACTS_COLUMNS,
    },
    {
      name: 'firms',
      provenance: modelled(
        Object.values(FIRM_FACTS).map((f) => f.id),
        { zh: '企业明细', en: 'firm rows' },
      ),
      label: { zh: '企业（模拟）', en: 'Firms (modelled)' },
      description: firmsDescription(firms, outputFact),
      columns: FIRMS_COLUMNS,
    },
    {
      name: 'projects',
      provenance: modelled(
        Object.values(PROJECT_FACTS).map((f) => f.id),
        { zh: '项目明细', en: 'project rows' },
      ),
      label: { zh: '重点建设项目（模拟）', en: 'Key projects (modelled)' },
      description: projectsDescription(projects),
      columns: PROJECTS_COLUMNS,
    },
    {
      name: 'schools',
      provenance: published([
        'school_jx_land',
        'school_jx_floor',
        'school_jx_classes',
        'school_jx_seats',
        'school_gx1_land',
        'school_gx1_floor',
        'school_gx1_classes',
        'school_gx1_seats',
        'school_opening',
      ]),
      label: { zh: '新建学校', en: 'New schools' },
      description: {
        zh: '报道中的两所在建小学：面积为约数，班数、学位与计划投入使用时间为原文数字。',
        en: 'The two primary schools under construction named in the article: areas are approximate; classes, seats and planned opening are as published.',
      },
      columns: SCHOOLS_COLUMNS,
    },
    {
      name: 'enping_investments',
      provenance: published(['enping_jinlong', 'enping_hongyuda', 'enping_keyi']),
      label: { zh: '在恩平投资的企业', en: 'Investments in Enping' },
      description: {
        zh: '报道中列出的三家在恩平投资兴业的企业及其投资额（原文数字）。',
        en: 'The three firms the article names as investing in Enping, with their investment as published.',
      },
      columns: ENPING_COLUMNS,
    },
  ];
}
