/** The list of the selected firms, a page at a time: headers that sort, cells in words, a pager. */
import { valueLabel } from '../../data/labels';
import { formatCount, formatYuan, type Lang } from '../../format/number';
import { allViewsSql, firmPageSql, FIRM_PAGE_SIZE, whereExcept, type CrossTable } from '../../sql';
import { DEFAULT_STATE, TABLE_COLUMNS, type SortColumn } from '../../state/url';
import type { FirmListView, Sort } from '../definition';

const HEADERS: Record<SortColumn, [string, string]> = {
  name: ['企业', 'Firm'],
  segment: ['细分领域', 'Segment'],
  area: ['街道', 'Subdistrict'],
  scale_class: ['规模', 'Size class'],
  srdi_level: ['专精特新', 'SRDI title'],
  output_2022: ['2022年产值', '2022 output'],
  employees: ['从业人员', 'Employees'],
  founded: ['成立年份', 'Founded'],
};
const NUMERIC = new Set<SortColumn>(['output_2022', 'employees', 'founded']);

/** A cell in words: output (stored in 万元) in 万/亿 or million/billion, counts grouped, categories translated. */
function cell(c: SortColumn, v: unknown, lang: Lang): string {
  // Large tables are loaded without their free-text columns: their names are missing, not empty.
  if (v === null || v === undefined) return '—';
  if (c === 'output_2022') return formatYuan(Number(v) * 1e4, lang);
  if (c === 'employees') return formatCount(Number(v));
  if (c === 'founded') return String(v);
  return valueLabel(v, lang);
}

export function firmList(x: CrossTable, pageSize = FIRM_PAGE_SIZE): FirmListView {
  const pages = (count: number | null) => (count === null ? null : Math.max(1, Math.ceil(count / pageSize)));
  const shownPage = (page: number, count: number | null) => {
    const n = pages(count);
    return n === null ? page : Math.min(page, n - 1);
  };
  const pageQuery = (sort: Sort, page: number) => (where: string) => firmPageSql(where, sort, page, pageSize);
  return {
    kind: 'firm-list',
    id: 'firm-table',
    x,
    tables: [x.table],
    pageSize,
    words: { title: { zh: '企业名录（随筛选变化）', en: 'Firm list (follows the selection)' } },
    shownPage,
    pageQuery,
    query: (sels) => pageQuery(DEFAULT_STATE.sort, 0)(whereExcept(x.dims, sels)),
    // The pager counts from the crossfilter's totals; the first page in the default order.
    unfiltered: () => [allViewsSql(x), pageQuery(DEFAULT_STATE.sort, 0)('')],
    build({ rows, count, sort, page, lang, modelled }) {
      const zh = lang === 'zh';
      const shown = shownPage(page, count);
      const last = (pages(count) ?? shown + 1) - 1;
      return {
        caption: zh ? '企业名录' : 'Firm list',
        columns: TABLE_COLUMNS.map((c) => {
          const sorted = sort.column === c;
          return {
            key: c,
            label: HEADERS[c][zh ? 0 : 1],
            numeric: NUMERIC.has(c),
            ariaSort: sorted ? (sort.desc ? 'descending' : 'ascending') : 'none',
            arrow: sorted ? (sort.desc ? ' ▼' : ' ▲') : '',
            // A second click turns the order round; a first one shows the largest numbers first.
            next: { sort: { column: c, desc: sorted ? !sort.desc : NUMERIC.has(c) }, page: 0 },
          };
        }),
        rows: rows.map((r) => ({
          key: String(r.id),
          cells: TABLE_COLUMNS.map((c) => ({ text: cell(c, r[c], lang), numeric: NUMERIC.has(c) })),
        })),
        pager: {
          label: zh ? '翻页' : 'Pages',
          status: zh
            ? `第${formatCount(shown + 1)}页，共${formatCount(last + 1)}页`
            : `Page ${formatCount(shown + 1)} of ${formatCount(last + 1)}`,
          prev: { label: zh ? '上一页' : 'Previous', page: shown > 0 ? shown - 1 : null },
          next: { label: zh ? '下一页' : 'Next', page: shown < last ? shown + 1 : null },
        },
        note: modelled ? (zh ? '企业名称为占位名，数字为模拟值。' : 'Names are placeholders and numbers are modelled.') : null,
        failed: zh ? '企业名录无法显示' : 'The firm list could not be shown',
      };
    },
  };
}
