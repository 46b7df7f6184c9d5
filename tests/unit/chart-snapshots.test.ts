// Every chart of the registry drawn as the dashboard draws it: the bundled Parquet answered through
// DuckDB-WASM by the chart's own queries (the crossfilter for linked views, chartQuery for the
// others), the definition's pure build, the layout at 640 px in a theme's palette, and the real
// Svelte renderer run on the server. The SVG is compared with tests/output/charts/ (see
// tests/helpers/svg-snapshot.ts; UPDATE_SNAPSHOTS=1 rewrites the files after a deliberate change).
import { render } from 'svelte/server';
import { beforeAll, describe, expect, it } from 'vitest';
import Bars from '../../src/lib/charts/bars/Bars.svg.svelte';
import type { Built, ChartDef } from '../../src/lib/charts/definition';
import Histogram from '../../src/lib/charts/histogram/Histogram.svg.svelte';
import { layoutDrawing } from '../../src/lib/charts/layout-drawing';
import Lorenz from '../../src/lib/charts/lorenz/Lorenz.svg.svelte';
import { palette, type Theme } from '../../src/lib/charts/palette';
import { chartQuery, CHARTS } from '../../src/lib/charts/registry';
import { toRows, type Engine, type Row } from '../../src/lib/engine';
import type { Lang } from '../../src/lib/format/number';
import { lorenzSql, top10Sql, type Selections } from '../../src/lib/sql';
import type { Crossfilter, Summary, ViewResult } from '../../src/lib/state/crossfilter';
import { firmCrossfilter } from '../../src/lib/state/firms';
import { expectSvgSnapshot } from '../helpers/svg-snapshot';
import { nodeEngine } from '../helpers/node-engine';

const WIDTH = 640;

let engine: Engine;
let plain: Answers;

/** What the linked views are answered with under one set of selections, as the explore view gets it. */
interface Answers {
  sels: Selections;
  views: Map<string, ViewResult>;
  summary: Summary;
  /** Rows of the concentration view's own queries (its definition's `derived`). */
  lorenz: readonly Row[];
  top10: readonly Row[];
}

/** Runs the crossfilter over the bundled data under `sels` until every view, the totals and the derived queries answered. */
async function answer(engine: Engine, sels: Selections): Promise<Answers> {
  const cf: Crossfilter = firmCrossfilter(engine);
  const views = new Map<string, ViewResult>();
  let summary: Summary | null = null;
  let lorenz: Answers['lorenz'] | null = null;
  let top10: Answers['top10'] | null = null;
  for (const d of cf.dims) cf.subscribe(d.id, (r) => views.set(d.id, r));
  cf.onSummary((s) => (summary = s));
  cf.derive('lorenz', lorenzSql, (r) => (lorenz = r.rows));
  cf.derive('top10', top10Sql, (r) => (top10 = r.rows));
  cf.refresh(sels);
  await cf.idle();
  if (!summary || !lorenz || top10 === null || views.size !== cf.dims.length) throw new Error('the crossfilter did not answer every view');
  return { sels, views, summary, lorenz, top10 };
}

/** Builds a chart from its answers exactly as its view does, and renders its SVG on the server. */
async function draw(engine: Engine, a: Answers, def: ChartDef, lang: Lang, theme: Theme): Promise<string> {
  const colours = palette(theme);
  const noop = () => undefined;
  /** Bars as a view draws them: the dashboard's linked bars take clicks. */
  const bars = (built: Built, describe: (row: string, series: string, value: number) => string, pickable: boolean) => {
    const drawn = layoutDrawing(built.drawing, WIDTH, colours);
    if (drawn.kind !== 'bars') throw new Error(`${def.id}: bars expected, the drawing is ${built.drawing.kind}`);
    return render(Bars, { props: { layout: drawn.layout, summary: built.summary, describe, onpick: pickable ? noop : undefined } }).body;
  };
  switch (def.kind) {
    case 'rows': {
      const built = def.build(toRows(await engine.query(chartQuery(def))), lang);
      return bars(built, built.describe, false);
    }
    case 'linked-bars': {
      const r = a.views.get(def.dim)!;
      const built = def.build({ rows: r.rows, base: r.base, selection: a.sels[def.dim], lang });
      return bars(built, built.describe, true);
    }
    case 'linked-histogram': {
      const r = a.views.get(def.dim)!;
      const built = def.build({ rows: r.rows, base: r.base, selection: a.sels[def.dim], lang });
      const drawn = layoutDrawing(built.drawing, WIDTH, colours);
      if (drawn.kind !== 'histogram') throw new Error(`${def.id}: a histogram expected, the drawing is ${built.drawing.kind}`);
      // The dashboard's histograms take the brush.
      return render(Histogram, {
        props: { layout: drawn.layout, summary: built.summary, describe: built.describe, onbrush: noop, onactivate: noop },
      }).body;
    }
    case 'concentration': {
      const built = def.build({ answers: { lorenz: a.lorenz, top10: a.top10 }, totals: a.summary, lang });
      const d = built.drawing;
      const drawn = layoutDrawing(d, WIDTH, colours);
      if (d.kind !== 'lorenz' || drawn.kind !== 'lorenz') throw new Error(`${def.id}: a Lorenz curve expected, the drawing is ${d.kind}`);
      return render(Lorenz, {
        props: { layout: drawn.layout, summary: built.summary, xLabel: d.xLabel, yLabel: d.yLabel, describe: d.describe },
      }).body;
    }
  }
}

beforeAll(async () => {
  engine = await nodeEngine();
  plain = await answer(engine, {});
}, 60_000);

describe('the pinned environment', () => {
  it('draws in UTC with the en-US locale (vitest.config.ts), whatever the machine says', () => {
    expect(Intl.DateTimeFormat().resolvedOptions()).toMatchObject({ timeZone: 'UTC', locale: 'en-US' });
  });
});

describe.each(['zh', 'en'] as const)('every chart in %s at 640 px, light theme', (lang) => {
  it.each(CHARTS.map((c) => [c.id, c] as const))('%s matches its snapshot', async (id, def) => {
    expectSvgSnapshot(`${id}.${lang}`, await draw(engine, plain, def, lang, 'light'));
  });
});

describe('a dark embed with a selection', () => {
  it('draws the selected "No SRDI title" stack in its tone and the others muted, in the dark palette', async () => {
    const sels: Selections = { breakdown: { kind: 'points', values: ['规上|无'] } };
    const a = await answer(engine, sels);
    const def = CHARTS.find((c) => c.id === 'firms-by-scale-srdi')!;
    const html = await draw(engine, a, def, 'en', 'dark');
    const dark = palette('dark');
    expect(html).toContain(`fill="${dark.tones.neutral}"`);
    expect(html).toContain(`fill="${dark.muted}"`);
    expect(html).not.toContain(palette('light').muted);
    expectSvgSnapshot('firms-by-scale-srdi.en.dark-selected', html);
  });
});
