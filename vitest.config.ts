import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One graphql module for the app, Pothos and yoga: vite would otherwise load its ESM build beside the CommonJS one.
const graphql = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: { graphql } },
  test: {
    include: ['tests/**/*.test.ts'],
    env: { LOG_LEVEL: 'silent' },
    setupFiles: ['tests/support/database-per-file.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
