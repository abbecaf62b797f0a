import type { PlaidApi } from 'plaid';
import type { VerificationKeyFetcher } from './verify-plaid-webhook.ts';
import { withRetry } from './with-retry.ts';

export function plaidKeyFetcher(plaid: Pick<PlaidApi, 'webhookVerificationKeyGet'>): VerificationKeyFetcher {
  return async (kid) => {
    const { data } = await withRetry(() => plaid.webhookVerificationKeyGet({ key_id: kid }));
    return { ...data.key, expired_at: data.key.expired_at };
  };
}
