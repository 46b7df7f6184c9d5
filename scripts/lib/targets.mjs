// Calibration targets of the modelled tables, read from the published figures
// (data/source/published-figures.csv) rather than written down a second time: edit a figure there
// and the next build reproduces the new value, or refuses to build and says why.

const YI_YUAN = '100 million yuan (亿元)';

/**
 * Which published figure each firm target reproduces. `unit` is the unit the CSV row must be in for
 * the conversion to hold; `scale` converts it to `modelUnit`, the model's unit (亿元 -> 万元);
 * `whole` targets are counts of firms.
 */
export const FIRM_FACTS = {
  firms: { id: 'ei_firms', unit: 'firms', whole: true },
  aboveScale: { id: 'ei_above_scale', unit: 'firms', whole: true },
  provincialSrdi: { id: 'ei_prov_srdi', unit: 'firms', whole: true },
  littleGiant: { id: 'ei_little_giant', unit: 'firms', whole: true },
  singleChampion: { id: 'ei_single_champion', unit: 'firms', whole: true },
  output2022Wan: { id: 'ei_output_2022', unit: YI_YUAN, scale: 10_000, modelUnit: '万元' },
};

/** The same for the key projects; money is kept in integer cents of 万元 (1 亿元 = 1,000,000 cents). */
export const PROJECT_FACTS = {
  projects: { id: 'ei_key_projects', unit: 'projects', whole: true },
  completedCents: { id: 'ei_key_projects_invest', unit: YI_YUAN, scale: 1_000_000, modelUnit: 'cents of 万元' },
  overPlanPercent: { id: 'ei_key_projects_over_plan', unit: 'percent', modelUnit: '%' },
};

/**
 * One target from the parsed facts (build-data's rows: `value` is a number or null). `csv` names the
 * file in messages, so whoever edited it knows where to look.
 */
function readTarget(byId, spec, csv, model) {
  const fact = byId.get(spec.id);
  const fail = (why, fix) => {
    throw new Error(`${csv}: ${spec.id} ${why}; the ${model} model is calibrated to it, so ${fix}`);
  };
  if (!fact) fail('is missing', 'add the row back with the published figure');
  if (typeof fact.value !== 'number' || !Number.isFinite(fact.value)) {
    fail(`has the value "${fact.value_text}", which is not a number`, 'give the figure as a plain number such as 145 or 27.79');
  }
  if (fact.unit !== spec.unit) {
    fail(`is in "${fact.unit}"`, `give it in "${spec.unit}", the unit the model converts from`);
  }
  if (fact.value < 0) fail(`is ${fact.value}`, 'it must not be negative');
  if (spec.whole && !Number.isInteger(fact.value)) fail(`is ${fact.value}`, 'it must be a whole number');
  // Money is rounded to the model's smallest unit (万元 for firm output, cents of 万元 for projects).
  return spec.scale ? Math.round(fact.value * spec.scale) : fact.value;
}

function readTargets(facts, specs, csv, model) {
  const byId = new Map(facts.map((f) => [f.id, f]));
  return Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, readTarget(byId, spec, csv, model)]));
}

/** { firms, aboveScale, provincialSrdi, littleGiant, singleChampion, output2022Wan } from the facts. */
export function firmTargets(facts, csv) {
  return readTargets(facts, FIRM_FACTS, csv, 'firms');
}

/** { projects, completedCents, overPlanPercent, plannedCents } from the facts. */
export function projectTargets(facts, csv) {
  const t = readTargets(facts, PROJECT_FACTS, csv, 'projects');
  // The article gives completion and the overshoot, not the plan; the plan is implied, rounded to
  // cents of 万元: round(277900 / 1.0582, 2) = 262,615.76 万元. Rounding the plan moves the implied
  // overshoot by about 1e-6 percentage points (5.820001 %), so it still rounds to 5.82 %.
  t.plannedCents = Math.round(t.completedCents / (1 + t.overPlanPercent / 100));
  return t;
}

/**
 * A target as messages name it: the fact id, the figure as published and, when the model counts in
 * another unit, the model's value: "ei_output_2022 = 270 亿元 (2700000 万元)", "ei_firms = 1681".
 */
export function named(specs, targets, key) {
  const spec = specs[key];
  const value = targets[key];
  if (spec.scale) return `${spec.id} = ${value / spec.scale} 亿元 (${value} ${spec.modelUnit})`;
  return spec.modelUnit ? `${spec.id} = ${value} ${spec.modelUnit}` : `${spec.id} = ${value}`;
}
