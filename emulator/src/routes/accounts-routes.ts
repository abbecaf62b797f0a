import type { FastifyInstance } from 'fastify';
import { itemObject } from '../items/item-object.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { plaidRoute } from '../server/plaid-route.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

export function registerAccountsRoutes(app: FastifyInstance, state: EmulatorState): void {
  for (const path of ['/accounts/get', '/accounts/balance/get']) {
    plaidRoute(app, state, path, ({ item, body }) => {
      const it = item();
      const accountIds = body.optionalObject('options')?.optionalStringArray('account_ids');
      const known = new Set(it.accounts.map((a) => a.accountId));
      if (accountIds?.some((id) => !known.has(id))) {
        throw new PlaidApiError(
          400,
          'INVALID_INPUT',
          'INVALID_ACCOUNT_ID',
          'one or more of the account IDs is invalid',
        );
      }
      return { accounts: it.accountObjects(accountIds ? { accountIds } : {}), item: itemObject(it) };
    });
  }
}
