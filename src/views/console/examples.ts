/** Example queries about the cluster, for students: each runs on the bundled tables (checked in unit tests). */
import type { Lang } from '../../lib/format/number';

export interface Example {
  id: string;
  title: Record<Lang, string>;
  sql: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'published',
    title: { zh: '报道公布的数字（见“来源与方法”）', en: 'The published figures (see Sources and method)' },
    sql: `-- Published figures with their qualifier (exact, approx, over, planned)
SELECT indicator_zh, indicator_en, value_text, unit, qualifier
FROM facts
ORDER BY id;`,
  },
  {
    id: 'segments',
    title: { zh: '各细分领域企业数及占比', en: 'Firms per segment and their share' },
    sql: `SELECT segment,
       count(*) AS firms,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share_pct
FROM firms
GROUP BY segment
ORDER BY firms DESC;`,
  },
  {
    id: 'above-size',
    title: { zh: '规上企业：各街道产值（亿元）', en: 'Above-size firms: output by subdistrict (100 million yuan)' },
    sql: `-- output_2022 is in 万元; 1 亿元 = 10,000 万元
SELECT area,
       count(*) AS firms,
       round(sum(output_2022) / 10000, 2) AS output_yi
FROM firms
WHERE scale_class = '规上'
GROUP BY area
ORDER BY output_yi DESC;`,
  },
  {
    id: 'srdi',
    title: { zh: '专精特新企业与单项冠军', en: 'SRDI firms and single champions' },
    sql: `SELECT srdi_level, single_champion, count(*) AS firms,
       median(output_2022) AS median_output_wan
FROM firms
WHERE srdi_level <> '无' OR single_champion
GROUP BY ALL
ORDER BY firms DESC;`,
  },
  {
    id: 'decades',
    title: { zh: '按成立年代统计企业数', en: 'Firms by decade founded' },
    sql: `SELECT (founded // 10) * 10 AS decade, count(*) AS firms
FROM firms
GROUP BY decade
ORDER BY decade;`,
  },
  {
    id: 'projects',
    title: { zh: '重点项目：完成投资与计划之比', en: 'Key projects: completed against plan' },
    sql: `SELECT name, planned_wan, completed_wan,
       round(100 * completed_wan / planned_wan, 1) AS pct_of_plan
FROM projects
ORDER BY pct_of_plan DESC;`,
  },
  {
    id: 'projects-total',
    title: { zh: '重点项目合计（应为27.79亿元，超计划5.82%）', en: 'Key projects in total (27.79 亿元, 5.82 % above plan)' },
    sql: `SELECT round(sum(completed_wan) / 10000, 2) AS completed_yi,
       round(100 * (sum(completed_wan) / sum(planned_wan) - 1), 2) AS pct_above_plan
FROM projects;`,
  },
];
