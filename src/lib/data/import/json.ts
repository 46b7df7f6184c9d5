/**
 * JSON records: an array of objects, an object holding one such array (`{"data": [...]}`), or one
 * object per line (NDJSON). Parsed in JavaScript: DuckDB-WASM 1.28 has no JSON reader built in.
 */
import type { Cell } from './grid';
import { SHAPE_LIMITS } from './limits';
import { fail } from './problems';

export interface JsonRecords {
  /** Header row (keys in order of first appearance) followed by one row per record. */
  grid: Cell[][];
  /** Element number (1-based) of each grid row after the header. */
  elements: number[];
  /** The key of the wrapping object whose array was used, if any. */
  path: string | null;
  /** Elements that were not objects (numbers, strings, arrays), by element number. */
  skipped: { element: number; found: string }[];
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Parses `text` as JSON records; throws ImportError with the line and column of a syntax error, or
 * when the records hold more keys or cells than `limits` allow.
 */
export function parseJsonRecords(file: string, text: string, limits: Readonly<Record<'columns' | 'cells', number>> = SHAPE_LIMITS): JsonRecords {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const lines = tryNdjson(text);
    if (lines) data = lines;
    else {
      const detail = (err as Error).message;
      const pos = /position (\d+)/.exec(detail);
      let line: number | null = null;
      let column: number | null = null;
      if (pos) {
        const before = text.slice(0, Number(pos[1]));
        line = before.split('\n').length;
        column = before.length - before.lastIndexOf('\n');
      } else {
        const lc = /line (\d+) column (\d+)/.exec(detail);
        if (lc) [line, column] = [Number(lc[1]), Number(lc[2])];
      }
      if (text.trim() === '') fail({ code: 'empty', file });
      fail({ code: 'json-syntax', file, line, column, detail: detail.replace(/^JSON\.parse: /, '') });
    }
  }
  let path: string | null = null;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const arrays = Object.entries(data).filter(([, v]) => Array.isArray(v) && v.some((x) => x && typeof x === 'object' && !Array.isArray(x)));
    if (arrays.length === 1) {
      path = arrays[0][0];
      data = arrays[0][1];
    } else {
      const keys = Object.keys(data).slice(0, 5).join(', ');
      fail({ code: 'json-shape', file, found: `an object${keys ? ` with keys ${keys}` : ''}` });
    }
  }
  if (!Array.isArray(data)) fail({ code: 'json-shape', file, found: kindOf(data) });
  const list = data as unknown[];
  const keys = new Map<string, number>();
  const records: { element: number; obj: Record<string, unknown> }[] = [];
  const skipped: JsonRecords['skipped'] = [];
  list.forEach((el, i) => {
    if (el && typeof el === 'object' && !Array.isArray(el)) {
      const obj = el as Record<string, unknown>;
      for (const k of Object.keys(obj)) if (!keys.has(k)) keys.set(k, keys.size);
      records.push({ element: i + 1, obj });
    } else skipped.push({ element: i + 1, found: kindOf(el) });
  });
  if (records.length === 0 && list.length > 0) fail({ code: 'json-shape', file, found: `an array of ${kindOf(list[0])}s` });
  if (keys.size > limits.columns) fail({ code: 'limit', file, limit: 'columns', max: limits.columns, found: keys.size });
  if (keys.size * records.length > limits.cells) fail({ code: 'limit', file, limit: 'cells', max: limits.cells, found: keys.size * records.length });
  const header = [...keys.keys()];
  const grid: Cell[][] = [header];
  for (const { obj } of records) grid.push(header.map((k) => toCell(obj[k])));
  return { grid, elements: records.map((r) => r.element), path, skipped };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  // Nested values stay visible as JSON text rather than vanishing.
  return JSON.stringify(v);
}

function tryNdjson(text: string): unknown[] | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return null;
  const out: unknown[] = [];
  for (const l of lines) {
    try {
      const v = JSON.parse(l);
      if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
      out.push(v);
    } catch {
      return null;
    }
  }
  return out;
}
