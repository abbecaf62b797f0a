import { DomainError, NotFoundError, withUser } from '@finsync/shared';
import {
  AccountList,
  BalanceHistory,
  BalanceHistoryQuery,
  BulkTransactionResult,
  BulkTransactionUpdate,
  CategoryList,
  DashboardQuery,
  DashboardSummary,
  ErrorBody,
  IdParams,
  ItemList,
  Settings,
  SettingsPatch,
  SyncRunList,
  SyncRunsQuery,
  Transaction,
  TransactionListQuery,
  TransactionPage,
  TransactionPatch,
  TransactionTotals,
} from '@finsync/shared/contract';
import { accountQuery, dashboardSummary, editTransactions, transactionQuery } from '@finsync/shared/ledger';
import { settingsRepository } from '@finsync/shared/users';
import { type FastifyPluginAsyncZod, serializerCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { learnFromEdits } from '../../categorize/learn-from-edits.ts';
import { userIdOf } from '../../plugins/authenticate.ts';
import { isKnownTimeZone } from './known-time-zone.ts';
import { queueReportRefresh } from './queue-report-refresh.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** The dashboard route's own response serializer, for the JSON it keeps per ledger version. */
const serializeDashboardSummary = serializerCompiler({
  schema: DashboardSummary,
  method: 'GET',
  url: '/dashboard/summary',
}) as (body: unknown) => string;

/** Items, accounts, transactions, categories, dashboard and settings: reads and edits of the user's own data. */
export function ledgerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);
    const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[2]) => withUser(ctx.db, userId, fn);

    app.get(
      '/items',
      {
        schema: {
          tags: ['items'],
          summary: 'Bank connections and their status',
          response: { 200: ItemList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return { items: await asUser(userId, (trx) => accountQuery.items(trx, userId)) };
      },
    );

    app.get(
      '/items/:id/sync-runs',
      {
        schema: {
          tags: ['items'],
          summary: 'Recent sync runs of one connection',
          params: IdParams,
          querystring: SyncRunsQuery,
          response: { 200: SyncRunList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, async (trx) => {
          if (!(await accountQuery.item(trx, userId, request.params.id)))
            throw new NotFoundError('item', request.params.id);
          return { runs: await accountQuery.syncRuns(trx, userId, request.params.id, request.query.limit) };
        });
      },
    );

    app.get(
      '/accounts',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Accounts with balances',
          response: { 200: AccountList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return { accounts: await asUser(userId, (trx) => accountQuery.accounts(trx, userId)) };
      },
    );

    app.get(
      '/accounts/:id/balances',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Daily balance history of one account',
          params: IdParams,
          querystring: BalanceHistoryQuery,
          response: { 200: BalanceHistory, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { id } = request.params;
        return asUser(userId, async (trx) => {
          if (!(await accountQuery.accountExists(trx, userId, id))) throw new NotFoundError('account', id);
          const range = {
            ...(request.query.from ? { from: request.query.from } : {}),
            ...(request.query.to ? { to: request.query.to } : {}),
          };
          return { accountId: id, snapshots: await accountQuery.balanceHistory(trx, userId, id, range) };
        });
      },
    );

    app.get(
      '/transactions',
      {
        schema: {
          tags: ['transactions'],
          summary: 'Transactions, newest first, with filters and keyset pagination',
          querystring: TransactionListQuery,
          response: { 200: TransactionPage, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        return ctx.ledgerReads.read(request, reply, userId, (trx) =>
          transactionQuery.list(trx, userId, request.query),
        );
      },
    );

    app.get(
      '/transactions/totals',
      {
        schema: {
          tags: ['transactions'],
          summary: 'How many transactions the list filters match and their amounts summed per currency',
          querystring: TransactionListQuery,
          response: { 200: TransactionTotals, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) => transactionQuery.totals(trx, userId, request.query));
      },
    );

    app.get(
      '/transactions/:id',
      { schema: { tags: ['transactions'], params: IdParams, response: { 200: Transaction, ...errors } } },
      async (request, reply) => {
        const userId = userIdOf(request);
        return ctx.ledgerReads.read(request, reply, userId, async (trx) => {
          const found = await transactionQuery.get(trx, userId, request.params.id);
          if (!found) throw new NotFoundError('transaction', request.params.id);
          return found;
        });
      },
    );

    app.patch(
      '/transactions/:id',
      {
        schema: {
          tags: ['transactions'],
          summary:
            'Set category, payee, notes or tags, mark or unmark a transfer, or exclude from reports; each field set is locked against rules, syncs and automatic transfer pairing, and a new category is learned from',
          params: IdParams,
          body: TransactionPatch,
          response: { 200: Transaction, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const now = ctx.clock();
        const [updated] = await asUser(userId, async (trx) => {
          if (request.body.categoryId)
            await learnFromEdits(trx, userId, [request.params.id], request.body.categoryId, now);
          return editTransactions(trx, userId, [request.params.id], request.body, now);
        });
        if (!updated) throw new NotFoundError('transaction', request.params.id);
        await queueReportRefresh(ctx.queue, userId);
        return updated;
      },
    );

    app.post(
      '/transactions/bulk',
      {
        schema: {
          tags: ['transactions'],
          summary: 'Apply one edit to many transactions, all or nothing',
          body: BulkTransactionUpdate,
          response: { 200: BulkTransactionResult, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { ids, patch } = request.body;
        const now = ctx.clock();
        const updated = await asUser(userId, async (trx) => {
          if (patch.categoryId) await learnFromEdits(trx, userId, ids, patch.categoryId, now);
          return editTransactions(trx, userId, ids, patch, now);
        });
        await queueReportRefresh(ctx.queue, userId);
        return { updated: updated.length };
      },
    );

    app.get(
      '/categories',
      { schema: { tags: ['categories'], response: { 200: CategoryList, ...errors } } },
      async (request) => {
        const userId = userIdOf(request);
        return { categories: await asUser(userId, (trx) => accountQuery.categories(trx, userId)) };
      },
    );

    app.get(
      '/dashboard/summary',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Spent, income, net, by category and trend over a period',
          querystring: DashboardQuery,
          response: { 200: DashboardSummary, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const { from, to, currency } = request.query;
        // Computed once per ledger version and period, then served from memory until the ledger changes.
        return ctx.ledgerReads.memoizedJson(
          request,
          reply,
          userId,
          `dashboard ${from} ${to} ${currency ?? ''}`,
          (trx) => dashboardSummary(trx, userId, { from, to, currency }, { readOnlyTransaction: true }),
          serializeDashboardSummary,
        );
      },
    );

    app.get(
      '/settings',
      { schema: { tags: ['settings'], response: { 200: Settings, ...errors } } },
      async (request) => {
        const userId = userIdOf(request);
        const settings = await asUser(userId, (trx) => settingsRepository.get(trx, userId));
        if (!settings) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
        return settings;
      },
    );

    app.patch(
      '/settings',
      {
        schema: {
          tags: ['settings'],
          summary: 'Time zone, report schedule and notification preferences',
          body: SettingsPatch,
          response: { 200: Settings, ...errors },
        },
      },
      async (request) => {
        if (request.body.timezone && !isKnownTimeZone(request.body.timezone)) {
          throw new DomainError('VALIDATION_FAILED', 'unknown time zone', [
            { path: 'body.timezone', message: 'unknown time zone' },
          ]);
        }
        const userId = userIdOf(request);
        const settings = await asUser(userId, (trx) =>
          settingsRepository.update(trx, userId, request.body, ctx.clock()),
        );
        if (!settings) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
        return settings;
      },
    );
  };
}
