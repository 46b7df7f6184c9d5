/**
 * The absolute links an image's QR code carries: one chart on its own page (the embed page, in the
 * state the image shows) or the dashboard with the current filters.
 */
import { NO_REPORTER, type ReporterText } from '../state/reporter';
import { DEFAULT_STATE, formatHash, type AppState } from '../state/url';

/**
 * Longest chart link a QR code carries with the reporter's words (percent-encoded, a Chinese
 * character takes nine characters): up to 400 characters the code is version 15 or lower at level M,
 * about 100 px wide in the image. Past that the notes, then the subtitle, then the headline are left
 * out of the link (the image itself still shows them); the chart, its filters and highlights stay.
 */
export const QR_LINK_BUDGET = 400;

/**
 * Link to the chart of `state` on its own page (embed.html beside `pageUrl`), interactive and light
 * whatever the image was made from, so a reader who scans it can explore it.
 */
export function chartLink(pageUrl: string, state: AppState, budget = QR_LINK_BUDGET): string {
  const base = new URL('embed.html', pageUrl).href;
  const live: AppState = { ...state, view: 'embed', static: false, theme: 'light', page: 0, sort: DEFAULT_STATE.sort };
  const r = state.reporter;
  const shorter: ReporterText[] = [
    r,
    { ...r, notes: [] },
    { ...r, notes: [], subtitle: null },
    { ...r, notes: [], subtitle: null, title: null },
  ];
  const links = shorter.map((reporter) => base + formatHash({ ...live, reporter }));
  return links.find((l) => l.length <= budget) ?? links[links.length - 1];
}

/** Link to the dashboard beside `pageUrl` with the filters, language and data of `state`. */
export function pageLink(pageUrl: string, state: AppState): string {
  const page: AppState = { ...state, view: 'explore', chartId: null, static: false, theme: 'light', reporter: NO_REPORTER };
  return new URL('./', pageUrl).href + formatHash(page);
}
