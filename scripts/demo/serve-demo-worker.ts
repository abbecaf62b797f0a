// The demo's worker process when REDIS_URL is set: the worker's BullMQ processors for sync, reports and
// notifications, with sync categorizing like the in-process mode does.
import { fileURLToPath } from 'node:url';
import { tokenCipherFromConfig } from '../../shared/src/crypto/index.ts';
import { loadDotEnv, loadWorkerConfig } from '../../shared/src/index.ts';
import { createPlaidClient } from '../../shared/src/plaid/index.ts';
import { registerSyncProcessors, startWorker } from '../../worker/src/index.ts';
import { categorizeOnSync } from './categorize-on-sync.ts';
import { registerReportJobs } from './register-report-jobs.ts';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const config = loadWorkerConfig(process.env);
const worker = await startWorker(config, {
  register: (queue, { db }) => {
    // Registering a job name again replaces its processor: these sync handlers also categorize.
    registerSyncProcessors(queue, {
      db,
      plaid: createPlaidClient(config),
      cipher: tokenCipherFromConfig(config),
      categorize: categorizeOnSync,
    });
    registerReportJobs(queue, { db, config });
  },
  log: (event, details) => {
    if (event === 'job_failed') console.error(`job failed: ${JSON.stringify(details)}`);
  },
});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 30_000).unref();
  await worker.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
