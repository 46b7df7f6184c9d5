/**
 * A one-word note in localStorage that tables are saved on this device, so that a visit with nothing
 * saved (most readers of the dashboard) does not load the persistence code at all. The saved tables
 * themselves and their index live in the device store (store.ts); this only says whether to look.
 */
const KEY = 'jianghai:saved-tables';

/** True when the last visit left tables saved on this device. */
export function hasSavedTables(): boolean {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch {
    // Storage blocked: then the device store is too, and there is nothing to restore.
    return false;
  }
}

/** Notes how many tables are saved (0 removes the note). */
export function noteSavedTables(n: number): void {
  try {
    if (n > 0) localStorage.setItem(KEY, String(n));
    else localStorage.removeItem(KEY);
  } catch {
    // Without the note the workbench still finds the tables when it is opened.
  }
}
