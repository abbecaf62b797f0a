import type { FastifyInstance } from 'fastify';
import { recurringStreams } from '../items/recurring-streams.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import type { Transaction } from '../plaid/plaid-objects.ts';
import { plaidRoute } from '../server/plaid-route.ts';
import { RawJsonFields } from '../server/raw-json-fields.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import { type Presentation, presentPfc } from '../sync/present-transaction.ts';
import { syncPage } from '../sync/sync-page.ts';
import { transactionJson } from '../sync/transaction-json.ts';

export function registerTransactionsRoutes(app: FastifyInstance, state: EmulatorState): void {
  plaidRoute(app, state, '/transactions/sync', ({ item, body }) => {
    const it = item();
    const cursor = body.optionalString('cursor');
    const count = body.optionalInteger('count', 1, 500) ?? 100;
    const options = body.optionalObject('options');
    if (options === null) throw PlaidApiError.invalidField('options must be an object if provided');
    const originalDescription = options?.optionalBoolean('include_original_description') ?? false;
    options?.optionalBoolean('include_personal_finance_category');
    options?.optionalBoolean('include_logo_and_counterparty_beta');
    options?.optionalInteger('days_requested', 1, 730);
    const version = options?.optionalString('personal_finance_category_version') ?? 'v2';
    if (version !== 'v1' && version !== 'v2') {
      throw PlaidApiError.invalidField('personal_finance_category_version must be one of v1, v2');
    }
    const accountId = options?.optionalString('account_id');
    if (accountId !== undefined && !it.accounts.some((a) => a.accountId === accountId)) {
      throw new PlaidApiError(
        400,
        'INVALID_INPUT',
        'INVALID_ACCOUNT_ID',
        'the provided account_id is not associated with this item',
      );
    }
    body.done();
    it.syncCalled = true;
    const accounts = it.accountObjects({
      syncedOnly: true,
      ...(accountId ? { accountIds: [accountId] } : {}),
    });
    const status = it.updateStatus;
    if (status === 'NOT_READY') {
      return {
        added: [],
        modified: [],
        removed: [],
        next_cursor: '',
        has_more: false,
        accounts,
        transactions_update_status: status,
      };
    }
    const page = syncPage(it, { cursor: cursor || undefined, count, accountId });
    if (page.hasMore && it.mutationTrap && ++it.mutationTrap.pagesSeen >= it.mutationTrap.afterPages) {
      it.mutationTrap = null;
      it.correctRecent();
    }
    const presentation: Presentation = { originalDescription, pfcVersion: version };
    const json = (t: Transaction) => transactionJson(t, presentation, state.taxonomy);
    return new RawJsonFields(
      {
        removed: page.removed,
        next_cursor: page.nextCursor,
        has_more: page.hasMore,
        accounts,
        transactions_update_status: status,
      },
      { added: page.added.map(json), modified: page.modified.map(json) },
    );
  });

  plaidRoute(app, state, '/transactions/refresh', ({ item }) => {
    const it = item();
    // New activity arrives shortly after a refresh, as in Sandbox with user_transactions_dynamic.
    state.schedule(50, () => {
      if (it.removed) return;
      const result = it.advance(1);
      if (result.added + result.modified + result.removed > 0) state.notifySyncUpdates(it);
    });
    return {};
  });

  plaidRoute(app, state, '/transactions/recurring/get', ({ item, body }) => {
    const it = item();
    const accountIds = body.optionalStringArray('account_ids');
    const options = body.optionalObject('options');
    const version = options?.optionalString('personal_finance_category_version') ?? 'v2';
    body.done();
    const streams = recurringStreams([...it.log.live.values()], accountIds, it.today);
    const presentation: Presentation = {
      originalDescription: false,
      pfcVersion: version === 'v1' ? 'v1' : 'v2',
    };
    const pfc = (s: (typeof streams.inflow)[number]) => ({
      ...s,
      personal_finance_category: presentPfc(s.personal_finance_category, presentation, state.taxonomy),
    });
    return {
      inflow_streams: streams.inflow.map(pfc),
      outflow_streams: streams.outflow.map(pfc),
      updated_datetime: new Date(it.lastSuccessfulUpdate).toISOString(),
      personal_finance_category_version: presentation.pfcVersion,
    };
  });
}
