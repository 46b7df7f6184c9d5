/**
 * A reporter's words on a chart's frame. They are added to what the dashboard says, never in place
 * of where the numbers come from: the source line, the provenance marks and the dates are not part
 * of `ReporterText`, so no link can remove them.
 */
import type { ReporterText } from '../state/reporter';
import type { Drawing } from './definition';
import type { FrameText } from './words';

/**
 * The frame's words with the reporter's: their headline and subtitle replace the dashboard's, their
 * notes come before the dashboard's own notes (which may say what is modelled, so they stay).
 */
export function withReporter(text: FrameText, r: ReporterText): FrameText {
  return {
    ...text,
    title: r.title ?? text.title,
    subtitle: r.subtitle ?? text.subtitle,
    notes: [...r.notes, ...text.notes],
  };
}

/** Categories a reporter can highlight: the rows of a bar chart (once each across its panels); [] for other charts. */
export function highlightable(drawing: Drawing | null | undefined): { key: string; label: string }[] {
  if (!drawing) return [];
  const inputs = drawing.kind === 'bars' ? [drawing.input] : drawing.kind === 'panels' ? drawing.panels.map((p) => p.input) : [];
  const seen = new Map<string, string>();
  for (const input of inputs) for (const row of input.rows) if (!seen.has(row.key)) seen.set(row.key, row.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

/**
 * Row keys to draw emphasised, or null to draw every bar as usual: keys the chart does not have
 * are ignored, so a stale or mistyped link never mutes every bar.
 */
export function activeHighlight(highlight: readonly string[], rows: readonly { key: string }[]): ReadonlySet<string> | null {
  const keys = new Set(rows.map((r) => r.key));
  const kept = highlight.filter((k) => keys.has(k));
  return kept.length ? new Set(kept) : null;
}
