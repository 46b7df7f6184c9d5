import { PALETTE, MUTED } from '../../lib/charts/palette';
import { valueLabel } from '../../lib/data/labels';
import { formatCount, formatNumber, formatPercent, formatYuan, formatYuanIn, pickMagnitude, type Lang } from '../../lib/format/number';
import { countBy, countBy2, logHistogram, selectAll } from '../../lib/sql';
import type { ChartSpec } from './spec';

const firms = (n: number, lang: Lang) => `${formatCount(n)}${lang === 'zh' ? '家' : n === 1 ? ' firm' : ' firms'}`;
const num = (r: Record<string, unknown>, k: string) => Number(r[k]);
const str = (r: Record<string, unknown>, k: string) => String(r[k]);
const yuanAxis = (lang: Lang) => (m: string) => (lang === 'zh' ? `${m}元` : `${m ? `${m} ` : ''}yuan`);

const firmsBySegment: ChartSpec = {
  id: 'firms-by-segment',
  table: 'firms',
  title: { zh: '各细分领域企业数', en: 'Firms by segment' },
  subtitle: { zh: '新一代电子信息企业，共1,681家', en: 'New-generation electronic-information firms, 1,681 in all' },
  modelled: true,
  sql: () => countBy('firms', 'segment'),
  build(rows, lang) {
    const data = rows.map((r) => ({ key: str(r, 'key'), n: num(r, 'n') }));
    const total = data.reduce((a, d) => a + d.n, 0);
    const top = data[0];
    const last = data[data.length - 1];
    return {
      drawing: {
        kind: 'bars',
        input: {
          rows: data.map((d) => ({ key: d.key, label: valueLabel(d.key, lang), values: [d.n] })),
          series: [{ key: 'n', label: lang === 'zh' ? '企业数' : 'Firms', color: PALETTE[0] }],
          lang,
          format: (v) => formatCount(v),
          axisUnit: (m) => (lang === 'zh' ? `${m}家` : `${m ? `${m} ` : ''}firms`),
        },
      },
      table: {
        columns: [
          { key: 'segment', label: lang === 'zh' ? '细分领域' : 'Segment' },
          { key: 'firms', label: lang === 'zh' ? '企业数' : 'Firms', numeric: true },
        ],
        rows: data.map((d) => ({ segment: valueLabel(d.key, lang), firms: d.n })),
      },
      summary: top
        ? lang === 'zh'
          ? `${data.length}个细分领域共${firms(total, lang)}；${valueLabel(top.key, lang)}最多（${firms(top.n, lang)}），${valueLabel(last.key, lang)}最少（${firms(last.n, lang)}）。`
          : `${firms(total, lang)} in ${data.length} segments; ${valueLabel(top.key, lang)} has the most (${formatCount(top.n)}), ${valueLabel(last.key, lang)} the fewest (${formatCount(last.n)}).`
        : '',
      describe: (label, _s, v) => `${label}: ${firms(v, lang)}`,
    };
  },
};

const SRDI_ORDER = ['国家级小巨人', '省级专精特新', '无'];
const SCALE_ORDER = ['规上', '规下'];

const firmsByScaleSrdi: ChartSpec = {
  id: 'firms-by-scale-srdi',
  table: 'firms',
  title: { zh: '规模与专精特新', en: 'Firms by size class and SRDI title' },
  subtitle: {
    zh: '规模以上企业145家；省级专精特新36家，国家级“小巨人”1家',
    en: '145 above designated size; 36 provincial SRDI firms and 1 national “little giant”',
  },
  notes: [{ zh: '专精特新：专业化、精细化、特色化、新颖化中小企业。', en: 'SRDI: specialised, refined, distinctive and innovative SMEs (专精特新).' }],
  modelled: true,
  sql: () => countBy2('firms', 'scale_class', 'srdi_level'),
  build(rows, lang) {
    const count = (scale: string, srdi: string) =>
      num(rows.find((r) => r.key === scale && r.series === srdi) ?? { n: 0 }, 'n');
    const scales = SCALE_ORDER.filter((s) => rows.some((r) => r.key === s));
    const colors = [PALETTE[3], PALETTE[1], MUTED];
    const srdiTotal = (s: string) => scales.reduce((a, sc) => a + count(sc, s), 0);
    return {
      drawing: {
        kind: 'bars',
        input: {
          rows: scales.map((s) => ({ key: s, label: valueLabel(s, lang), values: SRDI_ORDER.map((x) => count(s, x)) })),
          series: SRDI_ORDER.map((x, i) => ({ key: x, label: valueLabel(x, lang), color: colors[i] })),
          mode: 'stacked',
          lang,
          format: (v) => formatCount(v),
          axisUnit: (m) => (lang === 'zh' ? `${m}家` : `${m ? `${m} ` : ''}firms`),
        },
      },
      table: {
        columns: [
          { key: 'scale', label: lang === 'zh' ? '规模' : 'Size class' },
          { key: 'srdi', label: lang === 'zh' ? '专精特新' : 'SRDI title' },
          { key: 'firms', label: lang === 'zh' ? '企业数' : 'Firms', numeric: true },
        ],
        rows: scales.flatMap((s) => SRDI_ORDER.map((x) => ({ scale: valueLabel(s, lang), srdi: valueLabel(x, lang), firms: count(s, x) }))),
      },
      summary:
        lang === 'zh'
          ? `规模以上${firms(scales.includes('规上') ? SRDI_ORDER.reduce((a, x) => a + count('规上', x), 0) : 0, lang)}；省级专精特新${firms(srdiTotal('省级专精特新'), lang)}，国家级“小巨人”${firms(srdiTotal('国家级小巨人'), lang)}。`
          : `${firms(SRDI_ORDER.reduce((a, x) => a + count('规上', x), 0), lang)} above designated size; ${formatCount(srdiTotal('省级专精特新'))} provincial SRDI firms and ${formatCount(srdiTotal('国家级小巨人'))} national “little giant”.`,
      describe: (label, series, v) => `${label} · ${series}: ${firms(v, lang)}`,
    };
  },
};

const STEP = 0.25;
// Output is stored in 万元; the axis shows yuan, so one decade of 万元 is 10^(d+4) yuan.
const decadeYuan = (d: number) => 10 ** (d + 4);

const outputDistribution: ChartSpec = {
  id: 'output-distribution',
  table: 'firms',
  title: { zh: '企业2022年产值分布', en: 'Distribution of 2022 output per firm' },
  subtitle: { zh: '企业数，按产值分组（对数刻度）', en: 'Number of firms by output band (log scale)' },
  notes: [{ zh: '集群总产值超270亿元（公开数据）；模拟企业产值合计恰为270亿元。', en: 'Cluster output was over 27 billion yuan (published); the modelled firms add up to exactly 27 billion.' }],
  modelled: true,
  sql: () => logHistogram('firms', 'output_2022', STEP),
  build(rows, lang) {
    const bins = rows.map((r) => ({ x0: num(r, 'x0'), n: num(r, 'n') }));
    const money = (d: number) => formatYuan(decadeYuan(d), lang, 1);
    const band = (a: number, b: number) => `${money(a)} – ${money(b)}`;
    const total = bins.reduce((a, b) => a + b.n, 0);
    const peak = bins.reduce((a, b) => (b.n > a.n ? b : a), bins[0] ?? { x0: 0, n: 0 });
    return {
      drawing: {
        kind: 'histogram',
        height: 240,
        input: {
          bins,
          step: STEP,
          lang,
          tickLabel: (d) => formatNumber(decadeYuan(d), lang, 0),
          binLabel: band,
          rule: { at: Math.log10(2000), label: lang === 'zh' ? '规上标准 2,000万元' : 'Above-size line, 20 million yuan' },
        },
      },
      table: {
        columns: [
          { key: 'band', label: lang === 'zh' ? '产值区间' : 'Output band' },
          { key: 'firms', label: lang === 'zh' ? '企业数' : 'Firms', numeric: true },
        ],
        rows: bins.map((b) => ({ band: band(b.x0, b.x0 + STEP), firms: b.n })),
      },
      summary:
        lang === 'zh'
          ? `${firms(total, lang)}的产值呈长尾分布，最多的一组为${band(peak.x0, peak.x0 + STEP)}（${firms(peak.n, lang)}）。`
          : `Output of ${firms(total, lang)} is heavy-tailed; the most common band is ${band(peak.x0, peak.x0 + STEP)} (${firms(peak.n, lang)}).`,
      describe: (label, _s, v) => `${label}: ${firms(v, lang)}`,
    };
  },
};

const projectsInvestment: ChartSpec = {
  id: 'projects-investment',
  table: 'projects',
  title: { zh: '20个重点建设项目：计划与完成投资', en: '20 key projects: planned and completed investment' },
  subtitle: {
    zh: '累计完成投资27.79亿元，为计划的105.82%',
    en: '2.779 billion yuan completed, 105.82% of plan',
  },
  notes: [{ zh: '合计与超额比例为公开数据；各项目拆分为模拟数据。', en: 'Totals and the 5.82% overshoot are published; the split by project is modelled.' }],
  modelled: true,
  wide: true,
  sql: () => selectAll('projects', 'completed_wan', true),
  build(rows, lang) {
    const data = rows.map((r) => ({ key: str(r, 'id'), label: str(r, lang === 'zh' ? 'name' : 'name_en'), planned: num(r, 'planned_wan') * 1e4, done: num(r, 'completed_wan') * 1e4 }));
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
            { key: 'planned', label: seriesLabel[0], color: MUTED },
            { key: 'completed', label: seriesLabel[1], color: PALETTE[0] },
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
        rows: data.map((d) => ({ project: d.label, planned: d.planned / 1e4, completed: d.done / 1e4, ratio: formatPercent((d.done / d.planned) * 100, 1) })),
      },
      summary:
        lang === 'zh'
          ? `20个项目共完成投资${formatYuan(done, lang)}，为计划${formatYuan(planned, lang)}的${formatPercent((done / planned) * 100)}；${over}个项目超过计划。`
          : `The 20 projects completed ${formatYuan(done, lang, 3)}, ${formatPercent((done / planned) * 100)} of the ${formatYuan(planned, lang, 3)} planned; ${over} exceeded their plan.`,
      describe: (label, series, v) => `${label} · ${series}: ${formatYuanIn(v, unit, lang)}`,
    };
  },
};

const schools: ChartSpec = {
  id: 'schools',
  table: 'schools',
  title: { zh: '两所新建小学：学位与班数', en: 'Two new primary schools: seats and classes' },
  subtitle: { zh: '计划2024年9月投入使用', en: 'Planned to open in September 2024' },
  modelled: false,
  sql: () => selectAll('schools', 'seats'),
  build(rows, lang) {
    const data = rows.map((r) => ({ key: str(r, 'id'), label: str(r, lang === 'zh' ? 'name_zh' : 'name_en'), seats: num(r, 'seats'), classes: num(r, 'classes') }));
    const panel = (title: string, k: 'seats' | 'classes', color: string, unit: string) => ({
      title,
      input: {
        rows: data.map((d) => ({ key: d.key, label: d.label, values: [d[k]] })),
        series: [{ key: k, label: title, color }],
        lang,
        format: (v: number) => formatCount(v),
        axisUnit: (m: string) => `${m}${unit}`,
      },
    });
    return {
      drawing: {
        kind: 'panels',
        panels: [
          panel(lang === 'zh' ? '学位' : 'Seats', 'seats', PALETTE[2], lang === 'zh' ? '个' : ''),
          panel(lang === 'zh' ? '班数' : 'Classes', 'classes', PALETTE[4], lang === 'zh' ? '个' : ''),
        ],
      },
      table: {
        columns: [
          { key: 'school', label: lang === 'zh' ? '学校' : 'School' },
          { key: 'seats', label: lang === 'zh' ? '学位' : 'Seats', numeric: true },
          { key: 'classes', label: lang === 'zh' ? '班数' : 'Classes', numeric: true },
        ],
        rows: data.map((d) => ({ school: d.label, seats: d.seats, classes: d.classes })),
      },
      summary:
        lang === 'zh'
          ? data.map((d) => `${d.label}${formatCount(d.seats)}个学位、${d.classes}个班`).join('；') + '。'
          : data.map((d) => `${d.label}: ${formatCount(d.seats)} seats in ${d.classes} classes`).join('; ') + '.',
      describe: (label, series, v) => `${label} · ${series}: ${formatCount(v)}`,
    };
  },
};

/** Charts of the dashboard, in page order. Ids are public (links, embeds): never rename one. */
export const CHARTS: ChartSpec[] = [firmsBySegment, firmsByScaleSrdi, outputDistribution, projectsInvestment, schools];

export const chartById = (id: string | null): ChartSpec | undefined => CHARTS.find((c) => c.id === id);
