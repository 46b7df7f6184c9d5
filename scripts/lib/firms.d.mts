import type { FirmTargets } from './targets.mjs';

/** One modelled firm row, in the column order of the firms table. */
export interface FirmRow {
  id: string;
  name: string;
  segment: string;
  area: string;
  scale_class: '规上' | '规下';
  srdi_level: '省级专精特新' | '国家级小巨人' | '无';
  single_champion: boolean;
  output_2022: number;
  employees: number;
  founded: number;
  modelled: true;
}

export const SEGMENTS: { name: string; weight: number; aboveScaleWeight: number; medianAbove: number }[];
export const AREAS: { name: string; weight: number }[];
export const ABOVE_SCALE_MIN_WAN: number;
/** Builds the rows for `targets`; throws (naming the fact id) when they cannot be reproduced. */
export function modelFirms(seed: number, targets: FirmTargets): { rows: FirmRow[]; calibrationFactor: number };
/** Throws naming the fact id and the model's value when `rows` miss a target. */
export function checkFirms(rows: readonly FirmRow[], targets: FirmTargets): void;
