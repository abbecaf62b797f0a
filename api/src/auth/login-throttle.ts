import {
  FAILURE_MEMORY_MS,
  type FailureCount,
  FREE_FAILURES,
  secondsUntilAllowed,
} from '@finsync/shared/auth';
import type { Redis } from 'ioredis';

/** The two counters one sign-in attempt is held to (see shared/src/auth/login-policy.ts). */
export interface ThrottleKeys {
  /** The client address, across every account. */
  address: string;
  /** The account (user id, or the e-mail's hash when there is none) with the device, or else the address. */
  accountClient: string;
}

/** Failure counts of sign-in attempts, shared by every API instance through Redis (memory without it). */
export interface LoginThrottle {
  /** Seconds until both counters allow an attempt; 0 = go. */
  wait(keys: ThrottleKeys, now: Date): Promise<number>;
  failed(keys: ThrottleKeys, now: Date): Promise<void>;
  /** A success clears the account-and-client count (not the address's: other accounts' failures stand). */
  succeeded(keys: ThrottleKeys): Promise<void>;
}

interface CountStore {
  get(key: string): Promise<FailureCount | null>;
  increment(key: string, now: Date): Promise<void>;
  clear(key: string): Promise<void>;
}

function redisStore(redis: Redis, prefix: string): CountStore {
  const k = (key: string) => `${prefix}:login-failures:${key}`;
  return {
    async get(key) {
      const [n, at] = await redis.hmget(k(key), 'n', 'at');
      if (!n || !at) return null;
      return { failures: Number(n), lastFailureAt: new Date(Number(at)) };
    },
    async increment(key, now) {
      await redis
        .multi()
        .hincrby(k(key), 'n', 1)
        .hset(k(key), 'at', String(now.getTime()))
        .pexpire(k(key), FAILURE_MEMORY_MS)
        .exec();
    },
    async clear(key) {
      await redis.del(k(key));
    },
  };
}

function memoryStore(): CountStore {
  const counts = new Map<string, FailureCount>();
  return {
    async get(key) {
      return counts.get(key) ?? null;
    },
    async increment(key, now) {
      if (counts.size > 100_000) counts.clear();
      counts.set(key, { failures: (counts.get(key)?.failures ?? 0) + 1, lastFailureAt: now });
    },
    async clear(key) {
      counts.delete(key);
    },
  };
}

export function createLoginThrottle(deps: { redis?: Redis | undefined; prefix: string }): LoginThrottle {
  const store = deps.redis ? redisStore(deps.redis, deps.prefix) : memoryStore();
  return {
    async wait(keys, now) {
      const [address, accountClient] = await Promise.all([
        store.get(`addr:${keys.address}`),
        store.get(`acct:${keys.accountClient}`),
      ]);
      return Math.max(
        secondsUntilAllowed(address, FREE_FAILURES.perAddress, now),
        secondsUntilAllowed(accountClient, FREE_FAILURES.perAccountAndClient, now),
      );
    },
    async failed(keys, now) {
      await Promise.all([
        store.increment(`addr:${keys.address}`, now),
        store.increment(`acct:${keys.accountClient}`, now),
      ]);
    },
    async succeeded(keys) {
      await store.clear(`acct:${keys.accountClient}`);
    },
  };
}
