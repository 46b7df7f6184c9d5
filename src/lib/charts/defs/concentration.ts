/** Concentration of output among the selected firms: Lorenz curve, top-ten share, HHI and Gini. */
import { formatCount, formatPercent } from '../../format/number';
import { allViewsSql, lorenzSql, top10Sql, whereExcept, type CrossTable } from '../../sql';
import type { ConcentrationView } from '../definition';
import { hhi, lorenzCurve, type LorenzGroup } from '../lorenz/layout';

/** The concentration view over the rows of one crossfilter (its queries read `x.table`). */
export function concentration(x: CrossTable): ConcentrationView {
  const derived = { lorenz: lorenzSql, top10: top10Sql };
  return {
    kind: 'concentration',
    id: 'concentration',
    x,
    tables: [x.table],
    derived,
    query: (sels) => derived.lorenz(whereExcept(x.dims, sels)),
    // The totals (HHI, shares) come from the crossfilter's scan; the curve and the top ten from its own queries.
    unfiltered: () => [allViewsSql(x), derived.lorenz(''), derived.top10('')],
    words: {
      title: { zh: '产值集中度', en: 'Concentration of output' },
      subtitle: { text: { zh: '洛伦兹曲线：按产值从低到高累计', en: 'Lorenz curve: firms ranked from lowest to highest output' } },
      notes: [
        {
          text: {
            zh: 'HHI 以各企业产值份额（%）的平方和计，范围0–10,000。',
            en: 'HHI is the sum of squared output shares in percent, from 0 to 10,000.',
          },
        },
      ],
    },
    build({ answers, totals, lang }) {
      const zh = lang === 'zh';
      // lorenzSql: one row per output group (b), with its firms (n) and output (s), ascending.
      const groups: LorenzGroup[] = answers.lorenz.map((r) => ({ n: Number(r.n), sum: Number(r.s) }));
      const top10 = Number(answers.top10[0]?.top ?? 0);
      const share10 = totals.output > 0 ? (100 * top10) / totals.output : 0;
      const index = formatCount(Math.round(hhi(totals.output, totals.sumsq)));
      // The curve's shares and the Gini coefficient do not depend on the drawing's size.
      const curve = lorenzCurve(groups);
      const pct = (v: number) => formatPercent(v * 100, 1, true);
      const n = formatCount(totals.count);
      return {
        drawing: {
          kind: 'lorenz',
          groups,
          xLabel: zh ? '企业' : 'Firms',
          yLabel: zh ? '产值' : 'Output',
          describe: (f, o) =>
            zh ? `产值最低的${pct(f)}企业，占产值${pct(o)}` : `The ${pct(f)} of firms with the lowest output make ${pct(o)} of it`,
        },
        table: {
          columns: [
            { key: 'firms', label: zh ? '企业累计占比' : 'Cumulative share of firms', numeric: true },
            { key: 'output', label: zh ? '产值累计占比' : 'Cumulative share of output', numeric: true },
          ],
          rows: curve.points
            .filter((_, i, a) => i === 0 || i === a.length - 1 || i % Math.ceil(a.length / 20) === 0)
            .map((p) => ({ firms: pct(p.firms), output: pct(p.output) })),
        },
        summary: zh
          ? `所选${n}家企业中，产值最高的10家占${formatPercent(share10, 1, true)}；赫芬达尔指数（HHI）为${index}。`
          : `Among the ${n} selected firms, the top 10 produce ${formatPercent(share10, 1, true)} of output; the Herfindahl-Hirschman index is ${index}.`,
        stats: [
          { key: 'top10', label: zh ? '前10家企业产值占比' : 'Top-10 share of output', value: formatPercent(share10, 1, true) },
          { key: 'hhi', label: zh ? '赫芬达尔指数 HHI' : 'Herfindahl-Hirschman index', value: index },
          { key: 'gini', label: zh ? '基尼系数' : 'Gini coefficient', value: curve.gini.toFixed(2) },
        ],
      };
    },
  };
}
