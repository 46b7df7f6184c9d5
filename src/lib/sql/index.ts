export { quoteIdent, quoteLiteral } from './quote';
export { selectAll } from './queries';
