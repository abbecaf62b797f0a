export { classifyPlaidError, type PlaidFailure } from './classify-plaid-error.ts';
export { createPlaidClient, type PlaidClientConfig } from './create-plaid-client.ts';
export { linkScriptUrl } from './link-script-url.ts';
export { plaidKeyFetcher } from './plaid-key-fetcher.ts';
export {
  createMemoryPlaidRateLimiter,
  createRedisPlaidRateLimiter,
  type PlaidCall,
  type PlaidRateLimitConfig,
  type PlaidRateLimiter,
  rateLimitedPlaid,
  unlimitedPlaidRateLimiter,
} from './plaid-rate-limit.ts';
export {
  createWebhookVerifier,
  type VerificationKeyFetcher,
  type VerifiedWebhook,
  type WebhookVerifier,
  type WebhookVerifierOptions,
} from './verify-plaid-webhook.ts';
export {
  backoffDelay,
  defaultRetryPolicy,
  PlaidCallError,
  type RetryPolicy,
  withRetry,
} from './with-retry.ts';
