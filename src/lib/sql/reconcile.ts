/**
 * SQL of the reconciliation of a mapped firm registry with the article (issue 10, part 5): the
 * user's aggregates over the `firms` view in the bundled schema, one per published figure, and the
 * rows behind each. The figures themselves come from data/facts.json; only which rows count
 * towards each is said here, in the schema's own vocabulary (lib/data/import/mapping.ts).
 */
import { FIRM_TABLE } from './firms';
import { quoteIdent } from './quote';

/** Published figures the registry is reconciled with, by fact id, and the firm rows each counts. */
export const RECONCILED = {
  ei_firms: { measure: 'count', where: 'TRUE' },
  ei_above_scale: { measure: 'count', where: `scale_class = '规上'` },
  ei_prov_srdi: { measure: 'count', where: `srdi_level = '省级专精特新'` },
  ei_little_giant: { measure: 'count', where: `srdi_level = '国家级小巨人'` },
  ei_single_champion: { measure: 'count', where: 'single_champion' },
  // Output is stored in 万元; the sum is over the firms that have a value.
  ei_output_2022: { measure: 'output', where: 'output_2022 IS NOT NULL' },
} as const;

export type ReconciledFact = keyof typeof RECONCILED;

export const RECONCILED_FACTS = Object.keys(RECONCILED) as ReconciledFact[];

/** One row: a column per reconciled fact (firm counts; output summed in 万元), named by fact id. */
export function reconcileSql(table: string = FIRM_TABLE): string {
  const cols = RECONCILED_FACTS.map((id) => {
    const { measure, where } = RECONCILED[id];
    const agg = measure === 'count' ? `count(*) FILTER (WHERE ${where})` : `coalesce(sum(output_2022), 0)`;
    return `CAST(${agg} AS DOUBLE) AS ${id}`;
  });
  return `SELECT ${cols.join(', ')} FROM ${quoteIdent(table)}`;
}

/** The firm rows behind one figure, largest output first. */
export function reconcileRowsSql(fact: ReconciledFact, table: string = FIRM_TABLE): string {
  return `SELECT * FROM ${quoteIdent(table)} WHERE ${RECONCILED[fact].where} ORDER BY output_2022 DESC NULLS LAST, id`;
}
