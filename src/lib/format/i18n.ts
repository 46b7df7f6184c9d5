import type { Lang } from './number';

// UI strings. Keys are English phrases so a missing translation still reads sensibly.
const ZH: Record<string, string> = {
  'Jianghai electronic-information cluster': '江海区新一代电子信息产业集群',
  'Jianghai District, Jiangmen · figures published by Jiangmen Daily, 7 July 2023': '江门市江海区 · 数据来源：《江门日报》2023年7月7日',
  Explore: '探索',
  Data: '数据',
  SQL: 'SQL 查询',
  'Sources and method': '来源与方法',
  Language: '语言',
  'Published figures': '公开数据',
  'Starting the query engine': '正在启动查询引擎',
  'Query engine ready': '查询引擎已就绪',
  'The query engine could not start': '查询引擎无法启动',
  'Loading data': '正在加载数据',
  'Modelled data': '模拟数据',
  'Built on modelled rows that reproduce the published totals; not real firm data.': '基于按公开总量校准的模拟数据，并非真实企业数据。',
  Source: '来源',
  'Show quote': '查看原文',
  Quote: '原文',
  Embed: '嵌入',
  'Download SVG': '下载 SVG',
  'Download PNG': '下载 PNG',
  'Download CSV': '下载 CSV',
  'Show table': '显示表格',
  'Hide table': '隐藏表格',
  'Chart menu': '图表菜单',
  Loading: '加载中',
  'This chart could not be drawn': '图表无法绘制',
  'Skip to content': '跳到正文',
  'Back to the dashboard': '返回仪表盘',
  'Jiangmen Daily, 7 July 2023; modelled firm rows': '《江门日报》2023年7月7日；企业明细为模拟数据',
  'Jiangmen Daily, 7 July 2023': '《江门日报》2023年7月7日',
  Notes: '注',
  Filters: '筛选',
  Exported: '导出于',
  'Square PNG': '方形 PNG',
  'not stated': '未注明',
  Retry: '重试',
  'The data could not be loaded': '数据无法载入',
  // Provenance (issue 8): reads the page cannot follow, frozen embeds, the firm list, the selection bar
  'Source unknown': '来源不明',
};

/** Translates a UI string; English is the key itself. */
export function t(lang: Lang, key: string): string {
  return lang === 'zh' ? (ZH[key] ?? key) : key;
}
