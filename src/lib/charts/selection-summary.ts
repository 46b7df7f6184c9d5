/**
 * The sentence above the linked views: how many firms the selection holds and their output, with
 * the marks of the rows. The whole table's output is said as published ("超270亿元") only where the
 * rows reproduce that figure; any selection, a user's import or another site's rows get their plain
 * sum.
 */
import { marks, quotesHold, type Mark, type ViewProvenance } from '../data/provenance';
import { formatFact, type Fact } from '../format/facts';
import { formatCount, formatPercent, formatYuan, type Lang } from '../format/number';
import type { Totals } from './definition';

export interface SelectionSummaryInput {
  /** Totals of the selected rows; null until known. */
  summary: Totals | null;
  /** Totals of the whole table (the base for shares); null until known. */
  all: Totals | null;
  /** Some view selects something. */
  filtered: boolean;
  /** The selection could not be counted. */
  failed: boolean;
  provenance: ViewProvenance;
  /** The published figure of the whole table's output (ei_output_2022), if the page has it. */
  outputFact: Fact | undefined;
  lang: Lang;
}

/** A piece of the sentence; `stat` marks the numbers (tests and styles find them by it). */
export interface Part {
  text: string;
  stat?: 'count' | 'output';
}

export interface SelectionSummary {
  parts: Part[];
  /** Shown after the sentence when the counts are in. */
  marks: Mark[];
}

export function selectionSummary(input: SelectionSummaryInput): SelectionSummary {
  const { summary, all, filtered, failed, provenance, outputFact, lang } = input;
  const zh = lang === 'zh';
  if (!summary) {
    const text = failed ? (zh ? '无法统计所选企业。' : 'The selection could not be counted.') : zh ? '正在计算…' : 'Counting…';
    return { parts: [{ text }], marks: [] };
  }
  // The whole modelled table sums to the published figure's lower bound: say it as published.
  const asPublished = !filtered && outputFact !== undefined && quotesHold(provenance, [outputFact.id]);
  const output = asPublished ? formatFact(outputFact, lang).text : formatYuan(summary.output * 1e4, lang);
  const share = all && all.output ? formatPercent((100 * summary.output) / all.output, 1, true) : null;
  const parts: Part[] = zh
    ? [
        { text: '已选 ' },
        { text: formatCount(summary.count), stat: 'count' },
        { text: `${all ? ` / ${formatCount(all.count)}` : ''} 家企业 · 产值 ` },
        { text: output, stat: 'output' },
        { text: share ? `（${share}）` : '' },
      ]
    : [
        { text: formatCount(summary.count), stat: 'count' },
        { text: `${all ? ` of ${formatCount(all.count)}` : ''} firms selected · output ` },
        { text: output, stat: 'output' },
        { text: share ? ` (${share})` : '' },
      ];
  return { parts: parts.filter((p) => p.text !== ''), marks: marks(provenance, lang) };
}
