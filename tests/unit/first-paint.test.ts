// The answers the build writes into the page: the app's own SQL, native DuckDB and DuckDB-WASM
// agreeing, and only used for the data they belong to.
import { describe, expect, it } from 'vitest';
import { computeFirstPaint } from '../../scripts/first-paint';
import { FIRST_PAINT_ID, firstPaintQueries, useFirstPaint } from '../../src/lib/charts/first-paint';
import { firstAnswer } from '../../src/lib/data/answers';
import { allViewsSql, FIRMS } from '../../src/lib/sql';
import { Engine } from '../../src/lib/engine/engine';

const fakeDoc = (json: string) =>
  ({ getElementById: (id: string) => (id === FIRST_PAINT_ID ? { textContent: json } : null) }) as unknown as Document;
const idleEngine = () => new Engine(() => new Promise(() => undefined));

describe('the first paint', async () => {
  const fp = await computeFirstPaint('data');
  it("answers every first-paint query, as native DuckDB and DuckDB-WASM agree, with the tables' origins", () => {
    expect(Object.keys(fp.answers).sort()).toEqual(firstPaintQueries().sort());
    const all = fp.answers[allViewsSql(FIRMS)];
    expect(all.find((r) => r.g === 31)).toMatchObject({ n: 1681, s: 2_700_000 });
    expect(fp.origins.firms[0]).toMatchObject({ kind: 'modelled' });
    expect(fp.origins.schools[0]).toMatchObject({ kind: 'published' });
  });
  it.each([
    ['the bundled data', 'bundled', true],
    ["a frozen link to this build's data version", { dataVersion: fp.dataVersion }, true],
    ['a frozen link to another data version', { dataVersion: '000000000000' }, false],
    ["another site's data", null, false],
  ] as const)('is used for %s: %s', (_n, data, used) => {
    useFirstPaint(fakeDoc(JSON.stringify(fp)), data, idleEngine());
    expect(firstAnswer(allViewsSql(FIRMS)) !== undefined).toBe(used);
  });
  it('is dropped once the data changes after its first registration', () => {
    const engine = idleEngine();
    useFirstPaint(fakeDoc(JSON.stringify(fp)), 'bundled', engine);
    engine.invalidate();
    expect(firstAnswer(allViewsSql(FIRMS))).toBeDefined();
    engine.invalidate();
    expect(firstAnswer(allViewsSql(FIRMS))).toBeUndefined();
  });
  it('costs only the early paint when damaged', () => {
    useFirstPaint(fakeDoc('{not json'), 'bundled', idleEngine());
    expect(firstAnswer(allViewsSql(FIRMS))).toBeUndefined();
  });
});
