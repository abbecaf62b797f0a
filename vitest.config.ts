import { defineConfig } from 'vitest/config';

// One project per package, and shared's unit and database tests apart (`pnpm test:unit` runs only the unit
// ones); the database projects share the Postgres template the global setup builds when one of them runs.
//
// Parallelism is chosen, not left to the default (which ran every file one after another here: a clean-clone
// run spent 623 of its 1,445 s with no test running, only importing the next file). Every file has its own
// database, Redis prefix and ports, so files may run side by side. The run has three groups, one after another:
//   0. every package's own tests, 3 files at a time: most of their time is waiting on PostgreSQL, Redis or a
//      child process, so a third worker fills the gaps on 2 cores;
//   1. the browser journeys and e2e/backend, 2 at a time: each drives Chromium or a whole app stack;
//   2. the journeys that measure responsiveness themselves (demo-linking's "/auth/me under 1 s throughout"),
//      alone, so the figure they check is the app's and not the neighbouring file's.
const PACKAGE_WORKERS = 3;
const E2E_WORKERS = 2;
const MEASURING_JOURNEYS = ['demo-linking.test.ts'];
// A journey waits for what the page should come to show; the default 1 s of `expect.poll` made a correct page
// fail when two browsers, the app and PostgreSQL shared 2 cores (the page came, later). A wrong page still fails.
const JOURNEY_EXPECT = { poll: { timeout: 5_000 } };

const node = (name: string, extra: Record<string, unknown> = {}) => ({
  test: {
    name,
    root: `./${name}`,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    maxWorkers: PACKAGE_WORKERS,
    sequence: { groupOrder: 0 },
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
      node('shared-db', { root: './shared', include: ['src/**/*.db.test.ts'] }),
      node('migrations'),
      node('emulator'),
      node('api'),
      node('worker'),
      node('web'),
      node('prototype'),
      node('repo', { root: '.', include: ['scripts/test/**/*.test.ts'] }),
      node('e2e', {
        include: ['**/*.test.ts'],
        exclude: ['**/node_modules/**', ...MEASURING_JOURNEYS],
        maxWorkers: E2E_WORKERS,
        sequence: { groupOrder: 1 },
        testTimeout: 180_000,
        expect: JOURNEY_EXPECT,
        // One SPA build and one Chromium per run, not per file (e2e/support/global-setup.ts).
        globalSetup: ['./support/global-setup.ts'],
      }),
      node('e2e-measuring', {
        root: './e2e',
        include: MEASURING_JOURNEYS,
        maxWorkers: 1,
        sequence: { groupOrder: 2 },
        testTimeout: 180_000,
        expect: JOURNEY_EXPECT,
        // The demo builds and serves its own SPA: only the browser.
        globalSetup: ['./support/browser-only-setup.ts'],
      }),
    ],
  },
});
