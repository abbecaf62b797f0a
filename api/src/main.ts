import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '@finsync/migrations';
import {
  createDatabase,
  createJobProducer,
  createRedis,
  databaseTarget,
  loadApiConfig,
  loadDotEnv,
} from '@finsync/shared';
import { listenTargetOf } from '@finsync/shared/ledger';
import { buildApp } from './app.ts';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const config = loadApiConfig(process.env);
// The API only queues jobs (to Redis); worker processes run them. Without REDIS_URL this refuses to start:
// `./finsync demo` is the way to run without Redis (its backend runs the jobs in its own process).
const jobs = createJobProducer(config);
const target = databaseTarget(config);
const db = createDatabase(target);
await migrateToLatest(db);
const redis = config.REDIS_URL ? createRedis(config.REDIS_URL) : undefined;
const app = await buildApp({ config, db, redis, queue: jobs.queue, ledgerChanges: listenTargetOf(target) });

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await jobs.close();
  await redis?.quit();
  await db.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.HOST, port: config.PORT });
