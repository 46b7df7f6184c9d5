import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ordered } from '../../src/lib/data/small-tables';
import { chartQuery, ROWS_CHARTS } from '../../src/lib/charts/registry';
import { openWasmDb } from '../helpers/wasm-db';

const small = JSON.parse(readFileSync('data/small.json', 'utf8')) as Record<string, Record<string, unknown>[]> & { dataVersion: string };

describe('small.json, which embeds draw from without the engine', () => {
  it('belongs to the same data version as the manifest', () => {
    const manifest = JSON.parse(readFileSync('data/manifest.json', 'utf8')) as { dataVersion: string };
    expect(small.dataVersion).toBe(manifest.dataVersion);
  });
  it.each(ROWS_CHARTS.map((c) => [c.id, c] as const))('gives %s the same rows in the same order as its query', async (_id, spec) => {
    const db = await openWasmDb();
    const fromSql = db.query(chartQuery(spec));
    expect(ordered(small[spec.table], spec.order.column, spec.order.desc)).toEqual(fromSql);
  });
  it('does not reorder the rows it is given', () => {
    const rows = [{ a: 2 }, { a: 1 }];
    ordered(rows, 'a', false);
    expect(rows).toEqual([{ a: 2 }, { a: 1 }]);
  });
});
