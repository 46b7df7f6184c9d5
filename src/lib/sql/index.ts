export { quoteIdent, quoteLiteral } from './quote';
export { filterPredicate, whereClause, type Filter } from './filters';
export { countBy, countBy2, logHistogram, selectAll } from './queries';
