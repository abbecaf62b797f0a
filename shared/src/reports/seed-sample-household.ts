import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction } from '../categorize-service/categorization-store.ts';
import type { Database } from '../db/database.ts';
import { insertAccounts } from '../tables/accounts.ts';
import { insertPlaidItem } from '../tables/plaid-items.ts';
import { insertTransactions } from '../tables/transactions.ts';
import type { ReportInput } from './report-input.ts';

/**
 * Writes a ReportInput's rows (e.g. sampleReportInput) for a new user, for integration tests and the
 * benchmark. Returns the user id and a map from the input's ids to the stored ids.
 */
export function seedSampleHousehold(
  db: Kysely<Database>,
  input: ReportInput,
  user: Parameters<typeof seedHousehold>[2] = {},
): Promise<{ userId: string; ids: Map<string, string> }> {
  // One transaction, as a sync commits a history: the cash-flow rollups are computed once at its commit, not
  // once per 1,000-row slice (which left a 100k-row history's rollup table with ~2M dead rows).
  return inTransaction(db, (trx) => seedHousehold(trx, input, user));
}

async function seedHousehold(
  db: Kysely<Database>,
  input: ReportInput,
  user: {
    email?: string;
    timezone?: string;
    reportWeekday?: number;
    notificationPrefs?: Record<string, boolean>;
  } = {},
): Promise<{ userId: string; ids: Map<string, string> }> {
  const ids = new Map<string, string>();
  const idOf = (key: string) => {
    const known = ids.get(key);
    if (known) return known;
    const id = randomUUID();
    ids.set(key, id);
    return id;
  };
  const { id: userId } = await db
    .insertInto('users')
    .values({
      email: user.email ?? `sample-${randomUUID()}@example.test`,
      password_hash: 'not-a-real-hash',
      timezone: user.timezone ?? input.period.timezone,
      currency: input.currency,
      report_weekday: user.reportWeekday ?? 1,
      notification_prefs: JSON.stringify(user.notificationPrefs ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const itemId = randomUUID();
  await insertPlaidItem(db, {
    id: itemId,
    user_id: userId,
    plaid_item_id: `item-${itemId}`,
    access_token_encrypted: 'x',
  });
  for (const c of [...input.categories].sort(
    (a, b) => Number(a.parentId !== null) - Number(b.parentId !== null),
  )) {
    await db
      .insertInto('categories')
      .values({
        id: idOf(c.id),
        user_id: userId,
        key: c.id,
        name: c.name,
        kind: c.kind,
        is_group: c.isGroup,
        parent_id: c.parentId ? idOf(c.parentId) : null,
      })
      .execute();
  }
  if (input.accounts.length) {
    await insertAccounts(
      db,
      input.accounts.map((a) => ({
        id: idOf(a.id),
        user_id: userId,
        item_id: itemId,
        plaid_account_id: `acct-${a.id}-${itemId}`,
        name: a.name,
        type: a.type,
        currency: a.currency,
      })),
    );
  }
  const txns = input.transactions;
  await insertTransactions(
    db,
    txns.map((t) => ({
      id: idOf(t.id),
      user_id: userId,
      item_id: itemId,
      account_id: idOf(t.accountId),
      plaid_transaction_id: t.id,
      amount_minor: t.amountMinor,
      currency: t.currency,
      date: t.date,
      datetime: t.datetime,
      raw_name: t.name,
      payee: t.name,
      category_id: t.categoryId ? idOf(t.categoryId) : null,
      is_transfer: t.isTransfer,
      excluded_from_reports: t.excludedFromReports,
      pending: t.pending,
    })),
  );
  const splits = txns.flatMap((t) =>
    (t.splits ?? []).map((s) => ({
      user_id: userId,
      transaction_id: idOf(t.id),
      category_id: s.categoryId ? idOf(s.categoryId) : null,
      amount_minor: s.amountMinor,
    })),
  );
  if (splits.length) await db.insertInto('transaction_splits').values(splits).execute();
  if (input.snapshots.length) {
    await db
      .insertInto('balance_snapshots')
      .values(
        input.snapshots.map((s) => ({
          account_id: idOf(s.accountId),
          user_id: userId,
          date: s.date,
          current_minor: s.currentMinor,
        })),
      )
      .execute();
  }
  if (input.recurring.length) {
    await db
      .insertInto('recurring_series')
      .values(
        input.recurring.map((r) => ({
          id: idOf(r.id),
          user_id: userId,
          series_key: r.seriesKey ?? r.id,
          payee: r.payee,
          cadence: r.cadence,
          direction: r.direction,
          typical_amount_minor: r.typicalAmountMinor,
          last_amount_minor: r.lastAmountMinor,
          currency: r.currency,
          last_date: r.lastDate,
          next_expected_date: r.nextExpectedDate,
          status: r.status,
        })),
      )
      .execute();
  }
  return { userId, ids };
}
