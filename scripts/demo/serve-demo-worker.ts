// The demo's worker process when REDIS_URL is set: the production worker (sync, categorization, reports,
// notifications) on BullMQ.
import { fileURLToPath } from 'node:url';
import { loadDotEnv, loadWorkerConfig } from '../../shared/src/index.ts';
import { startWorker } from '../../worker/src/index.ts';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const config = loadWorkerConfig(process.env);
const worker = await startWorker(config, {
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
