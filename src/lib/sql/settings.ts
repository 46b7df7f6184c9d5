/** The engine's own settings: what the app sets right after connecting, and what the console reports. */

/**
 * Statements run right after connecting: no extension is ever fetched (no extension server is
 * reachable here, and a failed autoload breaks the instance; ARCHITECTURE.md section 5), and memory
 * is bounded to `memoryLimitMB` megabytes.
 */
export const engineSettingsSql = (memoryLimitMB: number): string[] => [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
  `SET memory_limit = '${Math.max(1, Math.floor(memoryLimitMB))}MB'`,
];

/** The memory limit in force as DuckDB states it (m), which the console may have changed with SET. */
export const MEMORY_LIMIT_SQL = "SELECT current_setting('memory_limit') AS m";
