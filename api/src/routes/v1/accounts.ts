import { NotFoundError } from '@finsync/shared';
import {
  Account,
  AccountList,
  BalanceHistory,
  BalanceHistoryQuery,
  ItemList,
  ManualAccountCreate,
  NetWorthHistory,
  NetWorthQuery,
  SyncRunList,
  SyncRunsQuery,
} from '@finsync/shared/contract';
import { createManualAccount } from '@finsync/shared/imports';
import { accountQuery } from '@finsync/shared/ledger';
import { netWorthHistory } from '@finsync/shared/net-worth';
import { userRoutes } from './user-routes.ts';

/** Neither names a row by id: no 404. */
const NO_ID_ERRORS = [400, 401, 403] as const;

/**
 * Connections and accounts as the user sees them: the connections with their sync runs, accounts with
 * balances and their history, manual accounts (banks Plaid can't reach, filled from statement files; listed
 * with Plaid's) and net worth over time (issue 18), estimated until bank snapshots take over.
 */
export const accountRoutes = userRoutes(({ inTransaction }, ctx) => {
  inTransaction(
    'GET /items',
    { summary: 'Bank connections and their status', response: ItemList },
    async (trx, { userId }) => ({ items: await accountQuery.items(trx, userId) }),
  );
  inTransaction(
    'GET /items/:id/sync-runs',
    { summary: 'Recent sync runs of one connection', querystring: SyncRunsQuery, response: SyncRunList },
    async (trx, { userId, params, query }) => {
      // A removed connection's runs stay readable.
      if (!(await accountQuery.item(trx, userId, params.id))) throw new NotFoundError('item', params.id);
      return { runs: await accountQuery.syncRuns(trx, userId, params.id, query.limit) };
    },
  );
  inTransaction(
    'GET /accounts',
    { summary: 'Accounts with balances', response: AccountList },
    async (trx, { userId }) => ({ accounts: await accountQuery.accounts(trx, userId) }),
  );
  inTransaction(
    'GET /accounts/:id/balances',
    {
      summary: 'Daily balance history of one account',
      querystring: BalanceHistoryQuery,
      response: BalanceHistory,
    },
    async (trx, { userId, params: { id }, query: { from, to } }) => {
      if (!(await accountQuery.accountExists(trx, userId, id))) throw new NotFoundError('account', id);
      const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
      return { accountId: id, snapshots: await accountQuery.balanceHistory(trx, userId, id, range) };
    },
  );
  inTransaction(
    'POST /accounts',
    {
      summary: 'Create a manual account (name, type, currency, opening balance)',
      body: ManualAccountCreate,
      response: Account,
      status: 201,
      errors: NO_ID_ERRORS,
    },
    async (trx, { userId, body }) => {
      const id = await createManualAccount(trx, userId, body);
      return (await accountQuery.accounts(trx, userId)).find((a) => a.id === id)!;
    },
  );
  inTransaction(
    'GET /net-worth',
    {
      tag: 'accounts',
      summary:
        'Assets, liabilities (debts) and net worth per day, per account and in total (default: from the first transaction to today)',
      querystring: NetWorthQuery,
      response: NetWorthHistory,
      errors: NO_ID_ERRORS,
    },
    (trx, { userId, query }) => netWorthHistory(trx, userId, query, ctx.clock()),
  );
});
