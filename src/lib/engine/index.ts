import { Engine } from './engine';

export { Engine, isTransient, retrying } from './engine';
export type { EngineStatus } from './engine';
export { isSuperseded, toEngineError } from './errors';
export { toRows, type Row } from './rows';
export type { DuckConnection } from './duckdb';

/** The page's engine. Created at module load so the worker starts in parallel with the first paint. */
export const engine = new Engine();
