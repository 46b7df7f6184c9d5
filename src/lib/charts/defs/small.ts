/** The charts over the small tables (projects, schools, Enping investments), in page order. */
import { formatCount, formatNumber, formatPercent, formatYuan, formatYuanIn, pickMagnitude, type Lang } from '../../format/number';
import { selectAll } from '../../sql';
import type { RowsChart } from '../definition';
import type { Tone } from '../palette';

const num = (r: Record<string, unknown>, k: string) => Number(r[k]);
const str = (r: Record<string, unknown>, k: string) => String(r[k]);
const yuanAxis = (lang: Lang) => (m: string) => (lang === 'zh' ? `${m}元` : `${m ? `${m} ` : ''}yuan`);

/** A chart over every row of `table` in `order`: it reads that table and nothing else. */
function rowsChart(c: Omit<RowsChart, 'kind' | 'tables' | 'sql' | 'query' | 'unfiltered'>): RowsChart {
  const sql = selectAll(c.table, c.order.column, c.order.desc);
  return { kind: 'rows', ...c, tables: [c.table], sql, query: () => sql, unfiltered: () => [sql] };
}

const projectsInvestment = rowsChart({
  id: 'projects-investment',
  table: 'projects',
  words: {
    title: { zh: '20个重点建设项目：计划与完成投资', en: '20 key projects: planned and completed investment' },
    subtitle: {
      text: { zh: '累计完成投资27.79亿元，为计划的105.82%', en: '2.779 billion yuan completed, 105.82% of plan' },
      quotes: ['ei_key_projects', 'ei_key_projects_invest', 'ei_key_projects_over_plan'],
    },
    notes: [
      {
        text: {
          zh: '合计与超额比例为公开数据；各项目拆分为模拟数据。',
          en: 'Totals and the 5.82% overshoot are published; the split by project is modelled.',
        },
        quotes: ['ei_key_projects_invest', 'ei_key_projects_over_plan'],
      },
    ],
  },
  wide: true,
  order: { column: 'completed_wan', desc: true },
  build(rows, lang) {
    const data = rows.map((r) => ({
      key: str(r, 'id'),
      label: str(r, lang === 'zh' ? 'name' : 'name_en'),
      planned: num(r, 'planned_wan') * 1e4,
      done: num(r, 'completed_wan') * 1e4,
    }));
    const planned = data.reduce((a, d) => a + d.planned, 0);
    const done = data.reduce((a, d) => a + d.done, 0);
    const over = data.filter((d) => d.done > d.planned).length;
    const seriesLabel = lang === 'zh' ? ['计划投资', '完成投资'] : ['Planned', 'Completed'];
    // One unit for every label of the chart, chosen from the largest project.
    const unit = pickMagnitude(Math.max(...data.map((d) => Math.max(d.planned, d.done))), lang);
    return {
      drawing: {
        kind: 'bars',
        input: {
          rows: data.map((d) => ({ key: d.key, label: d.label, values: [d.planned, d.done] })),
          series: [
            { key: 'planned', label: seriesLabel[0], tone: 'neutral' },
            { key: 'completed', label: seriesLabel[1], tone: 'blue' },
          ],
          lang,
          format: (v) => formatYuanIn(v, unit, lang),
          axisUnit: yuanAxis(lang),
        },
      },
      table: {
        columns: [
          { key: 'project', label: lang === 'zh' ? '项目' : 'Project' },
          { key: 'planned', label: lang === 'zh' ? '计划投资（万元）' : 'Planned (10k yuan)', numeric: true },
          { key: 'completed', label: lang === 'zh' ? '完成投资（万元）' : 'Completed (10k yuan)', numeric: true },
          { key: 'ratio', label: lang === 'zh' ? '完成率' : 'Share of plan', numeric: true },
        ],
        rows: data.map((d) => ({
          project: d.label,
          planned: d.planned / 1e4,
          completed: d.done / 1e4,
          ratio: formatPercent((d.done / d.planned) * 100, 1),
        })),
      },
      // Counted from the rows, not the 20 of the title: another site's data (data=) may list others.
      summary:
        lang === 'zh'
          ? `${data.length}个项目共完成投资${formatYuan(done, lang)}，为计划${formatYuan(planned, lang)}的${formatPercent((done / planned) * 100)}；${over}个项目超过计划。`
          : `The ${formatCount(data.length)} projects completed ${formatYuan(done, lang, 3)}, ${formatPercent((done / planned) * 100)} of the ${formatYuan(planned, lang, 3)} planned; ${over} exceeded their plan.`,
      describe: (label, series, v) => `${label} · ${series}: ${formatYuanIn(v, unit, lang)}`,
    };
  },
});

const schools = rowsChart({
  id: 'schools',
  table: 'schools',
  words: {
    title: { zh: '两所新建小学：学位、班数与面积', en: 'Two new primary schools: seats, classes and area' },
    subtitle: { text: { zh: '计划2024年9月投入使用', en: 'Planned to open in September 2024' }, quotes: ['school_opening'] },
    notes: [
      {
        text: { zh: '用地与建筑面积为报道中的约数。', en: 'Land and floor areas are approximate, as published.' },
        quotes: ['school_jx_land', 'school_jx_floor', 'school_gx1_land', 'school_gx1_floor'],
      },
    ],
  },
  order: { column: 'seats', desc: false },
  build(rows, lang) {
    const data = rows.map((r) => ({
      key: str(r, 'id'),
      label: str(r, lang === 'zh' ? 'name_zh' : 'name_en'),
      seats: num(r, 'seats'),
      classes: num(r, 'classes'),
      perClass: num(r, 'seats') / num(r, 'classes'),
      land: num(r, 'land_area_wan_m2') * 1e4,
      floor: num(r, 'floor_area_wan_m2') * 1e4,
    }));
    type K = 'seats' | 'classes' | 'perClass' | 'land' | 'floor';
    const m2 = lang === 'zh' ? '平方米' : 'm²';
    const panel = (title: string, k: K, tone: Tone, unit: string, approx = false) => ({
      title,
      input: {
        rows: data.map((d) => ({ key: d.key, label: d.label, values: [d[k]] })),
        series: [{ key: k, label: title, tone }],
        lang,
        format: (v: number) => `${approx ? (lang === 'zh' ? '约' : '≈') : ''}${formatNumber(v, lang, 1)}`,
        axisUnit: (m: string) => (lang === 'zh' ? `${m}${unit}` : [m, unit].filter(Boolean).join(' ')),
      },
    });
    const zh = lang === 'zh';
    return {
      drawing: {
        kind: 'panels',
        panels: [
          panel(zh ? '学位' : 'Seats', 'seats', 'green', zh ? '个' : ''),
          panel(zh ? '班数' : 'Classes', 'classes', 'sky', zh ? '个' : ''),
          panel(zh ? '每班学位' : 'Seats per class', 'perClass', 'blue', zh ? '个' : ''),
          panel(zh ? '用地面积' : 'Land area', 'land', 'ochre', m2, true),
          panel(zh ? '建筑面积' : 'Floor area', 'floor', 'purple', m2, true),
        ],
      },
      table: {
        columns: [
          { key: 'school', label: zh ? '学校' : 'School' },
          { key: 'seats', label: zh ? '学位' : 'Seats', numeric: true },
          { key: 'classes', label: zh ? '班数' : 'Classes', numeric: true },
          { key: 'perClass', label: zh ? '每班学位' : 'Seats per class', numeric: true },
          { key: 'land', label: zh ? '用地面积（约，平方米）' : 'Land area (about, m²)', numeric: true },
          { key: 'floor', label: zh ? '建筑面积（约，平方米）' : 'Floor area (about, m²)', numeric: true },
        ],
        rows: data.map((d) => ({
          school: d.label,
          seats: d.seats,
          classes: d.classes,
          perClass: d.perClass,
          land: d.land,
          floor: d.floor,
        })),
      },
      summary: zh
        ? data
            .map((d) => `${d.label}${formatCount(d.seats)}个学位、${d.classes}个班（每班${formatNumber(d.perClass, lang, 1)}个）`)
            .join('；') + '。'
        : data
            .map(
              (d) => `${d.label}: ${formatCount(d.seats)} seats in ${d.classes} classes (${formatNumber(d.perClass, lang, 1)} per class)`,
            )
            .join('; ') + '.',
      describe: (label, series, v) => `${label} · ${series}: ${formatNumber(v, lang, 1)}`,
    };
  },
});

const enping = rowsChart({
  id: 'enping-investments',
  table: 'enping_investments',
  words: {
    title: { zh: '江海—恩平协作：三家企业在恩平的投资', en: 'Jianghai–Enping cooperation: three investments in Enping' },
    subtitle: {
      text: { zh: '报道点名的企业投资额', en: 'Investment of the firms named in the article' },
      quotes: ['enping_jinlong', 'enping_hongyuda', 'enping_keyi'],
    },
  },
  order: { column: 'investment_wan', desc: true },
  build(rows, lang) {
    const data = rows.map((r) => ({
      key: str(r, 'id'),
      label: str(r, lang === 'zh' ? 'company_zh' : 'company_en'),
      yuan: num(r, 'investment_wan') * 1e4,
    }));
    const unit = pickMagnitude(Math.max(...data.map((d) => d.yuan)), lang);
    const total = data.reduce((a, d) => a + d.yuan, 0);
    return {
      drawing: {
        kind: 'bars',
        input: {
          rows: data.map((d) => ({ key: d.key, label: d.label, values: [d.yuan] })),
          series: [{ key: 'yuan', label: lang === 'zh' ? '投资额' : 'Investment', tone: 'green' }],
          lang,
          format: (v) => formatYuanIn(v, unit, lang),
          axisUnit: yuanAxis(lang),
        },
      },
      table: {
        columns: [
          { key: 'company', label: lang === 'zh' ? '企业' : 'Firm' },
          { key: 'investment', label: lang === 'zh' ? '投资额（万元）' : 'Investment (10k yuan)', numeric: true },
        ],
        rows: data.map((d) => ({ company: d.label, investment: d.yuan / 1e4 })),
      },
      summary:
        lang === 'zh'
          ? `${data.length}家企业在恩平共投资${formatYuan(total, lang)}：${data.map((d) => `${d.label}${formatYuan(d.yuan, lang)}`).join('，')}。`
          : `${formatCount(data.length)} ${data.length === 1 ? 'firm invests' : 'firms invest'} ${formatYuan(total, lang)} in Enping: ${data.map((d) => `${d.label} ${formatYuan(d.yuan, lang)}`).join(', ')}.`,
      describe: (label, _s, v) => `${label}: ${formatYuan(v, lang)}`,
    };
  },
});

/** Ids are public (links, embeds): never rename one. */
export const SMALL_CHARTS: RowsChart[] = [projectsInvestment, enping, schools];
