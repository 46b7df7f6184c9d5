export { quoteIdent, quoteLiteral } from './quote';
export { selectAll } from './queries';
export { isActive, whereExcept, type Dim, type Selection, type Selections } from './selection';
export { allCubesSql, allViewsSql, groupingOf, keyExpr, summarySql, viewSql, type CrossTable } from './crossfilter';
export { FIRM_DIMS, FIRM_PAGE_SIZE, FIRM_TABLE, FIRMS, OUTPUT_BINS_PER_DECADE, firmPageSql, lorenzSql, top10Sql } from './firms';
export { DESCRIBE_SQL, SCHEMA_SQL, TABLE_NAMES_SQL } from './catalog';
export { effect, mentions } from './names';
