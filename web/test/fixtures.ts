import { uncategorizedTransaction } from '@finsync/shared/categorize';
import type { Category, ListedTransaction, Settings } from '../src/api/contract-types.ts';

/** A visible, ungrouped system expense category; a test names it and changes what it is about. */
export const aCategory = (fields: Pick<Category, 'id' | 'key' | 'name'> & Partial<Category>): Category => ({
  parentId: null,
  kind: 'expense',
  isSystem: true,
  isGroup: false,
  hidden: false,
  sortOrder: 0,
  ...fields,
});

/**
 * A settled, uncategorized, unsplit transaction on one account (as shared's core makes one), as the list shows
 * it; a test sets what it is about.
 */
export const aTransaction = (
  fields: Pick<ListedTransaction, 'id'> & Partial<ListedTransaction>,
): ListedTransaction => ({
  ...uncategorizedTransaction({
    id: fields.id,
    accountId: '00000000-0000-4000-8000-0000000000a1',
    amountMinor: 450,
    date: '2026-03-01',
    rawName: 'POS PURCHASE',
  }),
  // The contract's lists are mutable; the core's transactions are read-only.
  tags: [],
  lockedFields: [],
  itemId: '00000000-0000-4000-8000-0000000000b1',
  currency: 'USD',
  authorizedDate: null,
  paymentChannel: null,
  needsReview: false,
  splitParts: 0,
  updatedAt: `${fields.date ?? '2026-03-01'}T00:00:00.000Z`,
  ...fields,
});

/** A user's settings: weekly and monthly reports on Mondays, a few alerts on, the first run still ahead. */
export const someSettings: Settings = {
  timezone: 'UTC',
  currency: 'USD',
  reportWeekday: 1,
  reportSchedule: { weekly: true, monthly: true },
  notificationPrefs: {
    report_ready: true,
    reauth_required: false,
    sync_failing: false,
    large_transaction: false,
    low_balance: false,
    missed_bill: false,
    budget_pace: true,
    goal_behind: true,
    bill_due: false,
  },
  firstRunDone: false,
};
