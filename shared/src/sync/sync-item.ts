import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PlaidApi } from 'plaid';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import type { Db, OwnerDb } from '../db/create-database.ts';
import type { ItemStatus, Row, SyncTrigger } from '../db/database.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { defaultRetryPolicy, PlaidCallError, type RetryPolicy, withRetry } from '../plaid/with-retry.ts';
import { accountIdsForItem } from '../tables/accounts.ts';
import {
  findPlaidItem,
  lockItemSyncState,
  recordItemError,
  unfinishedCommitOf,
} from '../tables/plaid-items.ts';
import { finishSyncRun, startSyncRun } from '../tables/sync-runs.ts';
import { clearStagedLeftovers, clearStagedRun, stagedRunCheck } from '../tables/sync-staged-transactions.ts';
import {
  applyInheritedEdits,
  claimPendingCategorization,
  deleteTransactions,
  findTransactionRefs,
  itemPlaidTransactionIds,
  renameTransactions,
  upsertStagedTransactions,
} from '../tables/transactions.ts';
import {
  emptySyncPlan,
  type FoldedPage,
  type SyncPlan,
  type SyncPlanProgress,
  startSyncPlanFold,
  withUnsentRemoved,
} from './apply-sync-page.ts';
import {
  commitFirstSlice,
  commitRemainingSlices,
  commitSliceFor,
  finishUnfinishedCommit,
} from './commit-in-slices.ts';
import { flagItemStatus } from './flag-item-status.ts';
import { planTransactionWrites, referencedPlaidIds } from './plan-transaction-writes.ts';
import type { PrecategorizeHook } from './precategorize.ts';
import { type RunStaging, startRunStaging } from './stage-run.ts';
import { storeItemAccounts } from './store-item-accounts.ts';
import { toSyncedAccount } from './synced-records.ts';

export type SyncPlaidPort = Pick<PlaidApi, 'transactionsSync' | 'accountsGet'>;

export interface SyncProgress {
  itemId: string;
  phase: 'fetching' | 'saving' | 'done';
  pages: number;
  transactions: number;
  restarts: number;
}

/**
 * Categorization hook, run after the sync's commit on batches of the rows it inserted or changed, each batch
 * in its own short transaction (`trx`) that also clears the rows' `categorize_pending` flag. It may update
 * those rows through `trx`; it must not touch a field listed in a row's `locked_fields`.
 */
export type CategorizeHook = (input: {
  trx: Db;
  userId: string;
  transactions: Row<'transactions'>[];
}) => Promise<void>;

export interface SyncDeps {
  /** The owner's handle: a sync writes every row of the item's user, outside any user's scope. */
  db: OwnerDb;
  plaid: SyncPlaidPort;
  cipher: TokenCipher;
  clock: () => Date;
  retry?: RetryPolicy;
  categorize?: CategorizeHook;
  /** Categorizes the run's new rows before they are staged, so the commit writes them categorized. */
  precategorize?: PrecategorizeHook;
  /** Stop fetching pages (e.g. on SIGTERM): the run fails without writing and the job is retried. */
  signal?: AbortSignal;
  /** Staged rows per commit transaction (see commitSliceFor): by default 250 on PGlite, all on PostgreSQL. */
  commitSlice?: number;
}

export type SyncResult =
  | {
      outcome: 'succeeded';
      runId: string;
      pages: number;
      added: number;
      modified: number;
      removed: number;
      restarts: number;
      changed: number;
      /** Plaid has sent the item's whole history (HISTORICAL_UPDATE_COMPLETE), now or in an earlier run. */
      historyComplete: boolean;
    }
  | { outcome: 'skipped'; reason: 'item_not_active'; status: ItemStatus }
  | { outcome: 'item_error'; runId: string; status: ItemStatus; code: string; statusChanged: boolean };

const PAGE_SIZE = 500;
const MAX_RESTARTS = 5;
/** Rows categorized per transaction after the commit: short enough that one connection is never held long. */
export const CATEGORIZE_BATCH = 250;

/**
 * Syncs one item from its stored cursor.
 *
 * Crash safety: every page of the run is folded into an in-memory plan; its rows are staged, outside any
 * transaction, in sync_staged_transactions under the run's id (by COPY on PostgreSQL; in short slices on the
 * embedded database, whose one connection is free between them), page by page while the next page is
 * fetched (stage-run.ts; the whole plan again if a page changed a row staged before). ONE short transaction
 * then makes them real together with the new cursor: one `INSERT … SELECT … ON CONFLICT` from the staged rows, the renames,
 * inherited edits and removals, the cursor. Staged rows are read by nothing but that commit, so a crash
 * before it leaves the old rows with the old cursor (the next run refetches from it, and first deletes what
 * the dead run staged); after it, the new rows with the new cursor. The commit also re-reads the cursor under
 * a row lock and refuses to write if another sync moved it meanwhile, and refuses if fewer rows are staged
 * than the run staged (PostgreSQL empties the unlogged staging table when it crashes).
 *
 * Why staging: the commit used to send the history itself (JSON slices of 5,000 rows), so it held its
 * transaction — on the embedded database, the only connection — for the whole transfer and parse; now the
 * transfer happens before it, and the commit is set-based work on rows already in the database.
 *
 * Categorization holds no transaction: it takes longer than the writes (rules, the learned model, payee
 * cleanup), and on the embedded database's single connection a 3,000-row history held every request for
 * seconds. New rows are categorized in memory before staging (`precategorize`: the user's rules, merchants
 * and model loaded once, pure code in between) and staged with their decision, so the commit inserts them
 * categorized (and a crash before it leaves neither rows nor categories). What needs the stored row
 * — a changed row (the user's edits and locks), a posted row inheriting its pending version's edits, a
 * split — is flagged `categorize_pending` by the commit; afterwards the user's backlog is drained in batches
 * of CATEGORIZE_BATCH rows, each categorized and unflagged in its own transaction. A crash in between leaves
 * flagged rows (showing Plaid's category meanwhile), which the next sync of any of the user's items drains
 * first. The run finishes, and its progress says done, only once the backlog is empty.
 */
export async function syncItem(
  deps: SyncDeps,
  input: {
    itemId: string;
    trigger: SyncTrigger;
    /** The queue job running this sync: if it loses its lock, the run is marked abandoned. */
    jobId?: string;
    onProgress?: (p: SyncProgress) => void;
  },
): Promise<SyncResult> {
  const { db, clock } = deps;
  const item = await findPlaidItem(db, input.itemId);
  if (!item) throw new NotFoundError('plaid item', input.itemId);
  if (item.status !== 'active') return { outcome: 'skipped', reason: 'item_not_active', status: item.status };

  const startedAt = clock();
  const runId = await startSyncRun(
    db,
    { userId: item.user_id, itemId: item.id, trigger: input.trigger, jobId: input.jobId },
    startedAt,
  );
  const accessToken = deps.cipher.decrypt(item.access_token_encrypted);
  const report = (p: Omit<SyncProgress, 'itemId'>) => input.onProgress?.({ itemId: item.id, ...p });
  let restarts = 0;
  let plan: SyncPlan = emptySyncPlan(item.sync_cursor);
  const unfinished = unfinishedCommitOf(item);
  let staging: RunStaging | null = null;
  try {
    // A commit a dead run left half done is finished first: its cursor is the one to fetch from.
    const resumed = unfinished
      ? await finishUnfinishedCommit(
          deps,
          { userId: item.user_id, itemId: item.id },
          unfinished,
          commitSliceFor(db, deps.commitSlice),
        )
      : { cursor: item.sync_cursor, changed: 0 };
    const accountIds = await accountIdsForItem(db, item.id);
    // What a dead run of the item staged (a crash before its commit) goes before this run stages anything.
    await clearStagedLeftovers(db, item.id, runId);
    const run = { runId, itemId: item.id };
    staging = startRunStaging({
      db,
      precategorize: deps.precategorize,
      userId: item.user_id,
      accountIds,
      run,
    });
    const pages = staging;
    plan = await fetchAllPages(deps, accessToken, resumed.cursor, {
      onPage: (folded, p, r) => {
        restarts = r;
        pages.page(folded);
        report({ phase: 'fetching', pages: p.pages, transactions: p.transactions, restarts: r });
      },
      onRestart: () => pages.discard(),
    });
    report({ phase: 'saving', pages: plan.pages, transactions: plan.upserts.size, restarts });
    const changed = resumed.changed + (await commitPlan(deps, item, runId, plan, { accountIds, staging }));
    await drainCategorizeBacklog(deps, item.user_id);
    const finishedAt = clock();
    await finishSyncRun(
      db,
      runId,
      { status: 'succeeded', ...plan.counts, pages: plan.pages, restarts, error: null },
      startedAt,
      finishedAt,
    );
    report({ phase: 'done', pages: plan.pages, transactions: plan.upserts.size, restarts });
    return {
      outcome: 'succeeded',
      runId,
      pages: plan.pages,
      ...plan.counts,
      restarts,
      changed,
      historyComplete: item.history_complete || plan.historyComplete || unfinished?.historyComplete === true,
    };
  } catch (error) {
    // What the run staged is of no use any more (if this fails too, the item's next run deletes it), unless
    // its commit is under way in slices: the item's next run finishes that from the rows left staged.
    await staging?.settle();
    const current = await findPlaidItem(db, item.id).catch(() => undefined);
    if (current && unfinishedCommitOf(current)?.runId !== runId)
      await clearStagedRun(db, runId).catch(() => {});
    const at = clock();
    const failure = error instanceof PlaidCallError ? error.failure : null;
    const code = error instanceof DomainError ? (failure?.code ?? error.code) : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    await finishSyncRun(
      db,
      runId,
      { status: 'failed', ...plan.counts, pages: plan.pages, restarts, error: { code, message } },
      startedAt,
      at,
    );
    if (failure?.kind === 'item') {
      const statusChanged = await flagItemStatus(
        db,
        { id: item.id, userId: item.user_id, institutionName: item.institution_name },
        failure.itemStatus,
        at,
        { code, message },
      );
      return { outcome: 'item_error', runId, status: failure.itemStatus, code, statusChanged };
    }
    await recordItemError(db, item.id, { code, message }, at);
    throw error;
  }
}

async function fetchAllPages(
  deps: SyncDeps,
  accessToken: string,
  startCursor: string | null,
  on: {
    onPage: (page: FoldedPage, progress: SyncPlanProgress, restarts: number) => void;
    onRestart: () => Promise<void>;
  },
): Promise<SyncPlan> {
  const retry = deps.retry ?? defaultRetryPolicy;
  const stopIfAborted = () => {
    if (deps.signal?.aborted) throw new DomainError('SYNC_ABORTED', 'sync stopped before it finished');
  };
  const request = (from: string | null) => {
    stopIfAborted();
    const response = withRetry(
      () =>
        deps.plaid.transactionsSync(
          { access_token: accessToken, count: PAGE_SIZE, ...(from ? { cursor: from } : {}) },
          // Cancels the request, and a wait for the rate limit (rateLimitedPlaid), when the job stops.
          deps.signal ? { signal: deps.signal } : undefined,
        ),
      retry,
    );
    // Awaited by the loop unless a page before it failed; until then a failure must not be unhandled.
    response.catch(() => {});
    return response;
  };
  for (let restarts = 0; ; restarts++) {
    const fold = startSyncPlanFold(emptySyncPlan(startCursor));
    try {
      let next = request(startCursor);
      for (;;) {
        const { data } = await next;
        stopIfAborted();
        // The next page is asked for before this one is folded and staged: Plaid prepares and sends it while
        // this process works on this one (each page names the cursor of the next, so one is in flight at most).
        // The request's own steps (the client's promise chain, then the socket write on a later tick) run
        // first: folding and categorizing here at once put them, and Plaid's start on the page, 2–5 ms later
        // per page (bench sync-historical, issue 16).
        if (data.has_more) {
          next = request(data.next_cursor);
          await nextTurn();
          stopIfAborted();
        }
        const { folded, ...progress } = fold.add(data);
        on.onPage(folded, progress, restarts);
        if (!progress.hasMore) break;
      }
      return fold.plan();
    } catch (error) {
      if (deps.signal?.aborted) throw new DomainError('SYNC_ABORTED', 'sync stopped before it finished');
      // Plaid's data changed mid-pagination: discard every page and start again from the run's first cursor.
      if (error instanceof PlaidCallError && error.failure.kind === 'restart' && restarts < MAX_RESTARTS) {
        await on.onRestart();
        continue;
      }
      throw error;
    }
  }
}

async function commitPlan(
  deps: SyncDeps,
  item: Row<'plaid_items'>,
  runId: string,
  plan: SyncPlan,
  { accountIds, staging }: { accountIds: ReadonlyMap<string, string>; staging: RunStaging },
): Promise<number> {
  const owner = { userId: item.user_id, itemId: item.id };
  const at = deps.clock();
  let accounts = [...plan.accounts.values()];
  const known = new Set([...accountIds.keys(), ...plan.accounts.keys()]);
  const upserts = [...plan.upserts.values()];
  // Plaid includes accounts in sync responses; if a transaction still names an unknown one (an account
  // opened since link), ask for the item's accounts rather than fail the run.
  if (upserts.some((t) => !known.has(t.plaidAccountId))) {
    const { data } = await withRetry(
      () => deps.plaid.accountsGet({ access_token: deps.cipher.decrypt(item.access_token_encrypted) }),
      deps.retry ?? defaultRetryPolicy,
    );
    const fetched = new Map(data.accounts.map((a) => [a.account_id, toSyncedAccount(a)]));
    for (const a of accounts) fetched.set(a.plaidAccountId, a);
    accounts = [...fetched.values()];
  }
  await staging.finish(plan);
  if (deps.signal?.aborted) throw new DomainError('SYNC_ABORTED', 'sync stopped before it finished');
  const slice = commitSliceFor(deps.db, deps.commitSlice);
  const opened = await deps.db.transaction().execute(async (trx) => {
    const state = await lockItemSyncState(trx, item.id);
    if (state?.cursor !== plan.startCursor || state.unfinished) {
      throw new DomainError(
        'SYNC_CONFLICT',
        'another sync of this item committed first; retry from its cursor',
      );
    }
    if (accounts.length > 0) {
      await storeItemAccounts(trx, owner, accounts, at);
    }
    const staged = await stagedRunCheck(trx, runId);
    if (staged.staged !== upserts.length) {
      throw new DomainError(
        'SYNC_CONFLICT',
        `${upserts.length - staged.staged} of the run's ${upserts.length} staged rows are gone (a database restart); retry from its cursor`,
      );
    }
    if (staged.unknownAccountTransaction) {
      throw new Error(`transaction ${staged.unknownAccountTransaction} names an unknown account`);
    }
    // From no cursor Plaid sends the whole history: a stored row it did not send is gone (see withUnsentRemoved).
    const storedIds = plan.startCursor ? null : await itemPlaidTransactionIds(trx, item.id);
    const full = storedIds ? withUnsentRemoved(plan, storedIds) : plan;
    const stored = await findTransactionRefs(trx, item.id, referencedPlaidIds(full));
    const writes = planTransactionWrites(full, stored);
    await renameTransactions(trx, writes.renames);
    // The rows renamed or inheriting edits are moved first, so that their edits land in this transaction;
    // their slice moves them again later, which writes nothing (their Plaid fields are the same).
    const targets = [
      ...new Set([
        ...writes.renames.map((r) => r.toPlaidTransactionId),
        ...writes.inherits.map((e) => e.targetPlaidTransactionId),
      ]),
    ];
    const moved =
      targets.length > 0
        ? await upsertStagedTransactions(trx, owner, runId, { kind: 'ids', plaidIds: targets })
        : 0;
    await applyInheritedEdits(trx, item.id, writes.inherits);
    await deleteTransactions(trx, item.id, writes.deletes);
    const first = await commitFirstSlice(
      trx,
      {
        runId,
        owner,
        nextCursor: plan.nextCursor,
        historyComplete: plan.historyComplete,
        at,
        // An item's first history (nothing stored, nothing moved above): every staged row is new.
        into: storedIds?.length === 0 && targets.length === 0 ? 'empty item' : 'stored rows',
      },
      Math.max(0, slice - targets.length),
    );
    // The categorization pass is recorded with the commit's first rows (all of them unless sliced).
    await staging.record(trx);
    return { changed: moved + first.changed, unfinished: first.unfinished !== null };
  });
  const changed =
    opened.changed + (opened.unfinished ? await commitRemainingSlices(deps, owner, runId, slice) : 0);
  // Outside the commit, which it need not lengthen: left over by a crash here, the next run deletes them.
  await clearStagedRun(deps.db, runId);
  return changed;
}

/**
 * Categorizes the user's rows that sync commits flagged, CATEGORIZE_BATCH at a time, each batch in its own
 * transaction (see syncItem). Rows another drain holds are skipped, so two items of one user may drain at once.
 */
export async function drainCategorizeBacklog(
  deps: Pick<SyncDeps, 'db' | 'categorize'>,
  userId: string,
): Promise<number> {
  let categorized = 0;
  for (;;) {
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const rows = await claimPendingCategorization(trx, userId, CATEGORIZE_BATCH);
      if (rows.length > 0 && deps.categorize) await deps.categorize({ trx, userId, transactions: rows });
      return rows.length;
    });
    categorized += claimed;
    if (claimed < CATEGORIZE_BATCH) return categorized;
  }
}
