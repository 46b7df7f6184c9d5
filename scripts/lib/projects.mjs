// Modelled key projects: 20 fictitious projects whose totals equal the published figures.
import { allocate } from './allocate.mjs';
import { randomSource } from './random.mjs';

export const PROJECT_TARGETS = {
  projects: 20,
  completedCents: 27_790_000, // 27.79 亿元 = 277,900.00 万元, in cents of 万元
  overPlanPercent: 5.82,
};
// The article gives completion and the overshoot, not the plan; the plan is implied, rounded to
// cents of 万元: round(277900 / 1.0582, 2) = 262,615.76 万元. Rounding the plan moves the implied
// overshoot by about 1e-6 percentage points (5.820001 %), so it still rounds to 5.82 %.
PROJECT_TARGETS.plannedCents = Math.round(PROJECT_TARGETS.completedCents / (1 + PROJECT_TARGETS.overPlanPercent / 100));

/** Modelled number of key projects per segment (sums to 20). */
export const PROJECT_SEGMENTS = [
  ['电子关键元器件', 5], ['印刷电路板', 5], ['智能家电', 4], ['汽车电子', 3], ['LED照明器件', 3],
];

/** Builds the modelled project rows, sorted by id. */
export function modelProjects(seed) {
  const rng = randomSource(seed);
  const n = PROJECT_TARGETS.projects;
  const segments = rng.shuffle(PROJECT_SEGMENTS.flatMap(([name, k]) => Array(k).fill(name)));
  const planned = allocate(Array.from({ length: n }, () => rng.lognormal(1, 0.6)), PROJECT_TARGETS.plannedCents);
  // Completion ratios scatter around the published overshoot; the final split of the completed
  // total keeps their relative sizes, so a few projects stay below plan and most end above it.
  const ratios = planned.map(() => 1.06 + 0.07 * rng.normal());
  const completed = allocate(planned.map((p, i) => p * ratios[i]), PROJECT_TARGETS.completedCents);
  const rows = planned.map((p, i) => {
    const num = String(i + 1).padStart(2, '0');
    return {
      id: `P${num}`,
      name: `重点项目${num}`,
      name_en: `Key project ${num}`,
      segment: segments[i],
      planned_wan: p / 100,
      completed_wan: completed[i] / 100,
      modelled: true,
    };
  });
  checkProjects(rows, planned, completed);
  return { rows };
}

function checkProjects(rows, plannedCents, completedCents) {
  const fail = (msg) => { throw new Error(`projects model: ${msg}`); };
  const sum = (xs) => xs.reduce((s, x) => s + x, 0);
  if (rows.length !== PROJECT_TARGETS.projects) fail(`${rows.length} rows`);
  if (sum(completedCents) !== PROJECT_TARGETS.completedCents) fail('completed total');
  if (sum(plannedCents) !== PROJECT_TARGETS.plannedCents) fail('planned total');
  const over = Math.round((PROJECT_TARGETS.completedCents / PROJECT_TARGETS.plannedCents - 1) * 10000) / 100;
  if (over !== PROJECT_TARGETS.overPlanPercent) fail(`over-plan ${over} %`);
  const below = rows.filter((r) => r.completed_wan < r.planned_wan).length;
  if (below < 2 || below > 8) fail(`${below} projects below plan; the model should give a few, not none or most`);
}
