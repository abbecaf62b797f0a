/**
 * Where tests find the machine's real services. CI sets FINSYNC_TEST_DB_PREFIX per run so
 * concurrent runs never touch each other's databases.
 */
export interface TestEnvironment {
  adminUrl: string;
  redisUrl: string;
  dbPrefix: string;
}

export function testEnvironment(env: Readonly<Record<string, string | undefined>>): TestEnvironment {
  const prefix = env.FINSYNC_TEST_DB_PREFIX ?? 'finsync_test';
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new Error('FINSYNC_TEST_DB_PREFIX: expected lower-case letters, digits and _ (max 41 chars)');
  }
  return {
    adminUrl: env.FINSYNC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.FINSYNC_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    dbPrefix: prefix,
  };
}
