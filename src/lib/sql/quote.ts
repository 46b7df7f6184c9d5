/** Quotes an identifier for DuckDB: any text, including quotes and Chinese, becomes one name. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a value as a SQL literal. Numbers must be finite; strings are single-quoted and escaped. */
export function quoteLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes('\u0000')) throw new Error('string contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}
