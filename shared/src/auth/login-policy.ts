// Failed sign-ins slow the guesser down without locking the owner out. Failures are counted per client
// address (across accounts) and per account-and-client, where the client is a known device (a signed cookie
// from an earlier successful sign-in to that account) or else the address. No count is per account alone,
// so nobody can lock an owner out by failing on purpose from elsewhere.

/** Failures allowed before backoff starts. */
export const FREE_FAILURES = { perAccountAndClient: 5, perAddress: 20 } as const;
export const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 15 * 60_000;
/** A count is forgotten this long after its latest failure. */
export const FAILURE_MEMORY_MS = 24 * 3600_000;

export interface FailureCount {
  failures: number;
  lastFailureAt: Date;
}

/** The wait after `failures` consecutive failures: none within the free ones, then 1 s doubling to 15 min. */
export function backoffMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(30, failures - free));
}

/** Whole seconds until this counter allows another attempt; 0 when it allows one now. */
export function secondsUntilAllowed(count: FailureCount | null, free: number, now: Date): number {
  if (!count) return 0;
  if (now.getTime() - count.lastFailureAt.getTime() >= FAILURE_MEMORY_MS) return 0;
  const until = count.lastFailureAt.getTime() + backoffMs(count.failures, free);
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}
