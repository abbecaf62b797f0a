import type { Kysely } from 'kysely';
import { TRANSFER_LOCK } from '../categorize/pair-transfers.ts';
import type { UserDb } from '../db/create-database.ts';
import type { Database } from '../db/database.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import {
  pairedTransactions,
  type TransactionEdit,
  unpairTransactions,
  writeTransactionEdit,
} from '../tables/transactions.ts';
import { type TransactionView, toTransactionView } from './transaction-view.ts';

/** What a person may change on a transaction. `undefined` leaves a field alone; `null` clears it. */
export type TransactionChange = TransactionEdit;

// The same names the sync engine (shared/src/sync LOCKABLE_FIELDS), the rule engine and transfer pairing
// (TRANSFER_LOCK) honour.
const lockable = {
  categoryId: 'category',
  payee: 'payee',
  notes: 'notes',
  tags: 'tags',
  isTransfer: TRANSFER_LOCK,
  excludedFromReports: 'excludedFromReports',
} as const;

/** The `locked_fields` names a change adds: rules and syncs leave these fields as the person set them. */
export function lockedFieldsFor(change: TransactionChange): string[] {
  return (Object.keys(lockable) as (keyof typeof lockable)[])
    .filter((k) => change[k] !== undefined)
    .map((k) => lockable[k]);
}

/**
 * Applies one change to the user's transactions with these ids, all or nothing: an id that is not the
 * user's (or a category that is not theirs) fails the whole call with NOT_FOUND, changing nothing.
 * Call inside a transaction.
 */
export async function editTransactions(
  db: UserDb,
  userId: string,
  ids: readonly string[],
  change: TransactionChange,
  now: Date,
): Promise<TransactionView[]> {
  const unique = [...new Set(ids)];
  if (change.categoryId) {
    const category = await db
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', userId)
      .where('id', '=', change.categoryId)
      .executeTakeFirst();
    if (!category) throw new NotFoundError('category', change.categoryId);
  }
  if (change.isTransfer === false) await refuseTransferCategory(db, userId, unique, change.categoryId);
  const locks = lockedFieldsFor(change);
  if (change.isTransfer === false) await unpair(db, userId, unique, now);
  const rows = await writeTransactionEdit(db, userId, unique, change, locks, now);
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    // Throwing rolls the caller's transaction back, so a partly foreign list changes nothing.
    throw new NotFoundError(
      'transaction',
      unique.find((id) => !found.has(id)),
    );
  }
  return rows.map(toTransactionView);
}

/**
 * The person says these transactions are not transfers: each detected pair they belong to is undone on
 * both sides (the partner too, unless its own flag is the person's) and remembered as rejected, so
 * automatic pairing never proposes it again.
 */
async function unpair(
  db: Kysely<Database>,
  userId: string,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  const paired = await pairedTransactions(db, userId, ids);
  if (paired.length === 0) return;
  const pairs = new Map(
    paired.map((r) => {
      const [a, b] = r.id < r.partnerId ? [r.id, r.partnerId] : [r.partnerId, r.id];
      return [`${a}:${b}`, { user_id: userId, transaction_a: a, transaction_b: b }];
    }),
  );
  await db
    .insertInto('transfer_rejections')
    .values([...pairs.values()])
    .onConflict((oc) => oc.columns(['transaction_a', 'transaction_b']).doNothing())
    .execute();
  await unpairTransactions(db, userId, [...paired.map((r) => r.partnerId), ...paired.map((r) => r.id)], now);
}

/**
 * A transaction whose category is a transfer category (kind 'transfer') is left out of the figures by that
 * category (shared/src/figures/cash-flow.ts), so "not a transfer" alone would change nothing the person can
 * see: they must give another category in the same request.
 */
async function refuseTransferCategory(
  db: Kysely<Database>,
  userId: string,
  ids: readonly string[],
  categoryId: string | null | undefined,
): Promise<void> {
  const query =
    categoryId === undefined
      ? db
          .selectFrom('transactions as t')
          .innerJoin('categories as c', 'c.id', 't.category_id')
          .select('c.name')
          .where('t.user_id', '=', userId)
          .where('t.id', 'in', ids)
      : db
          .selectFrom('categories as c')
          .select('c.name')
          .where('c.id', '=', categoryId ?? null);
  const clash = await query
    .where('c.user_id', '=', userId)
    .where('c.kind', '=', 'transfer')
    .executeTakeFirst();
  if (clash) {
    const message = `the category "${clash.name}" counts as a transfer; choose another category to count this transaction`;
    throw new DomainError('VALIDATION_FAILED', message, [{ path: 'body.categoryId', message }]);
  }
}
