import type { ReporterText } from '../state/reporter';
import type { Theme } from './palette';

/**
 * How a chart's frame is shown where the chart is placed (the dashboard, an embed, a long image):
 * views pass it through to ChartFrame unchanged, reading only the reporter's highlight and the theme.
 */
export interface FrameOptions {
  /** Hash of the chart on its own (the embed view), in its current state: offers the Embed button. */
  embedHref?: string;
  /**
   * Hash of the live chart an image's QR code opens (state and reporter's words); defaults to
   * `embedHref`. Without either, images carry no code.
   */
  liveHref?: string;
  /** A reporter's words (from the link of an embed): added to the frame's, never in place of the source. */
  reporter?: ReporterText;
  /** Active filters in words, baked into exports; '' when nothing is filtered. */
  filters?: string;
  /** Hides the menu (static embeds, print, long images). */
  bare?: boolean;
  /** Theme the chart is drawn in: exported images keep it (a dark embed downloads dark). Default light. */
  theme?: Theme;
}
