/**
 * The colours of every chart, one palette per theme. Layouts pick each mark's fill and label colour
 * from the palette they are given, so renderers only draw and a dark embed is as readable as the
 * light dashboard. tests/unit/palette.test.ts checks every fill and label pair for contrast.
 */
import { contrast } from './contrast';

export type Theme = 'light' | 'dark';

/**
 * A colour role of a series. Definitions name tones, never hex values, so the same chart reads in
 * either theme. `neutral` is for a category that should not draw the eye (no SRDI title, the plan
 * beside the outcome); it is still a full colour, clearly stronger than a muted mark.
 */
export type Tone = 'blue' | 'vermillion' | 'green' | 'purple' | 'sky' | 'ochre' | 'neutral';

export interface Palette {
  theme: Theme;
  /** What the chart sits on (the card of the dashboard or of the embed). */
  background: string;
  /** Fill of each tone: at least 3:1 against the background (WCAG 1.4.11, graphics). */
  tones: Record<Tone, string>;
  /** Marks outside the selection: close to the background, so every selected mark reads stronger. */
  muted: string;
  /** Row labels, values beside bars, rules. */
  ink: string;
  /** Tick labels, units, legend words. */
  subtle: string;
  grid: string;
  /** Dates and other small print of an exported image. */
  faint: string;
  /** The provenance marks' words in an exported image ("Modelled data"). */
  warn: string;
  /** Candidate colours of a number drawn inside a bar; `labelOn` takes the one that reads best. */
  labels: readonly [dark: string, light: string];
}

// Okabe-Ito hues (safe for colour-blind readers). Light: darkened where needed so white numbers reach
// 4.5:1 on them. Dark: lightened so dark numbers reach 4.5:1 and the bars stand out from the card.
const LIGHT: Palette = {
  theme: 'light',
  background: '#FFFFFF',
  tones: {
    blue: '#0072B2',
    vermillion: '#C75000',
    green: '#007A5A',
    purple: '#A8467F',
    sky: '#357AA6',
    ochre: '#7A6A00',
    neutral: '#8794A1',
  },
  muted: '#DDE3E9',
  ink: '#1F2933',
  subtle: '#52606D',
  grid: '#E4E7EB',
  faint: '#66727F',
  warn: '#8A3B00',
  labels: ['#1F2933', '#FFFFFF'],
};

const DARK: Palette = {
  theme: 'dark',
  background: '#243240',
  tones: {
    blue: '#56B4E9',
    vermillion: '#F08A4B',
    green: '#3DBF95',
    purple: '#D28FBE',
    sky: '#9FD0F2',
    ochre: '#D9C33B',
    neutral: '#9AA5B1',
  },
  muted: '#384654',
  ink: '#E4E7EB',
  subtle: '#B8C2CC',
  grid: '#3E4C59',
  faint: '#9AA5B1',
  warn: '#FFB870',
  labels: ['#1F2933', '#FFFFFF'],
};

export const PALETTES: Readonly<Record<Theme, Palette>> = { light: LIGHT, dark: DARK };

/** The palette of a theme. */
export const palette = (theme: Theme): Palette => PALETTES[theme];

/** The label colour of the palette that contrasts most with `fill` (a number inside a bar). */
export function labelOn(fill: string, p: Palette): string {
  const [dark, light] = p.labels;
  return contrast(fill, dark) >= contrast(fill, light) ? dark : light;
}
