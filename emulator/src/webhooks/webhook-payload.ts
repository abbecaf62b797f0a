import type { SandboxItem } from '../items/sandbox-item.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';

const DAY_MS = 86_400_000;

/**
 * The body Plaid sends for a webhook type/code on an item (common fields plus the code's own).
 * `error` overrides the error object where the code carries one.
 */
export function webhookPayload(
  item: SandboxItem,
  webhookType: string,
  webhookCode: string,
  error?: PlaidApiError | null,
): Record<string, unknown> {
  const base = { webhook_type: webhookType, webhook_code: webhookCode, item_id: item.itemId };
  const now = Date.now();
  const errorBody = (fallback: PlaidApiError | null) => (error ?? fallback)?.toBody() ?? null;
  const status = item.updateStatus;
  const own = ((): Record<string, unknown> => {
    switch (`${webhookType}:${webhookCode}`) {
      case 'TRANSACTIONS:SYNC_UPDATES_AVAILABLE':
        return {
          initial_update_complete: status !== 'NOT_READY',
          historical_update_complete: status === 'HISTORICAL_UPDATE_COMPLETE',
        };
      case 'TRANSACTIONS:DEFAULT_UPDATE':
      case 'TRANSACTIONS:INITIAL_UPDATE':
      case 'TRANSACTIONS:HISTORICAL_UPDATE':
        return { new_transactions: 0, error: errorBody(null) };
      case 'TRANSACTIONS:RECURRING_TRANSACTIONS_UPDATE':
        return { account_ids: item.accounts.map((a) => a.accountId) };
      case 'ITEM:ERROR':
        return { error: errorBody(PlaidApiError.itemLoginRequired()) };
      case 'ITEM:PENDING_EXPIRATION':
        return { consent_expiration_time: new Date(now + 7 * DAY_MS).toISOString() };
      case 'ITEM:PENDING_DISCONNECT':
        return {
          reason: 'INSTITUTION_TOKEN_EXPIRATION',
          disconnect_time: new Date(now + 7 * DAY_MS).toISOString(),
        };
      case 'ITEM:USER_PERMISSION_REVOKED':
        return {
          error: errorBody(
            new PlaidApiError(
              400,
              'ITEM_ERROR',
              'USER_PERMISSION_REVOKED',
              'the user has revoked access to this item',
            ),
          ),
        };
      case 'ITEM:USER_ACCOUNT_REVOKED':
        return { account_id: item.accounts[0]!.accountId };
      case 'ITEM:NEW_ACCOUNTS_AVAILABLE':
        return { error: errorBody(null) };
      case 'ITEM:WEBHOOK_UPDATE_ACKNOWLEDGED':
        return { new_webhook_url: item.webhook, error: errorBody(null) };
      default:
        return error ? { error: error.toBody() } : {};
    }
  })();
  return { ...base, ...own, environment: 'sandbox' };
}
