import type { Engine } from '../engine';
import { FIRMS } from '../sql';
import { Crossfilter } from './crossfilter';

/** The crossfilter of the firm views: the one place it is built (explore, embeds, the benchmark's SQL). */
export const firmCrossfilter = (engine: Engine, preagg = true): Crossfilter => new Crossfilter(engine, FIRMS, preagg);
