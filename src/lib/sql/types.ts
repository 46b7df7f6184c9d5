/** What the DuckDB type names of a table's columns say, for the SQL built over them. */

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/i;

/** True for a DuckDB numeric type name (integers of any width, floats, DECIMAL(p, s)). */
export const isNumericType = (type: string): boolean => NUMERIC.test(type);
