import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'services/*/test/**/*.test.ts', 'tools/**/*.test.ts', 'test/**/*.test.ts', 'deploy/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tools/asr-model/.cache/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
