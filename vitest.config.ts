import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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

// Each group runs its files in the order the sequencer gives, a few at a time, and ends with its last file. Vitest
// orders a group project by project (api … worker), each project's files by their last duration, or by their size
// when it has none — always the case on a clean clone, as in CI. There the longest files started among the last:
// worker-crash (137 s), the last project's, and short-sourced long journeys (first-run, the signed-out sweep), so
// one worker ran on alone while the others had nothing left. These files, the longest measured (most first), start
// their group; every other file keeps vitest's order after them. Keep it to the files that run longest.
const LONGEST_FIRST = [
  'worker/test/worker-crash.test.ts',
  'api/test/statement-imports.test.ts',
  'api/test/openapi-fuzz.test.ts',
  'shared/src/ledger/cash-flow-rollups.db.test.ts',
  'worker/test/sync-acceptance.test.ts',
  'api/test/login-backoff.test.ts',
  'shared/src/figures/cash-flow-agreement.db.test.ts',
  'e2e/every-page.test.ts',
  'e2e/email-links.test.ts',
  'e2e/journey.test.ts',
  'e2e/transactions-table.test.ts',
  'e2e/figures-agree.test.ts',
  'e2e/passkey.test.ts',
  'e2e/budgets.test.ts',
  'e2e/first-run.test.ts',
  'e2e/demo-smoke.test.ts',
  'e2e/every-page-signed-out.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    const group = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    // Array.prototype.sort is stable: files of equal rank keep vitest's order.
    return (await super.sort(files)).sort((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: LongestFirst },
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
