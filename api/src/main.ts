import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, createRedis, databaseTarget, loadApiConfig, loadDotEnv } from '@finsync/shared';
import { buildApp } from './app.ts';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const config = loadApiConfig(process.env);
const db = createDatabase(databaseTarget(config));
await migrateToLatest(db);
const redis = config.REDIS_URL ? createRedis(config.REDIS_URL) : undefined;
const app = await buildApp({ config, db, redis });

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await redis?.quit();
  await db.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.HOST, port: config.PORT });
