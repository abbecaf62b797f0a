import { DomainError } from '@finsync/shared';
import type { TokenCipher } from '@finsync/shared/crypto';
import { classifyPlaidError, type createPlaidClient } from '@finsync/shared/plaid';
import type { PlaidItemRemover } from '../auth/auth-service.ts';

/** `/item/remove` through the Plaid SDK. An item Plaid no longer knows counts as removed. */
export function plaidItemRemover(
  plaid: Pick<ReturnType<typeof createPlaidClient>, 'itemRemove'>,
  cipher: TokenCipher,
): PlaidItemRemover {
  return {
    async removeItem(item) {
      try {
        await plaid.itemRemove({ access_token: cipher.decrypt(item.accessTokenEncrypted) });
      } catch (error) {
        const failure = classifyPlaidError(error);
        if (failure.code === 'ITEM_NOT_FOUND' || failure.code === 'INVALID_ACCESS_TOKEN') return;
        throw new DomainError(
          'PLAID_ERROR',
          `could not remove a bank connection at Plaid (${failure.code}); try again`,
          {
            itemId: item.id,
          },
        );
      }
    },
  };
}
