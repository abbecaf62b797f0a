// The demo's backend process: the API (buildApp) on the configured database, with the jobs in this process
// (no REDIS_URL; demo-jobs.ts) or queued to BullMQ for a separate worker, then the demo user made ready through the API.
// Prints one line `FINSYNC_DEMO_READY {json}` for the launcher once the user is seeded.
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../api/src/index.ts';
import { migrateToLatest } from '../../migrations/src/index.ts';
import { signupLinkToken } from '../../shared/src/auth/index.ts';
import { tokenCipherFromConfig } from '../../shared/src/crypto/index.ts';
import { createDatabase, databaseTarget, loadApiConfig, loadDotEnv } from '../../shared/src/index.ts';
import { listenTargetOf } from '../../shared/src/ledger/index.ts';
import { createPlaidClient } from '../../shared/src/plaid/index.ts';
import { enqueueItemSync, exchangePublicToken } from '../../shared/src/sync/index.ts';
import { latestPendingSignup, unfinishedCommitOf, userItems } from '../../shared/src/tables/index.ts';
import { createApiSession } from './api-session.ts';
import { startDemoJobs } from './demo-jobs.ts';
import { seedDemoUser } from './seed-demo-user.ts';

export const READY_MARKER = 'FINSYNC_DEMO_READY';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const config = loadApiConfig(process.env);
const login = {
  email: process.env.DEMO_EMAIL ?? 'demo@finsync.local',
  password: process.env.DEMO_PASSWORD ?? 'finsync-demo-password',
};
const log = (message: string) => console.log(message);

const target = databaseTarget(config);
const db = createDatabase(target);
await migrateToLatest(db);
const plaid = createPlaidClient(config);
const cipher = tokenCipherFromConfig(config);
const jobs = await startDemoJobs(config, db, {
  onError: (error, job) =>
    console.error(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`),
});
const app = await buildApp({ config, db, queue: jobs.queue, ledgerChanges: listenTargetOf(target) });
await app.listen({ host: config.HOST, port: config.PORT });

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await app.close();
  await jobs.close();
  await db.destroy();
  process.exit(code);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

const count = async (table: 'plaid_items' | 'transactions' | 'reports', userId: string) => {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

const apiUrl = `http://127.0.0.1:${config.PORT}`;
try {
  const outcome = await seedDemoUser(
    {
      session: createApiSession(apiUrl),
      async signupLinkToken(email) {
        const signup = await latestPendingSignup(db, email);
        if (!signup) throw new Error(`no open sign-up for ${email}`);
        return signupLinkToken(signup, config.REPORT_LINK_SECRET);
      },
      async sandboxPublicToken() {
        if (config.PLAID_ENV === 'emulator') {
          // The emulator's admin route prepares the whole history at once, so the first sync sees it all.
          const response = await fetch(
            `${config.PLAID_EMULATOR_URL.replace(/\/$/, '')}/emulator/sandbox-items`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(config.PLAID_WEBHOOK_URL ? { webhook: config.PLAID_WEBHOOK_URL } : {}),
            },
          );
          if (!response.ok) throw new Error(`the emulator refused a sandbox item: HTTP ${response.status}`);
          return ((await response.json()) as { public_token: string }).public_token;
        }
        const { data } = await plaid.sandboxPublicTokenCreate({
          institution_id: 'ins_109508',
          initial_products: ['transactions'] as Parameters<
            typeof plaid.sandboxPublicTokenCreate
          >[0]['initial_products'],
          ...(config.PLAID_WEBHOOK_URL ? { options: { webhook: config.PLAID_WEBHOOK_URL } } : {}),
        });
        return data.public_token;
      },
      async exchangePublicToken(userId, publicToken) {
        await exchangePublicToken(
          {
            db,
            plaid,
            cipher,
            queue: jobs.queue,
            clock: () => new Date(),
            webhookUrl: config.PLAID_WEBHOOK_URL,
            syncIntervalHours: config.SYNC_INTERVAL_HOURS,
          },
          { userId, publicToken },
        );
      },
      countItems: (userId) => count('plaid_items', userId),
      countTransactions: (userId) => count('transactions', userId),
      commitUnderWay: async (userId) =>
        (await userItems(db, userId)).some((item) => unfinishedCommitOf(item) !== null),
      countReports: (userId) => count('reports', userId),
      listItemIds: async (userId) =>
        (await db.selectFrom('plaid_items').select('id').where('user_id', '=', userId).execute()).map(
          (r) => r.id,
        ),
      requestSync: async (itemId) => {
        await enqueueItemSync(jobs.queue, { itemId, trigger: 'manual' });
      },
      requestReport: async (userId) => {
        await jobs.queue.enqueue(
          'generate-report',
          { userId, kind: 'weekly' },
          { dedupeId: `demo-report-${userId}` },
        );
      },
      log,
    },
    login,
  );
  console.log(
    `${READY_MARKER} ${JSON.stringify({
      email: login.email,
      password: login.password,
      created: outcome.created,
      linked: outcome.linked,
      transactions: outcome.transactions,
      reports: outcome.reports,
      inProcessJobs: jobs.inProcess,
    })}`,
  );
} catch (error) {
  console.error(`demo seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
