import { Redis, type RedisOptions } from 'ioredis';

/**
 * ioredis options from a REDIS_URL as managed caches hand them out: `redis://:password@host:port/db`
 * or `rediss://` (TLS). BullMQ needs `maxRetriesPerRequest: null` so blocking commands are never cut short.
 */
export function redisOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL: expected redis:// or rediss://, got ${url.protocol}`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error('REDIS_URL: expected a database number as the path');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db,
    ...(url.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

export function createRedis(redisUrl: string, overrides: RedisOptions = {}): Redis {
  return new Redis({ ...redisOptions(redisUrl), ...overrides });
}
