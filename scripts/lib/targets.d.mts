/** Which published figure (published-figures.csv id) a target reproduces, and how it is converted. */
export interface TargetSpec {
  id: string;
  unit: string;
  whole?: boolean;
  scale?: number;
  modelUnit?: string;
}

/** A parsed row of published-figures.csv, as build-data makes it (only the fields read here). */
export interface FactRow {
  id: string;
  value: number | null;
  value_text: string;
  unit: string;
}

export interface FirmTargets {
  firms: number;
  aboveScale: number;
  provincialSrdi: number;
  littleGiant: number;
  singleChampion: number;
  /** 亿元 x 10,000 */
  output2022Wan: number;
}

export interface ProjectTargets {
  projects: number;
  /** 亿元 x 1,000,000 (cents of 万元) */
  completedCents: number;
  overPlanPercent: number;
  /** The implied plan: round(completedCents / (1 + overPlanPercent / 100)). */
  plannedCents: number;
}

export const FIRM_FACTS: Record<keyof FirmTargets, TargetSpec>;
export const PROJECT_FACTS: Record<'projects' | 'completedCents' | 'overPlanPercent', TargetSpec>;
/** Throws naming the id and `csv` when a figure is missing, not a number, in another unit or not whole. */
export function firmTargets(facts: readonly FactRow[], csv: string): FirmTargets;
export function projectTargets(facts: readonly FactRow[], csv: string): ProjectTargets;
export function named(specs: Record<string, TargetSpec>, targets: object, key: string): string;
