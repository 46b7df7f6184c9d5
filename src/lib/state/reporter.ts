/**
 * A reporter's own words on one chart (issue 11): headline, subtitle, notes and highlighted bar
 * categories. They travel in the link, so they are untrusted text: cleaned to plain text of bounded
 * length here, and only ever rendered as text (never markup) by the frame and the exports.
 */

export interface ReporterText {
  /** Headline shown instead of the dashboard's title; null keeps the dashboard's. */
  title: string | null;
  /** Shown instead of the dashboard's subtitle; null keeps the dashboard's. */
  subtitle: string | null;
  /** Paragraphs shown before the dashboard's own notes (which stay). */
  notes: string[];
  /** Category keys of a bar chart drawn emphasised, the others muted; [] highlights nothing. */
  highlight: string[];
}

export const NO_REPORTER: ReporterText = { title: null, subtitle: null, notes: [], highlight: [] };

/**
 * Limits in UTF-16 code units, as the inputs' `maxlength` counts them (a Chinese character is one).
 * A headline fits on two lines of a phone, notes in three short paragraphs; a link over a limit
 * loses that key, as an over-long value of any key does.
 */
export const REPORTER_LIMITS = { title: 80, subtitle: 160, notes: 300, noteCount: 3, highlight: 8, category: 200 } as const;

// Controls and the invisible characters that reorder or hide text (bidi overrides, zero-width
// marks): a link must not be able to make a headline read differently from what it says.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** One line of plain text: hidden characters removed, whitespace runs (newlines too) made one space. */
export function cleanLine(s: string): string {
  return s.normalize('NFC').replace(HIDDEN, '').replace(/\s+/g, ' ').trim();
}

/** Paragraphs of plain text from a multi-line value: blank lines dropped, at most `noteCount` kept. */
export function cleanNotes(s: string): string[] {
  return s
    .split(/\r\n|\r|\n/)
    .map(cleanLine)
    .filter((p) => p !== '')
    .slice(0, REPORTER_LIMITS.noteCount);
}

/** Total length of notes as the limit counts it (the newlines between paragraphs included). */
export const notesLength = (notes: readonly string[]): number => notes.join('\n').length;

/** A headline or subtitle within its limit, or null (empty or over the limit). */
export function limitedLine(s: string, max: number): string | null {
  const line = cleanLine(s);
  return line && line.length <= max ? line : null;
}

/** Highlighted categories: non-empty, within the length limit, without repeats, at most `highlight`. */
export function cleanHighlight(values: readonly string[]): string[] {
  const ok = values.filter((v) => v.length > 0 && v.length <= REPORTER_LIMITS.category && !v.includes('\u0000'));
  return [...new Set(ok)].slice(0, REPORTER_LIMITS.highlight);
}

/** True when the reporter has set anything. */
export const hasReporterText = (r: ReporterText): boolean => !!r.title || !!r.subtitle || r.notes.length > 0 || r.highlight.length > 0;
