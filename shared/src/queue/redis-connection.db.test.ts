import { randomUUID } from 'node:crypto';
import { testEnvironment } from '@finsync/test-support';
import { describe, expect, it } from 'vitest';
import { createRedis, redisOptions } from './redis-connection.ts';

describe('redisOptions', () => {
  it('reads password, database and TLS from a managed-cache URL', () => {
    expect(redisOptions('rediss://default:s%3Acret@cache.example.internal:6380/2')).toMatchObject({
      host: 'cache.example.internal',
      port: 6380,
      username: 'default',
      password: 's:cret',
      db: 2,
      tls: { servername: 'cache.example.internal' },
      maxRetriesPerRequest: null,
    });
  });
  it('uses no TLS for redis://', () => {
    expect(redisOptions('redis://127.0.0.1:6379').tls).toBeUndefined();
  });
  it('rejects other schemes', () => {
    expect(() => redisOptions('http://127.0.0.1:6379')).toThrow(/REDIS_URL/);
  });
});

describe('createRedis against the real server', () => {
  it('round-trips a value under a per-test key prefix', async () => {
    const prefix = `finsync-test:${randomUUID()}:`;
    const redis = createRedis(testEnvironment(process.env).redisUrl, { keyPrefix: prefix });
    try {
      await redis.set('probe', 'ok', 'EX', 30);
      expect(await redis.get('probe')).toBe('ok');
      expect(await redis.exists('probe')).toBe(1);
    } finally {
      await redis.del('probe');
      await redis.quit();
    }
  });
});
