/**
 * The user's firm registry against the article's figures (issue 10, part 5), pure: the published
 * values come from the facts the app ships (data/facts.json), the user's from `reconcileSql`.
 */
import type { Fact } from '../../format/facts';
import { RECONCILED, RECONCILED_FACTS, type ReconciledFact } from '../../sql/reconcile';

/** 'match': equal; 'consistent': agrees with a qualified figure ("over 270"); 'differs': does not. */
export type ReconcileStatus = 'match' | 'consistent' | 'differs';

export interface ReconcileLine {
  fact: Fact;
  id: ReconciledFact;
  /** 'count' (firms) or 'yuan' (output), the unit of `published`, `user` and `difference`. */
  unit: 'count' | 'yuan';
  published: number;
  user: number;
  /** user − published. */
  difference: number;
  status: ReconcileStatus;
}

/** Yuan in one unit of a published money figure ("100 million yuan (亿元)"). */
function yuanPerUnit(unit: string): number {
  if (unit.includes('100 million yuan')) return 1e8;
  if (unit.includes('10 thousand yuan')) return 1e4;
  if (unit.includes('yuan')) return 1;
  throw new Error(`not a money unit: ${unit}`);
}

/**
 * One line per reconciled figure the facts hold, in RECONCILED order.
 * @param facts - the published figures (data/facts.json).
 * @param aggregates - the row of `reconcileSql`: counts, and output summed in 万元.
 */
export function reconcile(facts: readonly Fact[], aggregates: Readonly<Record<string, unknown>>): ReconcileLine[] {
  const lines: ReconcileLine[] = [];
  for (const id of RECONCILED_FACTS) {
    const fact = facts.find((f) => f.id === id);
    if (!fact || fact.value === null) continue;
    const money = RECONCILED[id].measure === 'output';
    const published = money ? fact.value * yuanPerUnit(fact.unit) : fact.value;
    const raw = Number(aggregates[id] ?? 0);
    // The firm schema stores output in 万元.
    const user = money ? raw * 1e4 : raw;
    const difference = user - published;
    let status: ReconcileStatus;
    if (difference === 0) status = 'match';
    else if (fact.qualifier === 'over') status = difference > 0 ? 'consistent' : 'differs';
    else if (fact.qualifier === 'approx') status = Math.abs(difference) <= 0.05 * Math.abs(published) ? 'consistent' : 'differs';
    else status = 'differs';
    lines.push({ fact, id, unit: money ? 'yuan' : 'count', published, user, difference, status });
  }
  return lines;
}
