import { createRedis, loadApiConfig } from '@finsync/shared';
import { createTestDatabase, type TestDatabase, testEnvironment } from '@finsync/test-support';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app.ts';

describe('health endpoints against real Postgres and Redis', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const redis = createRedis(testEnvironment(process.env).redisUrl);

  beforeAll(async () => {
    t = await createTestDatabase(inject('pgTemplate'));
    app = await buildApp({
      config: loadApiConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
      db: t.db,
      redis,
    });
  });
  afterAll(async () => {
    await app.close();
    await redis.quit();
    await t.drop();
  });

  it('/health answers while the process lives', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/ready checks Postgres and Redis', async () => {
    const res = await app.inject({ method: 'GET', url: '/ready' });
    expect(res.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
    expect(res.statusCode).toBe(200);
  });

  it('/ready answers 503 when the database is gone', async () => {
    const broken = await createTestDatabase(inject('pgTemplate'));
    const app2 = await buildApp({ config: loadApiConfig({ LOG_LEVEL: 'silent' }), db: broken.db });
    await broken.drop();
    const res = await app2.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.postgres).toBe('down');
    await app2.close();
  });
});
