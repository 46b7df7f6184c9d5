/** Table names for imported files: short, typeable in SQL, never clashing with a loaded or bundled table. */

/** Names the page owns: the bundled tables and the table behind a user's mapped firm view. */
const RESERVED_TABLES = ['facts', 'firms', 'projects', 'schools', 'enping_investments', 'firms_user'];

/**
 * "江海企业名录 2023.csv" becomes 江海企业名录_2023: letters (any script), digits and underscores,
 * so the name can be typed without quotes; a sheet adds its name. `taken` is compared without case,
 * as DuckDB does.
 */
export function tableNameFor(fileName: string, sheet: string | null, taken: Iterable<string>): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  const clean = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}_]+/gu, '_')
      .replace(/_+/g, '_')
      .replace(/^_|_$/g, '');
  let base = clean(stem) || 'table';
  if (sheet !== null) base = `${base}_${clean(sheet) || 'sheet'}`;
  if (/^\p{N}/u.test(base)) base = `t_${base}`;
  base = base.slice(0, 60);
  const used = new Set([...RESERVED_TABLES, ...taken].map((t) => t.toLowerCase()));
  let name = base;
  for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}_${k}`;
  return name;
}
