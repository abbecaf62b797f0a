import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, createRedis, databaseTarget, loadApiConfig, loadDotEnv } from '@finsync/shared';
import { createBullJobQueue } from '@finsync/shared/queue';
import { buildApp } from './app.ts';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const config = loadApiConfig(process.env);
const db = createDatabase(databaseTarget(config));
await migrateToLatest(db);
const redis = config.REDIS_URL ? createRedis(config.REDIS_URL) : undefined;
// Producer only: the worker runs the jobs this API enqueues (webhook-triggered syncs).
const queue = redis ? createBullJobQueue({ redis, prefix: config.REDIS_PREFIX }) : undefined;
const app = await buildApp({ config, db, redis, queue });

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await queue?.close();
  await redis?.quit();
  await db.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.HOST, port: config.PORT });
