import { sql } from 'kysely';
import { transactionSeriesKey } from '../categorize/transaction-series-key.ts';
import { canCopy, copyEncoded, copyField } from '../db/bulk-copy.ts';
import { databaseColumns } from '../db/columns.ts';
import type { Db } from '../db/create-database.ts';
import type { Database, NewRow } from '../db/database.ts';
import type { StagedTransaction } from '../sync/precategorize.ts';
import type { StagedKey } from './plaid-items.ts';

/** The staged columns, in the order COPY and the embedded database's slices write them (copyRow's). */
const COLUMNS = databaseColumns.sync_staged_transactions;

/**
 * Rows per statement on the embedded database: each slice is its own statement and transaction, so its one
 * connection is free between slices for the requests of users (a few milliseconds a slice).
 */
export const STAGE_SLICE = 250;

export interface StagedRun {
  runId: string;
  itemId: string;
}

const seriesKeyOf = ({ txn: t, categorized: c }: StagedTransaction): string =>
  // The commit inserts the run's payee when it categorized the row, else Plaid's merchant name.
  transactionSeriesKey({
    payee: c ? (c.fields.payee ?? null) : t.merchantName,
    raw_name: t.rawName,
    merchant_name: t.merchantName,
    amount_minor: t.amountMinor,
    currency: t.currency,
  });

/** A staged row as the embedded database's slices insert it (and as COPY's lines encode it). */
export const stagedRow = (
  run: StagedRun,
  { txn: t, categorized: c }: StagedTransaction,
): NewRow<'sync_staged_transactions'> => ({
  run_id: run.runId,
  item_id: run.itemId,
  plaid_account_id: t.plaidAccountId,
  plaid_transaction_id: t.plaidTransactionId,
  amount_minor: t.amountMinor,
  currency: t.currency,
  unofficial_currency: t.unofficialCurrency,
  date: t.date,
  authorized_date: t.authorizedDate,
  datetime: t.datetime === null ? null : new Date(t.datetime),
  authorized_datetime: t.authorizedDatetime === null ? null : new Date(t.authorizedDatetime),
  raw_name: t.rawName,
  merchant_name: t.merchantName,
  pending: t.pending,
  pending_transaction_id: t.pendingTransactionId,
  payment_channel: t.paymentChannel,
  pfc_primary: t.pfcPrimary,
  pfc_detailed: t.pfcDetailed,
  pfc_confidence: t.pfcConfidence,
  id: c?.id ?? null,
  payee: c?.fields.payee ?? null,
  notes: c?.fields.notes ?? null,
  tags: c?.fields.tags ?? null,
  is_transfer: c?.fields.isTransfer ?? null,
  excluded_from_reports: c?.fields.excludedFromReports ?? null,
  category_id: c?.fields.categoryId ?? null,
  category_source: c?.fields.categorySource ?? null,
  category_rule_id: c?.fields.categoryRuleId ?? null,
  category_confidence: c?.fields.categoryConfidence ?? null,
  needs_review: c?.fields.needsReview ?? null,
  series_key: seriesKeyOf({ txn: t, categorized: c }),
});

/** A nullable text field in COPY's text format. */
const text = (v: string | null): string => (v === null || v === undefined ? '\\N' : copyField(v));
/** A timestamp Plaid sends as ISO text, as stagedRow's Date writes it. */
const timestamp = (v: string | null): string => (v === null ? '\\N' : new Date(v).toISOString());
/** A boolean as COPY writes it (NULL if it is missing, as stagedRow's `?? null` makes it). */
const flag = (v: boolean): string => (v === true ? 't' : v === false ? 'f' : '\\N');

/**
 * One staged row as a line of COPY's text format, in COLUMNS' order: what copyRows writes for stagedRow's
 * values (the test holds them equal), written straight from the row. Staging runs while the sync fetches,
 * on the thread that parses Plaid's pages, and the object and array per row cost more than the text. Most
 * rows have nothing to escape: one test over the row's text tells, and such a row's fields go in as they are.
 */
export function stagedCopyLine(runPrefix: string, staged: StagedTransaction): string {
  const t = staged.txn;
  const c = staged.categorized;
  const f = c?.fields;
  const key = seriesKeyOf(staged);
  if (
    COPY_SPECIAL.test(
      `${t.plaidAccountId}${t.plaidTransactionId}${t.currency}${t.unofficialCurrency}${t.date}${t.authorizedDate}${t.rawName}${t.merchantName}${t.pendingTransactionId}${t.paymentChannel}${t.pfcPrimary}${t.pfcDetailed}${t.pfcConfidence}${key}${c?.id}${f?.payee}${f?.notes}${f?.categoryId}${f?.categorySource}${f?.categoryRuleId}`,
    )
  )
    return escapedCopyLine(runPrefix, staged, key);
  const head = `${runPrefix}${t.plaidAccountId ?? N}\t${t.plaidTransactionId ?? N}\t${t.amountMinor}\t${t.currency ?? N}\t${t.unofficialCurrency ?? N}\t${t.date ?? N}\t${t.authorizedDate ?? N}\t${timestamp(t.datetime)}\t${timestamp(t.authorizedDatetime)}\t${t.rawName ?? N}\t${t.merchantName ?? N}\t${flag(t.pending)}\t${t.pendingTransactionId ?? N}\t${t.paymentChannel ?? N}\t${t.pfcPrimary ?? N}\t${t.pfcDetailed ?? N}\t${t.pfcConfidence ?? N}\t`;
  if (c === null || f === undefined) return `${head}${UNCATEGORIZED}${key}\n`;
  return `${head}${c.id ?? N}\t${f.payee ?? N}\t${f.notes ?? N}\t${copyField(f.tags)}\t${flag(f.isTransfer)}\t${flag(f.excludedFromReports)}\t${f.categoryId ?? N}\t${f.categorySource ?? N}\t${f.categoryRuleId ?? N}\t${f.categoryConfidence ?? N}\t${flag(f.needsReview)}\t${key}\n`;
}

/** COPY's NULL; and a row the run did not categorize: its eleven categorization fields NULL. */
const N = '\\N';
const UNCATEGORIZED = `${N}\t`.repeat(11);
/** What COPY's text format escapes (bulk-copy's copyField). */
const COPY_SPECIAL = /[\\\t\n\r]/;

/** stagedCopyLine of a row with text to escape: each field through copyField. */
function escapedCopyLine(runPrefix: string, staged: StagedTransaction, key: string): string {
  const t = staged.txn;
  const c = staged.categorized;
  const head = `${runPrefix}${text(t.plaidAccountId)}\t${text(t.plaidTransactionId)}\t${t.amountMinor}\t${text(t.currency)}\t${text(t.unofficialCurrency)}\t${text(t.date)}\t${text(t.authorizedDate)}\t${timestamp(t.datetime)}\t${timestamp(t.authorizedDatetime)}\t${text(t.rawName)}\t${text(t.merchantName)}\t${flag(t.pending)}\t${text(t.pendingTransactionId)}\t${text(t.paymentChannel)}\t${text(t.pfcPrimary)}\t${text(t.pfcDetailed)}\t${text(t.pfcConfidence)}\t`;
  if (c === null) return `${head}${UNCATEGORIZED}${copyField(key)}\n`;
  const f = c.fields;
  return `${head}${text(c.id)}\t${text(f.payee)}\t${text(f.notes)}\t${copyField(f.tags)}\t${flag(f.isTransfer)}\t${flag(f.excludedFromReports)}\t${text(f.categoryId)}\t${text(f.categorySource)}\t${text(f.categoryRuleId)}\t${f.categoryConfidence ?? N}\t${flag(f.needsReview)}\t${copyField(key)}\n`;
}

/** Staged rows per chunk the COPY statement sends. */
const COPY_CHUNK = 2000;
/** Bytes a chunk's buffer starts with per row (a typical line is 400; the buffer grows when one is longer). */
const LINE_BYTES = 512;

/**
 * The run's rows as COPY's text lines (stagedCopyLine), COPY_CHUNK rows to a buffer, each line encoded into
 * the buffer as it is made. Joined into one string per chunk first, the lines (each a rope of its ~60 fields)
 * were flattened and then encoded as a whole: twice the CPU of the lines themselves, on the thread that
 * parses Plaid's pages while a sync fetches (bench/sync-historical, issue 16). Exported for its test.
 */
export function* stagedCopyChunks(run: StagedRun, txns: readonly StagedTransaction[]): Generator<Buffer> {
  const runPrefix = `${copyField(run.runId)}\t${copyField(run.itemId)}\t`;
  for (let i = 0; i < txns.length; i += COPY_CHUNK) {
    const end = Math.min(i + COPY_CHUNK, txns.length);
    let chunk = Buffer.allocUnsafe((end - i) * LINE_BYTES);
    let used = 0;
    for (let j = i; j < end; j++) {
      const line = stagedCopyLine(runPrefix, txns[j] as StagedTransaction);
      // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair's 4 bytes are 2 units).
      if (used + line.length * 3 > chunk.length) {
        const grown = Buffer.allocUnsafe(Math.max(chunk.length * 2, used + line.length * 3));
        chunk.copy(grown, 0, 0, used);
        chunk = grown;
      }
      used += chunk.write(line, used);
    }
    yield chunk.subarray(0, used);
  }
}

/**
 * Stages a sync run's rows (with the categorization the run decided for them, if any), outside any
 * transaction (call it on the handle): by COPY on PostgreSQL, in slices of STAGE_SLICE rows on the embedded
 * database. Staged rows are read only by the run's commit.
 */
export async function stageSyncedTransactions(
  db: Db,
  run: StagedRun,
  txns: readonly StagedTransaction[],
): Promise<void> {
  if (canCopy(db)) {
    await copyEncoded(db, 'sync_staged_transactions', COLUMNS, stagedCopyChunks(run, txns));
  } else {
    for (let i = 0; i < txns.length; i += STAGE_SLICE) {
      await db
        .insertInto('sync_staged_transactions')
        .values(txns.slice(i, i + STAGE_SLICE).map((t) => stagedRow(run, t)))
        .execute();
    }
  }
}

/** Rows a run stages from which the staged table's statistics are refreshed before its commit. */
const STATISTICS_AFTER = 1000;

/**
 * The columns the commit's statements find, join and order staged rows by (the run, the item, the account
 * by Plaid id, Plaid's id, the slice key, a pending row's posting): the ones its plans depend on. The
 * others are only carried into transactions; their statistics (free text, mostly) cost three quarters of a
 * whole-table ANALYZE and would plan nothing.
 */
const PLANNED_COLUMNS = [
  'run_id',
  'item_id',
  'plaid_account_id',
  'plaid_transaction_id',
  'date',
  'pending',
  'pending_transaction_id',
  'id',
] as const satisfies readonly (keyof Database['sync_staged_transactions'])[];

/**
 * Refreshes the staged table's statistics once a run has staged `staged` rows (from STATISTICS_AFTER on), on
 * the handle, before the commit: its row count and PLANNED_COLUMNS'. Autovacuum has not seen rows staged a
 * moment ago: without fresh statistics the commit's INSERT … SELECT planned the staged table as 2 rows and
 * rescanned all of them once per account of the item (a nested loop).
 *
 * From a sample of STATISTICS_SAMPLE_TARGET × 300 rows: the plans need the row count (counted whole anyway)
 * and each column's distinct values (one run and item, an account among a few, Plaid's ids all distinct, a
 * date among hundreds), which 3,000 rows estimate as well as the default's 30,000 — and this runs on the
 * sync's critical path, between its fetch and its commit: 45–75 ms for a 50,000-row history, 6–7 ms so.
 */
export async function refreshStagedStatistics(db: Db, staged: number): Promise<void> {
  if (staged < STATISTICS_AFTER) return;
  // On one connection, set and reset around the statement (no transaction: the commit's are the run's only ones).
  await db.connection().execute(async (conn) => {
    await sql`SET default_statistics_target = ${sql.lit(STATISTICS_SAMPLE_TARGET)}`.execute(conn);
    try {
      await sql`ANALYZE sync_staged_transactions (${sql.raw(PLANNED_COLUMNS.join(', '))})`.execute(conn);
    } finally {
      await sql`RESET default_statistics_target`.execute(conn);
    }
  });
}

/** default_statistics_target for the staged table's ANALYZE (PostgreSQL samples 300 rows per unit). */
const STATISTICS_SAMPLE_TARGET = 10;

/**
 * What the run's commit checks before it moves the rows: how many are staged (fewer than the run staged if
 * the server lost them, e.g. an unlogged table after a crash) and the first whose account the item lacks.
 */
export async function stagedRunCheck(
  trx: Db,
  runId: string,
): Promise<{ staged: number; unknownAccountTransaction: string | null }> {
  const row = await sql<{ staged: string; unknown: string | null }>`
    SELECT count(*) AS staged, min(s.plaid_transaction_id) FILTER (WHERE a.id IS NULL) AS unknown
    FROM sync_staged_transactions s
    LEFT JOIN accounts a ON a.item_id = s.item_id AND a.plaid_account_id = s.plaid_account_id
    WHERE s.run_id = ${runId}`.execute(trx);
  const first = row.rows[0];
  return { staged: Number(first?.staged ?? 0), unknownAccountTransaction: first?.unknown ?? null };
}

/** Where the run's staged rows after `after` (all when null) stand: how many, and the key of the n-th. */
export async function stagedRunAfter(
  trx: Db,
  runId: string,
  after: StagedKey | null,
  n: number,
): Promise<{ left: number; sliceEnd: StagedKey | null }> {
  const rest = trx
    .selectFrom('sync_staged_transactions')
    .where('run_id', '=', runId)
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(date, plaid_transaction_id) > (${after?.date}::date, ${after?.plaidTransactionId})`,
      ),
    );
  const count = await rest.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const left = Number(count.n);
  if (left === 0 || n <= 0) return { left, sliceEnd: null };
  // A slice that takes all that is left ends at the last row: found in one pass, where an OFFSET of left - 1
  // sorted every row (35 ms of a 50,000-row history's commit, which takes them all at once).
  const end = await (n >= left
    ? rest.orderBy('date', 'desc').orderBy('plaid_transaction_id', 'desc')
    : rest
        .orderBy('date')
        .orderBy('plaid_transaction_id')
        .offset(n - 1)
  )
    .select(['date', 'plaid_transaction_id'])
    .limit(1)
    .executeTakeFirstOrThrow();
  return { left, sliceEnd: { date: end.date, plaidTransactionId: end.plaid_transaction_id } };
}

/** Deletes the rows a run staged (after its commit, or when it fails). */
export async function clearStagedRun(db: Db, runId: string): Promise<void> {
  await db.deleteFrom('sync_staged_transactions').where('run_id', '=', runId).execute();
}

/** Deletes what earlier runs of the item left staged (a crash between staging and commit). */
export async function clearStagedLeftovers(db: Db, itemId: string, currentRunId: string): Promise<void> {
  await db
    .deleteFrom('sync_staged_transactions')
    .where('item_id', '=', itemId)
    .where('run_id', '<>', currentRunId)
    .execute();
}
