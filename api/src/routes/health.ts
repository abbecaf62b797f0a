import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../app.ts';

/** `/health`: the process is alive. `/ready`: its stores answer, so a load balancer may send traffic. */
export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_req, reply) => {
    const checks: Record<string, 'ok' | 'down' | 'not configured'> = {
      postgres: 'down',
      redis: 'not configured',
    };
    try {
      await sql`SELECT 1`.execute(deps.db);
      checks.postgres = 'ok';
    } catch (error) {
      app.log.warn({ err: error }, 'readiness: database check failed');
    }
    if (deps.redis) {
      try {
        checks.redis = (await deps.redis.ping()) === 'PONG' ? 'ok' : 'down';
      } catch (error) {
        checks.redis = 'down';
        app.log.warn({ err: error }, 'readiness: redis check failed');
      }
    }
    const ready = Object.values(checks).every((c) => c !== 'down');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
}
