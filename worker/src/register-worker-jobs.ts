import type { OwnerDb, WorkerConfig } from '@finsync/shared';
import { categorizeTransactions, precategorizeSyncedTransactions } from '@finsync/shared/categorize-service';
import { tokenCipherFromConfig } from '@finsync/shared/crypto';
import { registerJobHandlers } from '@finsync/shared/jobs';
import {
  createMemoryPlaidRateLimiter,
  createPlaidClient,
  type PlaidRateLimiter,
  rateLimitedPlaid,
} from '@finsync/shared/plaid';
import type { JobQueue } from '@finsync/shared/queue';
import type { CategorizeHook, PrecategorizeHook } from '@finsync/shared/sync';
import { itemOwnerId } from '@finsync/shared/tables';
import type { MailTransport } from './mail/mail-transport.ts';
import { createRefreshInsightsProcessor } from './refresh-insights.ts';
import { syncJobHandlers } from './register-sync-processors.ts';
import { type ReportConfig, reportJobHandlers } from './reports/register-report-processors.ts';

export type WorkerJobsConfig = Pick<
  WorkerConfig,
  | 'PLAID_ENV'
  | 'PLAID_CLIENT_ID'
  | 'PLAID_SECRET'
  | 'PLAID_EMULATOR_URL'
  | 'PLAID_TIMEOUT_MS'
  | 'PLAID_RATE_LIMIT_CLIENT'
  | 'PLAID_RATE_LIMIT_ITEM_SYNC'
  | 'PLAID_RATE_LIMIT_WINDOW_SECONDS'
  | 'TOKEN_ENCRYPTION_KEYS'
  | 'TOKEN_ENCRYPTION_ACTIVE_KID'
  | 'CATEGORIZE_AUTO_APPLY_CONFIDENCE'
> &
  ReportConfig;

export interface WorkerJobsDeps {
  db: OwnerDb;
  config: Readonly<WorkerJobsConfig>;
  /** Overrides for tests; production uses the categorization engine and SendGrid. */
  categorize?: CategorizeHook;
  transport?: MailTransport;
  now?: () => Date;
  /**
   * Admits every Plaid call this process makes. Worker processes pass the Redis-backed limiter shared by the
   * fleet; without one (the embedded demo: one process), the same limits are counted in memory.
   */
  plaidRateLimiter?: PlaidRateLimiter;
  /** The Plaid client before limiting (tests: a counting fake); default: the SDK client for the config. */
  plaid?: ReturnType<typeof createPlaidClient>;
}

/**
 * A handler for every job finsync runs, on any queue (BullMQ in worker processes, in-process in the demo),
 * so the two modes cannot drift: sync (categorizing in short batches after its commit), then per user alerts and
 * insights, reports and notifications. A job of the map without a handler fails here, at start-up.
 */
export function registerWorkerJobs(queue: JobQueue, deps: WorkerJobsDeps): void {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const autoApplyConfidence = config.CATEGORIZE_AUTO_APPLY_CONFIDENCE;
  const categorize: CategorizeHook =
    deps.categorize ??
    (async ({ trx, userId, transactions }) => {
      await categorizeTransactions(trx, userId, transactions, { autoApplyConfidence });
    });
  // New rows are categorized before staging by the same engine; a caller's own hook (tests) sees every row.
  const precategorize: PrecategorizeHook | undefined = deps.categorize
    ? undefined
    : (input) => precategorizeSyncedTransactions(input, { autoApplyConfidence });
  const plaid = rateLimitedPlaid(
    deps.plaid ?? createPlaidClient(config),
    deps.plaidRateLimiter ?? createMemoryPlaidRateLimiter(config),
  );
  const cipher = tokenCipherFromConfig(config);
  registerJobHandlers(queue, {
    ...syncJobHandlers(queue, {
      db,
      plaid,
      cipher,
      categorize,
      precategorize,
      clock: now,
      afterSync: async (itemId) => {
        const userId = await itemOwnerId(db, itemId);
        if (!userId) return;
        // Alerts and the stored reports' refresh follow from the insights job, once transfers are paired
        // and bills re-checked, so an autopay is never a "large purchase" and a paid bill never "missed".
        await queue.enqueue('refresh-insights', { userId }, { dedupeId: `refresh-insights:${userId}` });
      },
    }),
    'refresh-insights': createRefreshInsightsProcessor({ db, now, queue, plaid, cipher }),
    ...reportJobHandlers(queue, { db, config, transport: deps.transport, now }),
  });
}
