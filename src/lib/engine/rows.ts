import type { Table } from 'apache-arrow';

export type Row = Record<string, unknown>;

/** Converts Arrow to plain objects: BigInt to Number (counts fit), Arrow lists and structs to JS. */
export function toRows<T extends Row = Row>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const out: T[] = [];
  for (const row of table) {
    if (!row) continue;
    const obj: Row = {};
    for (const name of names) obj[name] = plain((row as unknown as Row)[name]);
    out.push(obj as T);
  }
  return out;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'toJSON' in v && typeof (v as { toJSON: unknown }).toJSON === 'function') {
    return (v as { toJSON(): unknown }).toJSON();
  }
  return v;
}
