// Modelled key projects: fictitious projects whose totals equal the published figures (20 projects,
// 27.79 亿元 completed, 5.82 % over plan in today's data/source/published-figures.csv).
import { allocate } from './allocate.mjs';
import { randomSource } from './random.mjs';
import { PROJECT_FACTS, named } from './targets.mjs';

/**
 * Modelled weights of the key projects per segment, our choice: the published project count is
 * split in these proportions (with 20 projects the weights are the counts).
 */
export const PROJECT_SEGMENTS = [
  ['电子关键元器件', 5],
  ['印刷电路板', 5],
  ['智能家电', 4],
  ['汽车电子', 3],
  ['LED照明器件', 3],
];

// Messages name the published figure behind a target, so whoever edited the CSV finds it.
const target = (targets, key) => named(PROJECT_FACTS, targets, key);
const fail = (msg) => {
  throw new Error(`projects model: ${msg}`);
};

/**
 * Builds the modelled project rows, sorted by id. `targets` are the published totals
 * (targets.mjs projectTargets) the rows must reproduce exactly.
 */
export function modelProjects(seed, targets) {
  const rng = randomSource(seed);
  const n = targets.projects;
  if (n === 0) fail(`${target(targets, 'projects')}: the investment cannot be split over no projects`);
  const counts = allocate(
    PROJECT_SEGMENTS.map(([, weight]) => weight),
    n,
  );
  const segments = rng.shuffle(PROJECT_SEGMENTS.flatMap(([name], k) => Array(counts[k]).fill(name)));
  const planned = allocate(
    Array.from({ length: n }, () => rng.lognormal(1, 0.6)),
    targets.plannedCents,
  );
  // Completion ratios scatter around the published overshoot; the final split of the completed
  // total keeps their relative sizes, so a few projects stay below plan and most end above it.
  const ratios = planned.map(() => 1.06 + 0.07 * rng.normal());
  const completed = allocate(
    planned.map((p, i) => p * ratios[i]),
    targets.completedCents,
  );
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
  checkProjects(rows, targets);
  return { rows };
}

/**
 * Throws unless the rows reproduce the published totals (`targets`, read from published-figures.csv);
 * the message names the figure and what the model gives instead. Sums are taken in integer cents.
 */
export function checkProjects(rows, targets) {
  const cents = (key) => rows.reduce((s, r) => s + Math.round(r[key] * 100), 0);
  const expect = (key, actual, what) => {
    if (actual !== targets[key]) fail(`${target(targets, key)} is published, but the model has ${actual} ${what}`);
  };
  expect('projects', rows.length, 'project rows');
  expect('completedCents', cents('completed_wan'), 'cents of 万元 completed in all');
  const planned = cents('planned_wan');
  if (planned !== targets.plannedCents) fail(`the implied plan is ${targets.plannedCents} cents of 万元, but the model plans ${planned}`);
  const over = Math.round((targets.completedCents / planned - 1) * 10000) / 100;
  expect('overPlanPercent', over, '% over plan (rounded to two decimals, as the article does); give the figure with at most two decimals');
  // A few below plan, not none or most: the published total overshoot is a mix of both. (Too few
  // projects for a mix say nothing about the model.)
  const below = rows.filter((r) => r.completed_wan < r.planned_wan).length;
  const [least, most] = [Math.max(1, Math.round(0.1 * rows.length)), Math.round(0.4 * rows.length)];
  if (rows.length >= 5 && (below < least || below > most))
    fail(`${below} of ${rows.length} projects below plan; the model should give ${least}..${most}`);
}
