import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/database.ts';
import { accountSide } from '../presentation/account-kinds.ts';
import { userAccountExists, userAccounts } from '../tables/accounts.ts';
import { findUserItem, userItems } from '../tables/plaid-items.ts';
import { latestSyncRuns } from '../tables/sync-runs.ts';
import { toCategoryView } from './category-view.ts';

type Executor = Kysely<Database>;

const toItemView = (r: Row<'plaid_items'>) => ({
  id: r.id,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  status: r.status,
  lastError: r.last_error,
  consentExpiresAt: r.consent_expires_at?.toISOString() ?? null,
  lastSyncedAt: r.last_synced_at?.toISOString() ?? null,
  historyComplete: r.history_complete,
  createdAt: r.created_at.toISOString(),
});

const toAccountView = (r: Row<'accounts'>) => ({
  id: r.id,
  itemId: r.item_id,
  name: r.name,
  officialName: r.official_name,
  mask: r.mask,
  type: r.type,
  subtype: r.subtype,
  side: accountSide(r.type),
  currency: r.currency,
  currentMinor: r.current_minor,
  availableMinor: r.available_minor,
  limitMinor: r.limit_minor,
  balanceUpdatedAt: r.balance_updated_at?.toISOString() ?? null,
  hidden: r.hidden,
  source: r.source,
  openingBalanceMinor: r.opening_balance_minor,
});

const toSyncRunView = (r: Row<'sync_runs'>) => ({
  id: r.id,
  itemId: r.item_id,
  trigger: r.trigger,
  status: r.status,
  pages: r.pages,
  added: r.added,
  modified: r.modified,
  removed: r.removed,
  error: r.error,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  durationMs: r.duration_ms,
});

/** Read side of bank connections and accounts, always scoped to one user. Never exposes access tokens. */
export const accountQuery = {
  async items(db: Executor, userId: string) {
    const rows = await userItems(db, userId);
    return rows.map(toItemView);
  },

  async item(db: Executor, userId: string, itemId: string) {
    const row = await findUserItem(db, userId, itemId);
    return row && toItemView(row);
  },

  async syncRuns(db: Executor, userId: string, itemId: string, limit: number) {
    const rows = await latestSyncRuns(db, userId, itemId, limit);
    return rows.map(toSyncRunView);
  },

  async accounts(db: Executor, userId: string) {
    const rows = await userAccounts(db, userId);
    return rows.map(toAccountView);
  },

  async accountExists(db: Executor, userId: string, accountId: string): Promise<boolean> {
    return userAccountExists(db, userId, accountId);
  },

  async balanceHistory(
    db: Executor,
    userId: string,
    accountId: string,
    range: { from?: string; to?: string },
  ) {
    let query = db
      .selectFrom('balance_snapshots')
      .select(['date', 'current_minor', 'available_minor', 'currency'])
      .where('user_id', '=', userId)
      .where('account_id', '=', accountId);
    if (range.from) query = query.where('date', '>=', range.from);
    if (range.to) query = query.where('date', '<=', range.to);
    const rows = await query.orderBy('date').limit(5000).execute();
    return rows.map((r) => ({
      date: r.date,
      currentMinor: r.current_minor,
      availableMinor: r.available_minor,
      currency: r.currency,
    }));
  },

  async categories(db: Executor, userId: string) {
    const rows = await db
      .selectFrom('categories')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('sort_order')
      .orderBy('name')
      .execute();
    return rows.map(toCategoryView);
  },
};
