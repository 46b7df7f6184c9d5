/** The words around a chart, from its definition and the provenance of the tables it reads. */
import { marks, quotesHold, sourceLine, type Mark, type ViewProvenance } from '../data/provenance';
import type { Problem } from '../data/registry';
import type { Lang } from '../format/number';
import type { ChartWords, Phrase } from './definition';

export interface FrameText {
  title: string;
  subtitle?: string;
  notes: string[];
  /** Where the numbers come from; '' when the tables name no origin. */
  source: string;
  marks: Mark[];
}

/** A phrase that quotes published figures is dropped unless the rows reproduce them. */
const shown = (p: Phrase | undefined, vp: ViewProvenance, lang: Lang): string | undefined =>
  p && quotesHold(vp, p.quotes) ? p.text[lang] : undefined;

export function frameText(words: ChartWords, vp: ViewProvenance, lang: Lang): FrameText {
  return {
    title: words.title[lang],
    subtitle: shown(words.subtitle, vp, lang),
    notes: (words.notes ?? []).map((n) => shown(n, vp, lang)).filter((n): n is string => n !== undefined),
    source: sourceLine(vp, lang),
    marks: marks(vp, lang),
  };
}

/** What stops a table from being read, in words: the file and its URL and HTTP status, or the manifest. */
export function problemText(p: Problem, lang: Lang): string {
  const zh = lang === 'zh';
  if (p.kind === 'manifest')
    return zh ? `数据清单 ${p.url} 无法读取（${p.detail}）。` : `The data manifest could not be read (${p.detail}).`;
  const why = p.status === null ? (zh ? '无法连接' : 'no connection') : `HTTP ${p.status}`;
  return zh
    ? `数据表“${p.table}”的文件无法读取（${why}：${p.url}）。`
    : `The file of table “${p.table}” could not be read (${why}: ${p.url}).`;
}
