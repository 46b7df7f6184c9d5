// Modelled firm register: fictitious firms whose aggregates equal the published figures (1,681
// firms in today's data/source/published-figures.csv). Only the aggregates are facts; every
// individual value is drawn from a seeded model.
import { allocate } from './allocate.mjs';
import { randomSource } from './random.mjs';
import { FIRM_FACTS, named } from './targets.mjs';

/**
 * The article's five segments. The article gives no breakdown, so `weight` is our choice: the
 * published firm count is split in these proportions (with 1,681 firms the weights are the counts).
 */
export const SEGMENTS = [
  { name: '电子关键元器件', weight: 520, aboveScaleWeight: 1.0, medianAbove: 4500 },
  { name: '印刷电路板', weight: 310, aboveScaleWeight: 1.6, medianAbove: 6500 },
  { name: '智能家电', weight: 395, aboveScaleWeight: 1.2, medianAbove: 6000 },
  { name: '汽车电子', weight: 196, aboveScaleWeight: 1.4, medianAbove: 5000 },
  { name: 'LED照明器件', weight: 260, aboveScaleWeight: 0.6, medianAbove: 3000 },
];

/** The district's three subdistricts, with weights for splitting the firm count (also our choice). */
export const AREAS = [
  { name: '江南街道', weight: 612 },
  { name: '外海街道', weight: 583 },
  { name: '礼乐街道', weight: 486 },
];

// 规上 (above designated size) in Chinese industrial statistics means main-business revenue of at
// least 2,000 万元; we use output as its stand-in, so the class boundary is a hard output boundary.
export const ABOVE_SCALE_MIN_WAN = 2000;
// SRDI firms are by definition SMEs; for industry the SME ceiling is 40,000 万元 revenue.
const SME_MAX_WAN = 40_000;
// How the provincial SRDI firms split between above and below scale (our choice, not published):
// of the 36 published, 26 above and 10 below; another count is split in the same proportion.
const PROVINCIAL_SRDI_SPLIT = [26, 10];

const FIRST_YEAR = 1985;
// A firm with 2022 output must have existed in 2022, so no firm is founded in 2023.
const LAST_YEAR = 2022;

// Messages name the published figure behind a target, so whoever edited the CSV finds it.
const target = (targets, key) => named(FIRM_FACTS, targets, key);
const fail = (msg) => {
  throw new Error(`firms model: ${msg}`);
};

/** The groups' names, one per firm: `total` split by the groups' weights, in group order. */
function expand(groups, total) {
  const counts = allocate(
    groups.map((g) => g.weight),
    total,
  );
  return groups.flatMap((g, k) => Array(counts[k]).fill(g.name));
}

/**
 * Builds the modelled firm rows, sorted by id. `seed` selects the random stream; `targets` are the
 * published aggregates (targets.mjs firmTargets) the rows must reproduce exactly.
 */
export function modelFirms(seed, targets) {
  if (targets.aboveScale > targets.firms) {
    fail(`${target(targets, 'aboveScale')}: there cannot be more above-scale firms than ${target(targets, 'firms')} firms in all`);
  }
  const rng = randomSource(seed);
  const n = targets.firms;
  const segments = rng.shuffle(expand(SEGMENTS, n));
  const areas = rng.shuffle(expand(AREAS, n));
  const segmentOf = Object.fromEntries(SEGMENTS.map((s) => [s.name, s]));

  // Which firms are above scale: weighted sampling without replacement (Efraimidis-Spirakis keys),
  // so capital-heavy segments such as PCB hold more of the large firms.
  const keyed = segments.map((seg, i) => ({ i, key: Math.pow(rng.uniform(), 1 / segmentOf[seg].aboveScaleWeight) }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  const above = new Set(keyed.slice(0, targets.aboveScale).map((k) => k.i));

  // Below-scale output: lognormal (median 150 万元) conditioned on the class range [1, 1999].
  const output = new Array(n).fill(0);
  for (let i = 0; i < n; i++) {
    if (above.has(i)) continue;
    let v;
    do v = Math.round(rng.lognormal(150, 1.0));
    while (v < 1 || v >= ABOVE_SCALE_MIN_WAN);
    output[i] = v;
  }
  const belowTotal = output.reduce((s, v) => s + v, 0);

  // Above-scale output: a heavier-tailed lognormal conditioned on >= 2,000 万元, then calibrated.
  // Only the excess over 2,000 is rescaled, so no firm can fall out of its class, and the excess
  // is split with largest-remainder rounding so the cluster total is exactly the published one.
  const aboveIdx = [...above].sort((a, b) => a - b);
  if (aboveIdx.length === 0) fail(`${target(targets, 'aboveScale')}: with no above-scale firm the output total cannot be calibrated`);
  const rawExcess = aboveIdx.map((i) => {
    let v;
    do v = rng.lognormal(segmentOf[segments[i]].medianAbove, 1.3);
    while (v < ABOVE_SCALE_MIN_WAN);
    return v - ABOVE_SCALE_MIN_WAN;
  });
  const excessTotal = targets.output2022Wan - belowTotal - ABOVE_SCALE_MIN_WAN * aboveIdx.length;
  if (excessTotal <= 0) {
    fail(
      `${target(targets, 'output2022Wan')} is too small: the ${n - aboveIdx.length} below-scale firms alone ` +
        `produce ${belowTotal} 万元 and each of the ${aboveIdx.length} above-scale firms at least ${ABOVE_SCALE_MIN_WAN} 万元`,
    );
  }
  const excess = allocate(rawExcess, excessTotal);
  aboveIdx.forEach((i, k) => {
    output[i] = ABOVE_SCALE_MIN_WAN + excess[k];
  });
  const calibrationFactor = excessTotal / rawExcess.reduce((s, v) => s + v, 0);

  // Employees follow output sub-linearly (bigger plants are more productive), with noise.
  const employees = output.map((v) => Math.max(3, Math.round(0.35 * Math.pow(v, 0.75) * Math.exp(0.3 * rng.normal()))));

  // Founding years rise over time, with a bump after 2004 (national electronic-information industry
  // base); above-scale firms lean older.
  const years = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) years.push(y);
  const baseWeight = years.map((y) => 1 + 0.12 * (y - FIRST_YEAR) + (y >= 2004 && y <= 2006 ? 3 : 0));
  const olderWeight = years.map((y, k) => (baseWeight[k] * (LAST_YEAR + 1 - y)) / 19);
  const founded = output.map((_, i) => years[rng.weightedIndex(above.has(i) ? olderWeight : baseWeight)]);

  // Distinctions are drawn after output is final, among firms that qualify for them.
  const srdi = new Array(n).fill('无');
  const champion = new Array(n).fill(false);
  // Every draw shuffles all its candidates whatever the count, so how many random numbers a draw
  // uses does not depend on how many firms it picks.
  const pick = (candidates, count, key, what) => {
    if (candidates.length < count) {
      fail(
        `${target(targets, key)} wants ${count} ${what}, but only ${candidates.length} modelled firms qualify; ` +
          'check the figure in published-figures.csv, or change the model in scripts/lib/firms.mjs',
      );
    }
    return rng.shuffle(candidates).slice(0, count);
  };
  const [srdiAbove, srdiBelow] = allocate(PROVINCIAL_SRDI_SPLIT, targets.provincialSrdi);
  const split = `split ${PROVINCIAL_SRDI_SPLIT.join(' : ')} above : below scale`;
  const all = [...Array(n).keys()];
  const isAbove = (i) => above.has(i);
  for (const i of pick(
    all.filter((i) => isAbove(i) && output[i] >= 10_000 && output[i] < SME_MAX_WAN),
    targets.littleGiant,
    'littleGiant',
    'national little giants (above scale, output 10,000..39,999 万元)',
  )) {
    srdi[i] = '国家级小巨人';
  }
  for (const i of pick(
    all.filter((i) => isAbove(i) && output[i] < SME_MAX_WAN && srdi[i] === '无'),
    srdiAbove,
    'provincialSrdi',
    `above-scale provincial SRDI firms (${split}; output below 40,000 万元, not the little giant)`,
  )) {
    srdi[i] = '省级专精特新';
  }
  for (const i of pick(
    all.filter((i) => !isAbove(i) && output[i] >= 1000),
    srdiBelow,
    'provincialSrdi',
    `below-scale provincial SRDI firms (${split}; output 1,000..1,999 万元)`,
  )) {
    srdi[i] = '省级专精特新';
  }
  for (const i of pick(
    all.filter((i) => isAbove(i) && output[i] >= 50_000 && srdi[i] === '无'),
    targets.singleChampion,
    'singleChampion',
    'single champions (above scale, output 50,000 万元 or more, no SRDI level)',
  )) {
    champion[i] = true;
  }

  const rows = all.map((i) => {
    const num = String(i + 1).padStart(4, '0');
    return {
      id: `F${num}`,
      name: `模拟企业${num}`,
      segment: segments[i],
      area: areas[i],
      scale_class: isAbove(i) ? '规上' : '规下',
      srdi_level: srdi[i],
      single_champion: champion[i],
      output_2022: output[i],
      employees: employees[i],
      founded: founded[i],
      modelled: true,
    };
  });
  checkFirms(rows, targets);
  return { rows, calibrationFactor };
}

/**
 * Throws unless every published aggregate (`targets`, read from published-figures.csv) and every
 * class rule holds; the message names the figure and what the model gives instead.
 */
export function checkFirms(rows, targets) {
  const count = (f) => rows.filter(f).length;
  const expect = (key, actual, what) => {
    if (actual !== targets[key]) fail(`${target(targets, key)} is published, but the model has ${actual} ${what}`);
  };
  expect('firms', rows.length, 'firm rows');
  expect(
    'aboveScale',
    count((r) => r.scale_class === '规上'),
    'above-scale (规上) firms',
  );
  expect(
    'provincialSrdi',
    count((r) => r.srdi_level === '省级专精特新'),
    'provincial SRDI firms',
  );
  expect(
    'littleGiant',
    count((r) => r.srdi_level === '国家级小巨人'),
    'national little giants',
  );
  expect(
    'singleChampion',
    count((r) => r.single_champion),
    'single champions',
  );
  expect(
    'output2022Wan',
    rows.reduce((s, r) => s + r.output_2022, 0),
    '万元 of 2022 output in all',
  );
  if (rows.some((r) => r.single_champion && r.scale_class !== '规上')) fail('a single champion is below scale');
  if (
    rows.some((r) =>
      r.scale_class === '规上' ? r.output_2022 < ABOVE_SCALE_MIN_WAN : r.output_2022 >= ABOVE_SCALE_MIN_WAN || r.output_2022 < 1,
    )
  ) {
    fail('an output is outside its size class');
  }
  if (rows.some((r) => !Number.isInteger(r.output_2022) || !Number.isInteger(r.employees) || r.employees < 3)) fail('integer columns');
  if (rows.some((r) => r.founded < FIRST_YEAR || r.founded > LAST_YEAR)) fail('founding year range');
  if (new Set(rows.map((r) => r.id)).size !== rows.length) fail('duplicate ids');
}
