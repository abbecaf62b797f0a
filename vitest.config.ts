import { defineConfig } from 'vitest/config';

// One project per package; integration projects share the Postgres template built by the global setup.
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
    globalSetup: ['./migrations/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      node('shared'),
      node('migrations'),
      node('emulator'),
      node('api'),
      node('worker'),
      node('web'),
      node('prototype'),
      node('e2e', { include: ['**/*.test.ts'], testTimeout: 180_000 }),
      { test: { name: 'repo', root: '.', include: ['scripts/test/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
