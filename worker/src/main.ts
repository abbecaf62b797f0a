// The worker process: every job of the job map (sync, insights, reports, notifications) on BullMQ, with the
// schedules, until SIGTERM/SIGINT lets the running jobs reach a safe point.
import { loadDotEnv, loadWorkerConfig } from '@finsync/shared';
import { startWorker } from './start-worker.ts';

loadDotEnv(new URL('../..', import.meta.url).pathname);
const config = loadWorkerConfig(process.env);
const log = (event: string, details: Record<string, unknown> = {}) => {
  if (config.LOG_LEVEL !== 'silent')
    console.log(JSON.stringify({ time: new Date().toISOString(), event, ...details }));
};
const worker = await startWorker(config, { log });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('worker_stopping', { signal });
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  await worker.close();
  log('worker_stopped');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
