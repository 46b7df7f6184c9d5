/**
 * Which rows the firm views run on: the bundled modelled register, or a table the user imported in
 * this tab. Framework-free observable so App can pass `modelled` down to every frame.
 */
export type FirmSource = { kind: 'bundled' } | { kind: 'user'; table: string; label: string };

let current: FirmSource = { kind: 'bundled' };
const listeners = new Set<(s: FirmSource) => void>();

export function firmSource(): FirmSource {
  return current;
}

export function setFirmSource(next: FirmSource): void {
  current = next;
  for (const fn of listeners) fn(current);
}

export function onFirmSource(fn: (s: FirmSource) => void): () => void {
  listeners.add(fn);
  fn(current);
  return () => listeners.delete(fn);
}
