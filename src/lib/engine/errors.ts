/** Thrown to a caller whose query was replaced by a newer one for the same view; not an error to show. */
export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer query');
    this.name = 'SupersededError';
  }
}

/** A query or engine failure with a message meant for people, and the raw engine text kept aside. */
export class EngineError extends Error {
  readonly detail: string;
  /** Character offset in the SQL text where DuckDB located the problem, when it says so. */
  readonly position: number | null;
  constructor(message: string, detail: string, position: number | null = null) {
    super(message);
    this.name = 'EngineError';
    this.detail = detail;
    this.position = position;
  }
}

/**
 * Turns a DuckDB exception into a short readable message. DuckDB's text is like
 * "Binder Error: Referenced column \"x\" not found ... LINE 1: select x ..."; keep its first line,
 * drop the engine's type prefix and the echoed query, and pull out the position when present.
 */
export function toEngineError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const firstLine = raw.split('\n').find((l) => l.trim() !== '') ?? raw;
  const message = firstLine.replace(/^(\w+ )?Error:\s*/, '').trim() || 'The query failed.';
  const kind = /^(\w+) Error:/.exec(firstLine)?.[1] ?? null;
  const pos = /at or near position (\d+)|position: (\d+)/i.exec(raw);
  const position = pos ? Number(pos[1] ?? pos[2]) : null;
  return new EngineError(kind ? `${kind} error: ${message}` : message, raw, position);
}

export const isSuperseded = (err: unknown): boolean => err instanceof SupersededError;
