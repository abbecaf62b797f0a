import { DomainError } from '../errors/domain-error.ts';
import { classifyPlaidError, type PlaidFailure } from './classify-plaid-error.ts';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Rate limits get a longer floor than server errors (Plaid's limits are per minute per item). */
  rateLimitBaseMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 6,
  baseMs: 250,
  maxMs: 20_000,
  rateLimitBaseMs: 1_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Full-jitter exponential backoff: uniform in [0, min(max, base·2^attempt)], never below Retry-After. */
export function backoffDelay(policy: RetryPolicy, attempt: number, failure: PlaidFailure): number {
  const rateLimited = failure.kind === 'transient' && failure.status === 429;
  const base = rateLimited ? policy.rateLimitBaseMs : policy.baseMs;
  const ceiling = Math.min(policy.maxMs, base * 2 ** attempt);
  const jittered = Math.floor(policy.random() * ceiling);
  const floor = failure.kind === 'transient' ? (failure.retryAfterMs ?? 0) : 0;
  return Math.max(jittered, floor, rateLimited ? base / 2 : 0);
}

/** A Plaid failure as a DomainError with its classification attached. */
export class PlaidCallError extends DomainError {
  readonly failure: PlaidFailure;
  constructor(failure: PlaidFailure, cause: unknown) {
    super(
      failure.kind === 'item' ? failure.code : 'PLAID_ERROR',
      `Plaid: ${failure.code}: ${failure.message}`,
      {
        plaidCode: failure.code,
        kind: failure.kind,
        status: failure.status,
      },
      { cause },
    );
    this.name = 'PlaidCallError';
    this.failure = failure;
  }
}

/** Runs a Plaid call, retrying transient failures; anything else is thrown at once as a PlaidCallError. */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      // Ours, not Plaid's (a classified failure, a wait for the rate limit that was aborted): never retried.
      if (error instanceof DomainError) throw error;
      const failure = classifyPlaidError(error);
      if (failure.kind !== 'transient' || attempt + 1 >= policy.attempts)
        throw new PlaidCallError(failure, error);
      await policy.sleep(backoffDelay(policy, attempt, failure));
    }
  }
}
