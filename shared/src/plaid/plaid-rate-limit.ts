import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { CommonConfig } from '../config/schemas.ts';
import { DomainError } from '../errors/domain-error.ts';

/** One Plaid call about to be made: its endpoint (the SDK method) and, when it names one, its item. */
export interface PlaidCall {
  endpoint: string;
  /** A stable, non-secret key of the item (a hash of its access token); null for client-level calls. */
  itemKey: string | null;
}

/**
 * Admits Plaid calls within Plaid's limits: waits (never fails) while a limit is spent, and rejects with
 * SYNC_ABORTED as soon as `signal` aborts. Every call counts against the client's budget; `/transactions/sync`
 * calls also count against their item's.
 */
export interface PlaidRateLimiter {
  acquire(call: PlaidCall, signal?: AbortSignal): Promise<void>;
}

export type PlaidRateLimitConfig = Pick<
  CommonConfig,
  'PLAID_RATE_LIMIT_CLIENT' | 'PLAID_RATE_LIMIT_ITEM_SYNC' | 'PLAID_RATE_LIMIT_WINDOW_SECONDS'
>;

/** The endpoints limited per item (Plaid: about 50 `/transactions/sync` calls per minute per item). */
const PER_ITEM_ENDPOINTS: ReadonlySet<string> = new Set(['transactionsSync']);

interface Consumer {
  consume(key: string): Promise<unknown>;
}

/**
 * A budget of `limit` calls in ANY window of `windowSeconds` (sliding, as Plaid may count), kept with the fixed
 * windows rate-limiter-flexible stores: windows of `seconds` each holding `points`. A fixed window starts at
 * its first call and lasts `seconds`, so successive windows are disjoint and a sliding window of
 * `windowSeconds` meets at most ceil(windowSeconds / seconds) + 1 of them; giving each
 * floor(limit / that) points keeps any sliding window within the limit. Of the window lengths that leave at
 * least one point, the one admitting the most calls per second is chosen (2,500 a minute: 40 a second,
 * 2,400 a minute sustained; 50 a minute: 3 per 4 s, 45 a minute sustained).
 */
export function fixedWindowFor(limit: number, windowSeconds: number): { seconds: number; points: number } {
  let best = { seconds: windowSeconds, points: Math.max(1, Math.floor(limit / 2)) };
  for (let seconds = 1; seconds <= windowSeconds; seconds++) {
    const points = Math.floor(limit / (Math.ceil(windowSeconds / seconds) + 1));
    if (points >= 1 && points / seconds > best.points / best.seconds) best = { seconds, points };
  }
  return best;
}

/**
 * Fixed windows (fixedWindowFor): a call is admitted when its item's window and then the client's
 * window both have a point left. The item is asked first, so a saturated client budget only ever costs that
 * item's own points. A refused call sleeps until the refusing window ends (plus a little jitter, so waiting
 * workers do not all retry at the same instant) and asks again.
 */
function fixedWindowLimiter(client: Consumer, perItem: Consumer, random: () => number): PlaidRateLimiter {
  return {
    async acquire(call, signal) {
      for (;;) {
        throwIfAborted(signal);
        const waitMs =
          (call.itemKey !== null && PER_ITEM_ENDPOINTS.has(call.endpoint)
            ? await refusal(perItem.consume(call.itemKey))
            : null) ?? (await refusal(client.consume('client')));
        if (waitMs === null) return;
        await sleep(waitMs + Math.floor(random() * 25), signal);
      }
    },
  };
}

/** Shared by every worker process: the counters live in Redis under `<prefix>:plaid-rate:`. */
export function createRedisPlaidRateLimiter(
  redis: Redis,
  config: PlaidRateLimitConfig & { prefix: string },
  random: () => number = Math.random,
): PlaidRateLimiter {
  const options = (name: string, limit: number) => {
    const { seconds, points } = fixedWindowFor(limit, config.PLAID_RATE_LIMIT_WINDOW_SECONDS);
    return {
      storeClient: redis,
      keyPrefix: `${config.prefix}:plaid-rate:${name}`,
      points,
      duration: seconds,
    };
  };
  return fixedWindowLimiter(
    new RateLimiterRedis(options('client', config.PLAID_RATE_LIMIT_CLIENT)),
    new RateLimiterRedis(options('item-sync', config.PLAID_RATE_LIMIT_ITEM_SYNC)),
    random,
  );
}

/** One process only (the embedded demo without Redis): the same limits, counted in memory. */
export function createMemoryPlaidRateLimiter(
  config: PlaidRateLimitConfig,
  random: () => number = Math.random,
): PlaidRateLimiter {
  const options = (limit: number) => {
    const { seconds, points } = fixedWindowFor(limit, config.PLAID_RATE_LIMIT_WINDOW_SECONDS);
    return { points, duration: seconds };
  };
  return fixedWindowLimiter(
    new RateLimiterMemory(options(config.PLAID_RATE_LIMIT_CLIENT)),
    new RateLimiterMemory(options(config.PLAID_RATE_LIMIT_ITEM_SYNC)),
    random,
  );
}

/** Admits everything (tests and tools that talk to the emulator only). */
export const unlimitedPlaidRateLimiter: PlaidRateLimiter = {
  async acquire(_call, signal) {
    throwIfAborted(signal);
  },
};

/**
 * The Plaid client with every method call admitted by `limiter` first. The item is recognised by the
 * request's access_token (hashed: tokens never reach Redis); an abort signal passed in the call's options
 * (`plaid.transactionsSync(request, { signal })`) also cancels the wait.
 */
export function rateLimitedPlaid<T extends object>(client: T, limiter: PlaidRateLimiter): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor')
        return value;
      return async (...args: unknown[]) => {
        await limiter.acquire({ endpoint: property, itemKey: itemKeyOf(args[0]) }, signalOf(args[1]));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function itemKeyOf(request: unknown): string | null {
  const token = (request as { access_token?: unknown } | null | undefined)?.access_token;
  return typeof token === 'string' && token !== ''
    ? createHash('sha256').update(token).digest('base64url').slice(0, 32)
    : null;
}

function signalOf(options: unknown): AbortSignal | undefined {
  const signal = (options as { signal?: unknown } | null | undefined)?.signal;
  return signal instanceof AbortSignal ? signal : undefined;
}

/** How long until the refusing window ends; null when the point was granted. Store errors propagate. */
async function refusal(consumed: Promise<unknown>): Promise<number | null> {
  try {
    await consumed;
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
    throw error;
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new DomainError('SYNC_ABORTED', 'stopped while waiting for the Plaid rate limit');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DomainError('SYNC_ABORTED', 'stopped while waiting for the Plaid rate limit'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DomainError('SYNC_ABORTED', 'stopped while waiting for the Plaid rate limit'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
