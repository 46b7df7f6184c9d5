/**
 * What a drawn chart frame can give an export made elsewhere (the long image): its words, with the
 * source and marks derived as on screen, and its SVG markup at the width it was drawn. Keyed by the
 * frame's <figure>, so a composer finds the frames it staged with a DOM query.
 */
import type { ExportText } from './export';

export interface FrameExport {
  chartId: string;
  /** True once the chart is drawn with its data. */
  ready(): boolean;
  text(): ExportText;
  chart(): { markup: string; width: number; height: number };
}

const frames = new WeakMap<Element, FrameExport>();

/** An attachment for the frame's <figure>: registers its export while it is in the page. */
export function frameExport(exp: FrameExport) {
  return (el: Element) => {
    frames.set(el, exp);
    return () => void frames.delete(el);
  };
}

/** The export of a chart frame's <figure>, if it is one. */
export const exportOf = (el: Element): FrameExport | undefined => frames.get(el);
