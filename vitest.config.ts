import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles .svelte files (for the server, in Node), so chart snapshots render the real components.
  plugins: [svelte()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Starting DuckDB-WASM and rebuilding the data take seconds, not milliseconds.
    testTimeout: 30_000,
    // Pinned for every worker at its start (ICU reads the locale once): the same dates, numbers and
    // snapshots on any machine, whatever its own time zone and language.
    env: { TZ: 'UTC', LC_ALL: 'en_US.UTF-8' },
  },
});
