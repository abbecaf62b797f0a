import { defineConfig } from 'vitest/config';

// One project per package, and shared's unit and database tests apart (`pnpm test:unit` runs only the unit
// ones); the database projects share the Postgres template the global setup builds when one of them runs.
const node = (name: string, extra: Record<string, unknown> = {}) => ({
  test: {
    name,
    root: `./${name}`,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    ...extra,
  },
});

export default defineConfig({
  test: {
    globalSetup: ['./test-support/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // shared's unit tests need no server (PGlite at most); its *.db.test.ts files need PostgreSQL or Redis.
      node('shared', { exclude: ['**/node_modules/**', '**/*.db.test.ts'] }),
      {
        test: { name: 'shared-db', root: './shared', include: ['src/**/*.db.test.ts'], environment: 'node' },
      },
      node('migrations'),
      node('emulator'),
      node('api'),
      node('worker'),
      node('web'),
      node('prototype'),
      // One SPA build and one Chromium per run, not per file (e2e/support/global-setup.ts).
      node('e2e', {
        include: ['**/*.test.ts'],
        testTimeout: 180_000,
        globalSetup: ['./support/global-setup.ts'],
      }),
      { test: { name: 'repo', root: '.', include: ['scripts/test/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
