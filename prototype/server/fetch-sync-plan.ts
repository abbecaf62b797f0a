import { PlaidCallError, withRetry } from '@finsync/shared/plaid';
import { applySyncPage, emptySyncPlan, type SyncPlan } from '@finsync/shared/sync';
import type { PlaidApi } from 'plaid';

const PAGE_SIZE = 500;
const MAX_RESTARTS = 3;

/**
 * Pages through /transactions/sync from `startCursor` and folds the pages with shared's applySyncPage.
 * When Plaid's data changes mid-pagination the pages are discarded and the run starts again from its first
 * cursor, as Plaid requires.
 */
export async function fetchSyncPlan(
  plaid: Pick<PlaidApi, 'transactionsSync'>,
  accessToken: string,
  startCursor: string | null,
): Promise<{ plan: SyncPlan; updateStatus: string | null }> {
  for (let restarts = 0; ; restarts++) {
    let plan = emptySyncPlan(startCursor);
    let updateStatus: string | null = null;
    try {
      while (plan.hasMore) {
        const cursor = plan.nextCursor;
        const { data } = await withRetry(() =>
          plaid.transactionsSync({
            access_token: accessToken,
            count: PAGE_SIZE,
            ...(cursor ? { cursor } : {}),
          }),
        );
        plan = applySyncPage(plan, data);
        updateStatus = data.transactions_update_status ?? null;
      }
      return { plan, updateStatus };
    } catch (error) {
      if (error instanceof PlaidCallError && error.failure.kind === 'restart' && restarts < MAX_RESTARTS)
        continue;
      throw error;
    }
  }
}
