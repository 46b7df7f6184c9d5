// The catalog of built tables: column order, SQL types, bilingual labels and units. The build
// writes Parquet in exactly this column order and copies this into data/manifest.json, so the app
// and data/README.md have a single source to agree with.

const WAN_YUAN = { zh: '万元', en: '10k yuan' };
const WAN_M2 = { zh: '万平方米', en: '10k m²' };

const col = (name, type, zh, en, unit = null) => ({ name, type, label: { zh, en }, unit });

export const SOURCE = {
  // The file is the whole Jianghai news page of that day; the cluster figures come from its lead
  // report, the schools and Enping figures from reports on the same page.
  title_zh: '产业集群发展成效显著 江海区现有新一代电子信息企业近1700家（及同版报道）',
  title_en: 'Industrial cluster shows marked results: Jianghai has nearly 1,700 new-generation electronic-information firms (and other reports on the same page)',
  publisher: '江门日报 Jiangmen Daily',
  date: '2023-07-07',
  file: 'jiangmen-daily-jianghai-2023-07-07.txt',
};

export const TABLES = [
  {
    name: 'facts',
    provenance: 'published',
    label: { zh: '已发布数据', en: 'Published figures' },
    description: {
      zh: '《江门日报》2023年7月7日报道中发布的全部数字，附原文引语与限定词（超、约、计划）。',
      en: 'Every figure published in the Jiangmen Daily article of 7 July 2023, with its original quote and qualifier (over, about, planned).',
    },
    sourceFacts: [],
    columns: [
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
    ],
  },
  {
    name: 'firms',
    provenance: 'modelled',
    label: { zh: '企业（模拟）', en: 'Firms (modelled)' },
    description: {
      zh: '1681家新一代电子信息企业的模拟名录：每行为虚构企业，仅汇总数与已发布数据一致（企业数、规上145家、专精特新36家、小巨人1家、单项冠军1家、2022年总产值270亿元）。不代表任何真实企业。',
      en: 'Modelled register of the 1,681 electronic-information firms: every row is fictitious; only the aggregates match the published figures (firm count, 145 above-scale, 36 provincial SRDI, 1 little giant, 1 single champion, 2022 output 270 亿元). No row describes a real firm.',
    },
    sourceFacts: ['ei_firms', 'ei_above_scale', 'ei_prov_srdi', 'ei_little_giant', 'ei_single_champion', 'ei_output_2022'],
    columns: [
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
    ],
  },
  {
    name: 'projects',
    provenance: 'modelled',
    label: { zh: '重点建设项目（模拟）', en: 'Key projects (modelled)' },
    description: {
      zh: '20个重点建设项目的模拟明细：项目为虚构，仅合计与已发布数据一致（累计完成投资27.79亿元，超额完成5.82%）。',
      en: 'Modelled detail of the 20 key construction projects: projects are fictitious; only the totals match the published figures (27.79 亿元 completed, 5.82 % above plan).',
    },
    sourceFacts: ['ei_key_projects', 'ei_key_projects_invest', 'ei_key_projects_over_plan'],
    columns: [
      col('id', 'VARCHAR', '编号', 'ID'),
      col('name', 'VARCHAR', '项目名称（虚构）', 'Name (placeholder, Chinese)'),
      col('name_en', 'VARCHAR', '项目名称（英文，虚构）', 'Name (placeholder)'),
      col('segment', 'VARCHAR', '细分领域', 'Segment'),
      col('planned_wan', 'DOUBLE', '计划投资', 'Planned investment', WAN_YUAN),
      col('completed_wan', 'DOUBLE', '完成投资', 'Completed investment', WAN_YUAN),
      col('modelled', 'BOOLEAN', '模拟数据', 'Modelled'),
    ],
  },
  {
    name: 'schools',
    provenance: 'published',
    label: { zh: '新建学校', en: 'New schools' },
    description: {
      zh: '报道中的两所在建小学：面积为约数，班数、学位与计划投入使用时间为原文数字。',
      en: 'The two primary schools under construction named in the article: areas are approximate; classes, seats and planned opening are as published.',
    },
    sourceFacts: [
      'school_jx_land', 'school_jx_floor', 'school_jx_classes', 'school_jx_seats',
      'school_gx1_land', 'school_gx1_floor', 'school_gx1_classes', 'school_gx1_seats', 'school_opening',
    ],
    columns: [
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
    ],
  },
  {
    name: 'enping_investments',
    provenance: 'published',
    label: { zh: '在恩平投资的企业', en: 'Investments in Enping' },
    description: {
      zh: '报道中列出的三家在恩平投资兴业的企业及其投资额（原文数字）。',
      en: 'The three firms the article names as investing in Enping, with their investment as published.',
    },
    sourceFacts: ['enping_jinlong', 'enping_hongyuda', 'enping_keyi'],
    columns: [
      col('id', 'VARCHAR', '编号', 'ID'),
      col('company_zh', 'VARCHAR', '企业', 'Company (Chinese)'),
      col('company_en', 'VARCHAR', '企业（英文）', 'Company'),
      col('investment_wan', 'INTEGER', '投资额', 'Investment', WAN_YUAN),
      col('fact_id', 'VARCHAR', '数据编号', 'Fact ID'),
      col('modelled', 'BOOLEAN', '模拟数据', 'Modelled'),
    ],
  },
];
