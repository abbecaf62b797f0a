import { sql } from 'kysely';
import { TRANSFER_LOCK } from '../categorize/pair-transfers.ts';
import { transactionSeriesKey } from '../categorize/transaction-series-key.ts';
import { plaidTransactionFields } from '../db/columns.ts';
import type { Db } from '../db/create-database.ts';
import type { CategorySource, Database, NewRow, Row } from '../db/database.ts';
import { transactionViewColumns } from '../ledger/transaction-view.ts';
import type { InheritedEdits, StoredTransactionRef } from '../sync/plan-transaction-writes.ts';
import type { StagedKey } from './plaid-items.ts';

const CHUNK = 5000;

export async function findTransactionRefs(
  db: Db,
  itemId: string,
  plaidIds: readonly string[],
): Promise<Map<string, StoredTransactionRef>> {
  const refs = new Map<string, StoredTransactionRef>();
  for (let i = 0; i < plaidIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('transactions')
      .select([
        'id',
        'plaid_transaction_id',
        'locked_fields',
        'category_id',
        'category_source',
        'category_rule_id',
        'category_confidence',
        'payee',
        'notes',
        'tags',
        'excluded_from_reports',
      ])
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', 'in', plaidIds.slice(i, i + CHUNK))
      .$narrowType<{ plaid_transaction_id: string }>() // matched by Plaid id, so it has one
      .execute();
    for (const r of rows) {
      refs.set(r.plaid_transaction_id, {
        id: r.id,
        plaidTransactionId: r.plaid_transaction_id,
        lockedFields: r.locked_fields,
        categoryId: r.category_id,
        categorySource: r.category_source,
        categoryRuleId: r.category_rule_id,
        categoryConfidence: r.category_confidence,
        payee: r.payee,
        notes: r.notes,
        tags: r.tags,
        excludedFromReports: r.excluded_from_reports,
      });
    }
  }
  return refs;
}

export async function renameTransactions(
  trx: Db,
  renames: readonly { rowId: string; toPlaidTransactionId: string }[],
): Promise<void> {
  for (const r of renames) {
    await trx
      .updateTable('transactions')
      .set({ plaid_transaction_id: r.toPlaidTransactionId })
      .where('id', '=', r.rowId)
      .execute();
  }
}

/**
 * Which of a run's staged rows a statement moves: all; those with the given Plaid ids; or a slice in
 * (date, Plaid id) order, after `after` (from the start when null) up to and including `through`.
 */
export type StagedSelection =
  | { kind: 'all' }
  | { kind: 'ids'; plaidIds: readonly string[] }
  | { kind: 'slice'; after: StagedKey | null; through: StagedKey };

const stagedKeyAbove = (key: StagedKey) =>
  sql`(s.date, s.plaid_transaction_id) > (${key.date}::date, ${key.plaidTransactionId})`;

function stagedFilter(selection: StagedSelection) {
  switch (selection.kind) {
    case 'all':
      return sql`true`;
    case 'ids':
      return selection.plaidIds.length === 0
        ? sql`false`
        : sql`s.plaid_transaction_id IN (${sql.join(selection.plaidIds)})`;
    case 'slice':
      return sql`${selection.after ? stagedKeyAbove(selection.after) : sql`true`}
        AND NOT ${stagedKeyAbove(selection.through)}`;
  }
}

/** What a commit statement moves staged rows into (see upsertStagedTransactions). */
export type StagedInto = 'stored rows' | 'empty item';

/**
 * Moves a sync run's staged rows (tables/sync-staged-transactions.ts) into transactions in ONE statement:
 * inserts or updates Plaid-owned fields, keyed by (item_id, plaid_transaction_id), each row's account found
 * by its Plaid id (the commit checked that every one exists). A new row the run categorized before staging
 * (staged with its id) is inserted with that categorization; every other row inserted, and every row
 * changed, is flagged `categorize_pending` (the backlog claimPendingCategorization hands out): a changed
 * row's categorization depends on what is stored (the user's edits and locks). User-owned fields are never
 * written on a change except `payee` (Plaid's merchant name) when the user has not locked it. Rows whose
 * Plaid fields did not change are left alone, so moving a row twice writes it once. Returns how many rows
 * were inserted or changed.
 *
 * With `into: 'empty item'` the caller knows the item has no rows (its first history, read under the item's
 * sync lock, which every writer of its rows holds): the statement is a plain INSERT, without the conflict
 * check ON CONFLICT costs each row (a probe of the unique index before a speculative insertion, and a WAL
 * record confirming it). A row that were there after all would fail the statement on the unique key rather
 * than be written twice.
 */
export async function upsertStagedTransactions(
  trx: Db,
  owner: { userId: string; itemId: string },
  runId: string,
  selection: StagedSelection = { kind: 'all' },
  into: StagedInto = 'stored rows',
): Promise<number> {
  const result = await sql`
    INSERT INTO transactions AS t (
      id, user_id, item_id, plaid_transaction_id, categorize_pending, payee, notes, tags, is_transfer,
      excluded_from_reports, category_id, category_source, category_rule_id, category_confidence, needs_review,
      series_key, ${plaidList('')})
    SELECT coalesce(s.id, gen_random_uuid()), ${owner.userId}::uuid, s.item_id, s.plaid_transaction_id,
      s.id IS NULL, CASE WHEN s.id IS NULL THEN s.merchant_name ELSE s.payee END, s.notes,
      coalesce(s.tags, '{}'), coalesce(s.is_transfer, false), coalesce(s.excluded_from_reports, false),
      s.category_id, coalesce(s.category_source, 'none'), s.category_rule_id, s.category_confidence,
      coalesce(s.needs_review, false), s.series_key, a.id, ${sql.raw(STAGED_PLAID_FIELDS)}
    FROM sync_staged_transactions s
    JOIN accounts a ON a.item_id = s.item_id AND a.plaid_account_id = s.plaid_account_id
    WHERE s.run_id = ${runId} AND s.item_id = ${owner.itemId} AND ${stagedFilter(selection)}
    ${into === 'empty item' ? sql`` : onConflict}`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * What the figures read of a transaction: all that figures/cash-flow's countTransaction decides by, and the
 * names a counted row is shown by. The report and the export select these same columns, so they count alike.
 */
export const countedTransactionColumns = [
  'id',
  'account_id',
  'amount_minor',
  'currency',
  'unofficial_currency',
  'date',
  'datetime',
  'payee',
  'merchant_name',
  'raw_name',
  'category_id',
  'is_transfer',
  'excluded_from_reports',
  'pending',
] as const satisfies readonly (keyof Database['transactions'])[];

/** The fields Plaid owns on a synced row (account_id first: the staged row names the account by Plaid id). */
const PLAID_FIELDS = [
  'account_id',
  ...plaidTransactionFields,
] as const satisfies readonly (keyof Database['transactions'])[];
const STAGED_PLAID_FIELDS = plaidTransactionFields.map((f) => `s.${f}`).join(', ');

const plaidList = (prefix: string) => sql.raw(PLAID_FIELDS.map((f) => `${prefix}${f}`).join(', '));
/** A staged row whose (item, Plaid id) is stored updates the stored row's Plaid fields, if any changed. */
const onConflict = sql`
    ON CONFLICT (item_id, plaid_transaction_id) DO UPDATE SET
      ${sql.raw(PLAID_FIELDS.map((f) => `${f} = excluded.${f}`).join(', '))},
      payee = CASE WHEN 'payee' = ANY (t.locked_fields) THEN t.payee ELSE excluded.merchant_name END,
      -- The staged key is the inserted payee's: right for Plaid's merchant name, else left to the refresh.
      series_key = CASE WHEN 'payee' = ANY (t.locked_fields) OR excluded.payee IS DISTINCT FROM excluded.merchant_name
        THEN NULL ELSE excluded.series_key END,
      categorize_pending = true,
      updated_at = now()
    WHERE (${plaidList('t.')}) IS DISTINCT FROM (${plaidList('excluded.')})`;

export async function applyInheritedEdits(
  trx: Db,
  itemId: string,
  edits: readonly InheritedEdits[],
): Promise<void> {
  for (const e of edits) {
    await trx
      .updateTable('transactions')
      .set({
        locked_fields: e.lockedFields,
        ...(e.category
          ? {
              category_id: e.category.id,
              category_source: e.category.source,
              category_rule_id: e.category.ruleId,
              category_confidence: e.category.confidence,
            }
          : {}),
        ...(e.payee !== undefined ? { payee: e.payee } : {}),
        ...(e.notes !== undefined ? { notes: e.notes } : {}),
        ...(e.tags !== undefined ? { tags: e.tags } : {}),
        ...(e.excludedFromReports !== undefined ? { excluded_from_reports: e.excludedFromReports } : {}),
        // Categorized before staging without these edits: the backlog categorizes it again, honouring them.
        categorize_pending: true,
        updated_at: new Date(),
      })
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', '=', e.targetPlaidTransactionId)
      .execute();
  }
}

export async function deleteTransactions(
  trx: Db,
  itemId: string,
  plaidIds: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < plaidIds.length; i += CHUNK) {
    const result = await trx
      .deleteFrom('transactions')
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', 'in', plaidIds.slice(i, i + CHUNK))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** The Plaid ids of every row the item has (a sync from no cursor deletes those Plaid did not send). */
export async function itemPlaidTransactionIds(trx: Db, itemId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('transactions')
    .select('plaid_transaction_id')
    .where('item_id', '=', itemId)
    .$narrowType<{ plaid_transaction_id: string }>() // an item's rows are Plaid's, so each has one
    .execute();
  return rows.map((r) => r.plaid_transaction_id);
}

/**
 * Inserts new rows (statement imports, the demo's sample household) in chunks, each with its series key;
 * returns their ids in order.
 */
export async function insertTransactions(db: Db, rows: readonly NewRow<'transactions'>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db
      .insertInto('transactions')
      .values(rows.slice(i, i + 1000).map(withSeriesKey))
      .returning('id')
      .execute();
    ids.push(...inserted.map((t) => t.id));
  }
  return ids;
}

const withSeriesKey = (row: NewRow<'transactions'>): NewRow<'transactions'> =>
  row.series_key !== undefined
    ? row
    : {
        ...row,
        series_key: transactionSeriesKey({
          payee: row.payee ?? null,
          raw_name: row.raw_name,
          merchant_name: row.merchant_name ?? null,
          amount_minor: row.amount_minor,
          currency: row.currency ?? null,
        }),
      };

/**
 * Stores computed series keys (transactionSeriesKey) on the user's rows, 5,000 a statement. Derived data:
 * updated_at stays as it is.
 */
export async function storeSeriesKeys(
  db: Db,
  userId: string,
  keys: readonly { id: string; seriesKey: string }[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += CHUNK) {
    const slice = keys.slice(i, i + CHUNK);
    await sql`UPDATE transactions t SET series_key = k.series_key
      FROM unnest(${slice.map((k) => k.id)}::uuid[], ${slice.map((k) => k.seriesKey)}::text[]) AS k(id, series_key)
      WHERE t.id = k.id AND t.user_id = ${userId}`.execute(db);
  }
}

/** The ids among `ids` that are the user's. */
export async function userTransactionIds(db: Db, userId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('transactions')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

/** One categorization decision to store on a transaction (with the fields rules may have changed). */
export interface CategorizationRow {
  id: string;
  payee: string | null;
  notes: string | null;
  tags: string[];
  is_transfer: boolean;
  excluded_from_reports: boolean;
  category_id: string | null;
  category_source: CategorySource;
  category_rule_id: string | null;
  category_confidence: number | null;
  needs_review: boolean;
}

/** Stores categorization decisions in a few statements (500 rows each) instead of one per row. */
export async function saveCategorizations(
  db: Db,
  userId: string,
  rows: readonly CategorizationRow[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await sql`UPDATE transactions SET
        payee = v.payee, notes = v.notes, tags = v.tags, is_transfer = v.is_transfer,
        excluded_from_reports = v.excluded_from_reports, category_id = v.category_id,
        category_source = v.category_source, category_rule_id = v.category_rule_id,
        category_confidence = v.category_confidence, needs_review = v.needs_review, updated_at = ${now}
      FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 500))}::jsonb) AS v(
        id uuid, payee text, notes text, tags text[], is_transfer boolean, excluded_from_reports boolean,
        category_id uuid, category_source text, category_rule_id uuid, category_confidence real,
        needs_review boolean)
      WHERE transactions.id = v.id AND transactions.user_id = ${userId}`.execute(db);
  }
}

/** The person's own category on one transaction: locked, so rules and syncs leave it alone from now on. */
export async function setUserCategory(db: Db, id: string, categoryId: string, now: Date): Promise<void> {
  await db
    .updateTable('transactions')
    .set({
      category_id: categoryId,
      category_source: 'user',
      category_rule_id: null,
      category_confidence: null,
      needs_review: false,
      locked_fields: sql<
        string[]
      >`(SELECT array_agg(DISTINCT f) FROM unnest(locked_fields || ARRAY['category']) AS f)`,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Puts a transaction's categorization back exactly as it was before a correction (undo): category, source,
 * rule, confidence, review flag and locks. Answers the transaction as the API shows it.
 */
export async function restoreCategorization(
  db: Db,
  userId: string,
  id: string,
  prior: {
    categoryId: string | null;
    categorySource: CategorySource;
    categoryRuleId: string | null;
    categoryConfidence: number | null;
    needsReview: boolean;
    lockedFields: readonly string[];
  },
  now: Date,
) {
  return db
    .updateTable('transactions')
    .set({
      category_id: prior.categoryId,
      category_source: prior.categorySource,
      category_rule_id: prior.categoryRuleId,
      category_confidence: prior.categoryConfidence,
      needs_review: prior.needsReview,
      locked_fields: [...prior.lockedFields],
      updated_at: now,
    })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning(transactionViewColumns)
    .executeTakeFirstOrThrow();
}

/**
 * A category is going away: its transactions move to `to`, or with no `to` become uncategorized and wait
 * for review. Returns how many moved.
 */
export async function reassignCategory(
  db: Db,
  userId: string,
  from: string,
  to: string | null | undefined,
  now: Date,
): Promise<number> {
  const moved = await db
    .updateTable('transactions')
    .set(
      to
        ? { category_id: to, updated_at: now }
        : { category_id: null, category_source: 'none', needs_review: true, updated_at: now },
    )
    .where('user_id', '=', userId)
    .where('category_id', '=', from)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/** What a person changes on some of their transactions, as columns (see ledger/transaction-edit.ts). */
export interface TransactionEdit {
  categoryId?: string | null | undefined;
  payee?: string | null | undefined;
  notes?: string | null | undefined;
  tags?: string[] | undefined;
  isTransfer?: boolean | undefined;
  excludedFromReports?: boolean | undefined;
  /** The person has looked at it: off the "to review" list, nothing locked. */
  reviewed?: true | undefined;
}

/**
 * Writes a person's edit on the user's transactions with these ids, adding `locks`; returns those of the ids
 * that are the user's, as they now stand. A row the edit would leave as it is (the same notes sent again) is
 * not written: no new updated_at, and the ledger version — the reads' ETag — stays.
 */
export async function writeTransactionEdit(
  db: Db,
  userId: string,
  ids: readonly string[],
  change: TransactionEdit,
  locks: readonly string[],
  now: Date,
) {
  const fields = {
    ...(change.categoryId !== undefined
      ? {
          category_id: change.categoryId,
          category_source: change.categoryId === null ? ('none' as const) : ('user' as const),
          category_rule_id: null,
          category_confidence: null,
          needs_review: false,
        }
      : {}),
    ...(change.reviewed ? { needs_review: false } : {}),
    ...(change.payee !== undefined ? { payee: change.payee } : {}),
    ...(change.notes !== undefined ? { notes: change.notes } : {}),
    ...(change.tags !== undefined ? { tags: [...new Set(change.tags)] } : {}),
    ...(change.isTransfer !== undefined ? { is_transfer: change.isTransfer } : {}),
    ...(change.excludedFromReports !== undefined
      ? { excluded_from_reports: change.excludedFromReports }
      : {}),
  };
  const lockedFields = sql<
    string[]
  >`ARRAY(SELECT DISTINCT unnest(locked_fields || ${locks}::text[]) ORDER BY 1)`;
  const differs = [
    sql<boolean>`locked_fields IS DISTINCT FROM ${lockedFields}`,
    ...Object.entries(fields).map(
      ([column, value]) => sql<boolean>`${sql.ref(column)} IS DISTINCT FROM ${value}`,
    ),
  ];
  const changed = await db
    .updateTable('transactions')
    .set({ ...fields, locked_fields: lockedFields, updated_at: now })
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .where(sql<boolean>`(${sql.join(differs, sql` OR `)})`)
    .returning(transactionViewColumns)
    .execute();
  if (changed.length === ids.length) return changed;
  const written = new Set(changed.map((r) => r.id));
  const unchanged = await db
    .selectFrom('transactions')
    .select(transactionViewColumns)
    .where('user_id', '=', userId)
    .where(
      'id',
      'in',
      ids.filter((id) => !written.has(id)),
    )
    .execute();
  return [...changed, ...unchanged];
}

// ---- transfers: a flag the person set or cleared themselves (TRANSFER_LOCK) is never changed here.

const notLocked = (column: 'locked_fields' | 't.locked_fields') =>
  sql<boolean>`NOT (${TRANSFER_LOCK}::text = ANY(${sql.ref(column)}))`;

/** The user's paired transactions among `ids`, with their partners. */
export async function pairedTransactions(
  db: Db,
  userId: string,
  ids: readonly string[],
): Promise<{ id: string; partnerId: string }[]> {
  const rows = await db
    .selectFrom('transactions')
    .select(['id', 'transfer_pair_id'])
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .where('transfer_pair_id', 'is not', null)
    .$narrowType<{ transfer_pair_id: string }>()
    .execute();
  return rows.map((r) => ({ id: r.id, partnerId: r.transfer_pair_id }));
}

/** Undoes the pairing of these transactions: not transfers any more, unless the person's own flag says so. */
export async function unpairTransactions(
  db: Db,
  userId: string,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  await db
    .updateTable('transactions')
    .set({
      is_transfer: sql<boolean>`CASE WHEN ${TRANSFER_LOCK}::text = ANY(locked_fields) THEN is_transfer ELSE false END`,
      transfer_pair_id: null,
      updated_at: now,
    })
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .execute();
}

/** Undoes the pair a–b (whichever way round it was stored), whatever the locks: the person said so. */
export async function unpairTransferPair(
  db: Db,
  userId: string,
  a: string,
  b: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('transactions')
    .set({ is_transfer: false, transfer_pair_id: null, updated_at: now })
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('id', '=', a), eb('transfer_pair_id', '=', b)]),
        eb.and([eb('id', '=', b), eb('transfer_pair_id', '=', a)]),
      ]),
    )
    .execute();
}

/** Undoes every pair whose partner is gone (the bank removed it); returns how many were unpaired. */
export async function unpairOrphanedTransfers(db: Db, userId: string, now: Date): Promise<number> {
  const unpaired = await db
    .updateTable('transactions as t')
    .set({
      is_transfer: sql<boolean>`CASE WHEN ${notLocked('t.locked_fields')} THEN false ELSE t.is_transfer END`,
      transfer_pair_id: null,
      updated_at: now,
    })
    .where('t.user_id', '=', userId)
    .where('t.transfer_pair_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('transactions as p')
            .select(sql`1`.as('one'))
            .whereRef('p.id', '=', 't.transfer_pair_id')
            .whereRef('p.transfer_pair_id', '=', 't.id')
            .where('p.user_id', '=', userId),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(unpaired.numUpdatedRows);
}

/** Posted, unpaired, non-zero transactions whose transfer flag the person has not set: pairing candidates. */
export function transferCandidates(db: Db, userId: string) {
  return db
    .selectFrom('transactions as t')
    .select([
      't.id',
      't.account_id',
      't.amount_minor',
      't.currency',
      't.date',
      't.raw_name',
      't.pfc_primary',
      't.pfc_detailed',
    ])
    .where('t.user_id', '=', userId)
    .where('t.pending', '=', false)
    .where('t.transfer_pair_id', 'is', null)
    .where('t.amount_minor', '<>', 0)
    .where(notLocked('t.locked_fields'))
    .execute();
}

/** Links each pair both ways (is_transfer, and each other's id). */
export async function linkTransferPairs(
  db: Db,
  userId: string,
  pairs: readonly { outflowId: string; inflowId: string }[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < pairs.length; i += 500) {
    const links = pairs
      .slice(i, i + 500)
      .flatMap((p) => [
        sql`(${p.outflowId}::uuid, ${p.inflowId}::uuid)`,
        sql`(${p.inflowId}::uuid, ${p.outflowId}::uuid)`,
      ]);
    await sql`
      UPDATE transactions AS t
      SET is_transfer = true, transfer_pair_id = v.pair, updated_at = ${now}
      FROM (VALUES ${sql.join(links)}) AS v(id, pair)
      WHERE t.id = v.id AND t.user_id = ${userId}
    `.execute(db);
  }
}

/** Marks unpaired transactions whose Plaid category is one of `codes`, unless the person chose the category. */
export async function markTransfersByCategory(
  db: Db,
  userId: string,
  codes: readonly string[],
  now: Date,
): Promise<number> {
  const marked = await db
    .updateTable('transactions')
    .set({ is_transfer: true, updated_at: now })
    .where('user_id', '=', userId)
    .where('is_transfer', '=', false)
    .where('pfc_detailed', 'in', codes)
    .where('category_source', '<>', 'user')
    .where(notLocked('locked_fields'))
    .executeTakeFirst();
  return Number(marked.numUpdatedRows);
}

/**
 * Claims up to `limit` of the user's rows a sync wrote and nobody has categorized yet, oldest first, and
 * clears their flag in the same statement (one pass over the rows instead of a read and an update). Rows a
 * concurrent drain (another item of the same user) holds are skipped. Call inside the transaction that
 * categorizes them: if it rolls back, the rows are flagged again.
 */
export async function claimPendingCategorization(
  trx: Db,
  userId: string,
  limit: number,
): Promise<Row<'transactions'>[]> {
  return trx
    .updateTable('transactions')
    .set({ categorize_pending: false })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('transactions')
        .select('id')
        .where('user_id', '=', userId)
        .where('categorize_pending', '=', true)
        .orderBy('date')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * Posted movements per account and day after `after` (Plaid's sign), what balance history walks back through;
 * pending rows are left out as the current balance leaves them out.
 */
export function postedDailyFlows(
  db: Db,
  userId: string,
  after: string,
): Promise<{ accountId: string; date: string; amountMinor: number }[]> {
  return db
    .selectFrom('transactions')
    .select(['account_id as accountId', 'date'])
    .select(sql<string>`sum(amount_minor)`.as('amount'))
    .where('user_id', '=', userId)
    .where('pending', '=', false)
    .where('date', '>', after)
    .groupBy(['account_id', 'date'])
    .execute()
    .then((rows) =>
      rows.map((r) => ({ accountId: r.accountId, date: r.date, amountMinor: Number(r.amount) })),
    );
}

/** The date of the user's oldest posted transaction, or null when there is none. */
export async function firstPostedDate(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('transactions')
    .select((eb) => eb.fn.min('date').as('first'))
    .where('user_id', '=', userId)
    .where('pending', '=', false)
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}
