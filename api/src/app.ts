import type { ApiConfig, Db } from '@finsync/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { healthRoutes } from './routes/health.ts';

export interface AppDeps {
  config: Readonly<ApiConfig>;
  db: Db;
  /** Absent in the demo's in-process mode. */
  redis?: Redis | undefined;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: deps.config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
  });
  await app.register(healthRoutes, deps);
  return app;
}
