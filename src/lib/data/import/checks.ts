/** Checks: every column converted to its chosen type, and the rows that could not be kept as they are. */
import { convertColumn } from './convert';
import type { RawTable } from './grid';
import type { ColumnType, RowProblem, TableCheck } from './types';

/**
 * Converts every column to its chosen type and counts the rows with any problem (ragged, or a value
 * that does not fit its column's type). `onColumn` hears after each column, for progress.
 */
export function checkTable(
  table: RawTable,
  types: readonly ColumnType[],
  moneyFactors: readonly (number | null)[] = [],
  maxExamples = 8,
  onColumn?: (done: number, total: number) => void,
): TableCheck {
  const bad = new Set<number>();
  const examples: RowProblem[] = [];
  for (const r of table.ragged) {
    bad.add(r.index);
    if (examples.length < maxExamples) {
      examples.push(
        r.values > r.expected
          ? { row: r.row, kind: 'ragged-long', detail: `${r.values}/${r.expected}`, value: r.dropped.join(', ') }
          : { row: r.row, kind: 'ragged-short', detail: `${r.values}/${r.expected}` },
      );
    }
  }
  const columns = table.data.map((cells, c) => {
    const conv = convertColumn(cells, types[c], moneyFactors[c] ?? null);
    onColumn?.(c + 1, table.data.length);
    return conv;
  });
  columns.forEach((conv, c) => {
    for (const i of conv.failedRows) bad.add(i);
    for (const ex of conv.examples) {
      if (examples.length < maxExamples)
        examples.push({ row: table.sourceRows[ex.index], kind: 'bad-value', column: table.columns[c], value: ex.value, type: types[c] });
    }
  });
  return { columns, problemRows: bad.size, examples };
}
