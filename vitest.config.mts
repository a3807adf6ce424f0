import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Generous: CI machines have 2 cores and the build, e2e and 25,000-row tests share them.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
