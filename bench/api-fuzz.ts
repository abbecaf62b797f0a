// The OpenAPI-driven fuzzer (api/test/support/openapi-fuzzer.ts) for longer than CI allows: many seeds, many
// requests per operation, against a real API on a scratch database. Exits 1 on any finding.
// Usage: pnpm bench api-fuzz [--seeds 5] [--per-op 60] [--first-seed 1]
import { buildApp } from '@finsync/api';
import { startEmulator } from '@finsync/emulator';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, loadApiConfig } from '@finsync/shared';
import { createInProcessJobQueue } from '@finsync/shared/queue';
import { createEmptyTestDatabase, signUpThroughLink } from '@finsync/test-support';
import { fuzzDigest, fuzzSignIn } from '../api/test/support/fuzz-fixture.ts';
import { fuzzOpenApi } from '../api/test/support/openapi-fuzzer.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seeds = arg('seeds', 5);
const perOperation = arg('per-op', 60);
const firstSeed = arg('first-seed', 1);

process.env.FINSYNC_TEST_DB_PREFIX ??= 'finsync_bench_fuzz';
const scratch = await createEmptyTestDatabase();
const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 5 });
const emulator = await startEmulator({ port: 0, seed: 5 });
const queue = createInProcessJobQueue();
const password = 'fuzzing password 1';
let failed = false;
try {
  await migrateToLatest(db);
  const app = await buildApp({
    config: loadApiConfig({
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      COOKIE_SECURE: 'false',
      PLAID_ENV: 'emulator',
      PLAID_EMULATOR_URL: emulator.url,
    }),
    db,
    queue,
    plaidItems: { removeItem: async () => {} },
    rateLimits: {
      loginPerIp: { max: 1e9, windowMs: 60_000 },
      signupPerIp: { max: 1e9, windowMs: 60_000 },
      refreshPerIp: { max: 1e9, windowMs: 60_000 },
      passwordPerAccount: { max: 1e9, windowMs: 60_000 },
    },
  });
  const email = 'fuzz-bench@example.com';
  await signUpThroughLink(app, db, { email, password });
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const started = performance.now();
    const report = await fuzzOpenApi({
      app,
      seed,
      perOperation,
      signIn: () => fuzzSignIn(app, email, password),
      digest: () => fuzzDigest(db),
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `seed ${seed}: ${report.requests} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(report.byStatus)}, ${report.findings.length} findings`,
    );
    for (const f of report.findings.slice(0, 20)) console.log(`  ${JSON.stringify(f)}`);
    if (report.findings.length > 0) failed = true;
  }
  await app.close();
} finally {
  await queue.close();
  await emulator.close();
  await db.destroy();
  await scratch.drop();
}
process.exit(failed ? 1 : 0);
