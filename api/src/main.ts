import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, createRedis, databaseTarget, loadApiConfig, loadDotEnv } from '@finsync/shared';
import { createAppJobQueue } from '@finsync/worker';
import { buildApp } from './app.ts';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const config = loadApiConfig(process.env);
const db = createDatabase(databaseTarget(config));
await migrateToLatest(db);
const redis = config.REDIS_URL ? createRedis(config.REDIS_URL) : undefined;
// With REDIS_URL a producer only (worker processes run the jobs); without it (demo) the jobs run in here.
const jobs = await createAppJobQueue(config, db);
const app = await buildApp({ config, db, redis, queue: jobs.queue });

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
