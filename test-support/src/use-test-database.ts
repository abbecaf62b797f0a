import { afterAll, beforeAll, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * The test file's own database, cloned from the run's migrated template before its tests and dropped after
 * them. Read `t.db` inside a test or hook (it exists from the file's first beforeAll on).
 */
export function useTestDatabase(): { readonly t: TestDatabase } {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(inject('pgTemplate'));
  });
  afterAll(() => t?.drop());
  return {
    get t() {
      if (!t) throw new Error('the test database is created in beforeAll');
      return t;
    },
  };
}
