import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', '**/dist/**', 'playground/e2e/**'],
        },
      },
      {
        // The playground in headless Chromium: builds the site once, then drives it.
        test: {
          name: 'browser',
          include: ['playground/e2e/**/*.test.ts'],
          globalSetup: ['playground/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
