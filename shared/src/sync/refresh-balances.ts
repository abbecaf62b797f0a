import type { PlaidApi } from 'plaid';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import type { Db } from '../db/create-database.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../plaid/with-retry.ts';
import { findPlaidItem } from '../tables/plaid-items.ts';
import { storeItemAccounts } from './store-item-accounts.ts';
import { toSyncedAccount } from './synced-records.ts';

/** On-demand real-time balances (`/accounts/balance/get`): updates accounts and today's snapshot. */
export async function refreshBalances(
  deps: {
    db: Db;
    plaid: Pick<PlaidApi, 'accountsBalanceGet'>;
    cipher: TokenCipher;
    clock: () => Date;
    retry?: RetryPolicy;
  },
  input: { itemId: string; userId: string },
): Promise<number> {
  const item = await findPlaidItem(deps.db, input.itemId);
  if (!item || item.user_id !== input.userId) throw new NotFoundError('plaid item', input.itemId);
  const accessToken = deps.cipher.decrypt(item.access_token_encrypted);
  const { data } = await withRetry(
    () => deps.plaid.accountsBalanceGet({ access_token: accessToken }),
    deps.retry ?? defaultRetryPolicy,
  );
  const at = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await storeItemAccounts(
      trx,
      { userId: item.user_id, itemId: item.id },
      data.accounts.map(toSyncedAccount),
      at,
    );
  });
  return data.accounts.length;
}
