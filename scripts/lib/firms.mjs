// Modelled firm register: 1,681 fictitious firms whose aggregates equal the published figures.
// Only the aggregates are facts; every individual value is drawn from a seeded model.
import { allocate } from './allocate.mjs';
import { randomSource } from './random.mjs';

/** The article's five segments with our (modelled) firm counts; they sum to the published 1,681. */
export const SEGMENTS = [
  { name: '电子关键元器件', firms: 520, aboveScaleWeight: 1.0, medianAbove: 4500 },
  { name: '印刷电路板', firms: 310, aboveScaleWeight: 1.6, medianAbove: 6500 },
  { name: '智能家电', firms: 395, aboveScaleWeight: 1.2, medianAbove: 6000 },
  { name: '汽车电子', firms: 196, aboveScaleWeight: 1.4, medianAbove: 5000 },
  { name: 'LED照明器件', firms: 260, aboveScaleWeight: 0.6, medianAbove: 3000 },
];

/** The district's three subdistricts with modelled firm counts. */
export const AREAS = [
  { name: '江南街道', firms: 612 },
  { name: '外海街道', firms: 583 },
  { name: '礼乐街道', firms: 486 },
];

/** Published targets (data/source/published-figures.csv) that the model must reproduce exactly. */
export const FIRM_TARGETS = {
  firms: 1681,
  aboveScale: 145,
  provincialSrdi: 36,
  littleGiant: 1,
  singleChampion: 1,
  output2022Wan: 2_700_000, // 270 亿元, the published lower bound ("超270亿元")
};

// 规上 (above designated size) in Chinese industrial statistics means main-business revenue of at
// least 2,000 万元; we use output as its stand-in, so the class boundary is a hard output boundary.
export const ABOVE_SCALE_MIN_WAN = 2000;
// SRDI firms are by definition SMEs; for industry the SME ceiling is 40,000 万元 revenue.
const SME_MAX_WAN = 40_000;
const PROVINCIAL_SRDI_ABOVE_SCALE = 26; // the other 10 provincial SRDI firms are below scale

const FIRST_YEAR = 1985;
// A firm with 2022 output must have existed in 2022, so no firm is founded in 2023.
const LAST_YEAR = 2022;

/** Builds the modelled firm rows, sorted by id. `seed` selects the random stream. */
export function modelFirms(seed) {
  const rng = randomSource(seed);
  const n = FIRM_TARGETS.firms;
  const expand = (groups) => groups.flatMap((g) => Array(g.firms).fill(g.name));
  const segments = rng.shuffle(expand(SEGMENTS));
  const areas = rng.shuffle(expand(AREAS));
  if (segments.length !== n || areas.length !== n) throw new Error('segment or area counts do not sum to 1681');
  const segmentOf = Object.fromEntries(SEGMENTS.map((s) => [s.name, s]));

  // Which firms are above scale: weighted sampling without replacement (Efraimidis-Spirakis keys),
  // so capital-heavy segments such as PCB hold more of the large firms.
  const keyed = segments.map((seg, i) => ({ i, key: Math.pow(rng.uniform(), 1 / segmentOf[seg].aboveScaleWeight) }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  const above = new Set(keyed.slice(0, FIRM_TARGETS.aboveScale).map((k) => k.i));

  // Below-scale output: lognormal (median 150 万元) conditioned on the class range [1, 1999].
  const output = new Array(n).fill(0);
  for (let i = 0; i < n; i++) {
    if (above.has(i)) continue;
    let v;
    do v = Math.round(rng.lognormal(150, 1.0)); while (v < 1 || v >= ABOVE_SCALE_MIN_WAN);
    output[i] = v;
  }
  const belowTotal = output.reduce((s, v) => s + v, 0);

  // Above-scale output: a heavier-tailed lognormal conditioned on >= 2,000 万元, then calibrated.
  // Only the excess over 2,000 is rescaled, so no firm can fall out of its class, and the excess
  // is split with largest-remainder rounding so the cluster total is exactly 2,700,000 万元.
  const aboveIdx = [...above].sort((a, b) => a - b);
  const rawExcess = aboveIdx.map((i) => {
    let v;
    do v = rng.lognormal(segmentOf[segments[i]].medianAbove, 1.3); while (v < ABOVE_SCALE_MIN_WAN);
    return v - ABOVE_SCALE_MIN_WAN;
  });
  const excessTotal = FIRM_TARGETS.output2022Wan - belowTotal - ABOVE_SCALE_MIN_WAN * aboveIdx.length;
  if (excessTotal <= 0) throw new Error('below-scale output alone exceeds the published total');
  const excess = allocate(rawExcess, excessTotal);
  aboveIdx.forEach((i, k) => { output[i] = ABOVE_SCALE_MIN_WAN + excess[k]; });
  const calibrationFactor = excessTotal / rawExcess.reduce((s, v) => s + v, 0);

  // Employees follow output sub-linearly (bigger plants are more productive), with noise.
  const employees = output.map((v) => Math.max(3, Math.round(0.35 * Math.pow(v, 0.75) * Math.exp(0.3 * rng.normal()))));

  // Founding years rise over time, with a bump after 2004 (national electronic-information industry
  // base); above-scale firms lean older.
  const years = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) years.push(y);
  const baseWeight = years.map((y) => 1 + 0.12 * (y - FIRST_YEAR) + (y >= 2004 && y <= 2006 ? 3 : 0));
  const olderWeight = years.map((y, k) => baseWeight[k] * (LAST_YEAR + 1 - y) / 19);
  const founded = output.map((_, i) => years[rng.weightedIndex(above.has(i) ? olderWeight : baseWeight)]);

  // Distinctions are drawn after output is final, among firms that qualify for them.
  const srdi = new Array(n).fill('无');
  const champion = new Array(n).fill(false);
  const pick = (candidates, count, what) => {
    if (candidates.length < count) throw new Error(`only ${candidates.length} candidates for ${count} ${what}`);
    return rng.shuffle(candidates).slice(0, count);
  };
  const all = [...Array(n).keys()];
  const isAbove = (i) => above.has(i);
  for (const i of pick(all.filter((i) => isAbove(i) && output[i] >= 10_000 && output[i] < SME_MAX_WAN), 1, 'little giant')) {
    srdi[i] = '国家级小巨人';
  }
  for (const i of pick(all.filter((i) => isAbove(i) && output[i] < SME_MAX_WAN && srdi[i] === '无'),
    PROVINCIAL_SRDI_ABOVE_SCALE, 'provincial SRDI (above scale)')) srdi[i] = '省级专精特新';
  for (const i of pick(all.filter((i) => !isAbove(i) && output[i] >= 1000),
    FIRM_TARGETS.provincialSrdi - PROVINCIAL_SRDI_ABOVE_SCALE, 'provincial SRDI (below scale)')) srdi[i] = '省级专精特新';
  for (const i of pick(all.filter((i) => isAbove(i) && output[i] >= 50_000 && srdi[i] === '无'), 1, 'single champion')) {
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
  checkFirms(rows);
  return { rows, calibrationFactor };
}

/** Throws unless every published aggregate and class rule holds. */
export function checkFirms(rows) {
  const count = (f) => rows.filter(f).length;
  const fail = (msg) => { throw new Error(`firms model: ${msg}`); };
  if (rows.length !== FIRM_TARGETS.firms) fail(`${rows.length} rows`);
  if (count((r) => r.scale_class === '规上') !== FIRM_TARGETS.aboveScale) fail('above-scale count');
  if (count((r) => r.srdi_level === '省级专精特新') !== FIRM_TARGETS.provincialSrdi) fail('provincial SRDI count');
  if (count((r) => r.srdi_level === '国家级小巨人') !== FIRM_TARGETS.littleGiant) fail('little giant count');
  if (count((r) => r.single_champion) !== FIRM_TARGETS.singleChampion) fail('single champion count');
  if (rows.some((r) => r.single_champion && r.scale_class !== '规上')) fail('single champion below scale');
  if (rows.some((r) => r.scale_class === '规上' ? r.output_2022 < ABOVE_SCALE_MIN_WAN : r.output_2022 >= ABOVE_SCALE_MIN_WAN || r.output_2022 < 1)) {
    fail('an output is outside its size class');
  }
  if (rows.some((r) => !Number.isInteger(r.output_2022) || !Number.isInteger(r.employees) || r.employees < 3)) fail('integer columns');
  if (rows.some((r) => r.founded < FIRST_YEAR || r.founded > LAST_YEAR)) fail('founding year range');
  const total = rows.reduce((s, r) => s + r.output_2022, 0);
  if (total !== FIRM_TARGETS.output2022Wan) fail(`output total ${total}`);
  if (new Set(rows.map((r) => r.id)).size !== rows.length) fail('duplicate ids');
}
