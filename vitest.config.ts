import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Starting DuckDB-WASM and rebuilding the data take seconds, not milliseconds.
    testTimeout: 30_000,
  },
});
