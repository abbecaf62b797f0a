import type { Db, OwnerDb } from '@finsync/shared';
import type { TokenCipher } from '@finsync/shared/crypto';
import type { JobHandlers } from '@finsync/shared/jobs';
import type { RetryPolicy } from '@finsync/shared/plaid';
import type { JobQueue } from '@finsync/shared/queue';
import {
  type CategorizeHook,
  enqueueItemSync,
  findPlaidItem,
  HISTORY_RECHECK_MS,
  listActiveItemIds,
  type PrecategorizeHook,
  type SyncPlaidPort,
  syncItem,
  unscheduleItemSync,
} from '@finsync/shared/sync';

export interface SyncProcessorDeps {
  db: OwnerDb;
  plaid: SyncPlaidPort;
  cipher: TokenCipher;
  clock?: () => Date;
  retry?: RetryPolicy;
  /** The categorization engine's hook; none = transactions stay uncategorized ('none'). */
  categorize?: CategorizeHook;
  /** Categorizes a run's new rows before they are staged; none = every row goes to `categorize` after the commit. */
  precategorize?: PrecategorizeHook;
  /** How soon an item without webhooks is synced again while its history is incomplete (tests shorten it). */
  historyRecheckMs?: number;
  /** Follow-up work after a successful sync (alerts, transfer pairing, recurring series). */
  afterSync?: (itemId: string) => Promise<void>;
}

/**
 * The sync jobs' handlers (BullMQ in the worker, in-process in the demo):
 * - 'sync-item' runs one item's sync (deduplicated per item by enqueueItemSync);
 * - 'schedule-sync' is what an item's periodic scheduler emits; it funnels into the deduplicated 'sync-item';
 * - 'sync-catch-up' (nightly) queues a sync of every active item.
 */
export function syncJobHandlers(
  queue: Pick<JobQueue, 'enqueue' | 'removeSchedule'>,
  deps: SyncProcessorDeps,
): Pick<JobHandlers, 'sync-item' | 'schedule-sync' | 'sync-catch-up'> {
  const clock = deps.clock ?? (() => new Date());
  return {
    'sync-item': async (data, ctx) => {
      const result = await syncItem(
        {
          db: deps.db,
          plaid: deps.plaid,
          cipher: deps.cipher,
          clock,
          retry: deps.retry,
          categorize: deps.categorize,
          precategorize: deps.precategorize,
          signal: ctx.signal,
        },
        {
          itemId: data.itemId,
          trigger: data.trigger,
          jobId: ctx.jobId,
          onProgress: (p) => void ctx.reportProgress({ ...p }).catch(() => undefined),
        },
      );
      // An item that needs its user is not synced again until it is repaired (update mode re-schedules it).
      if (result.outcome !== 'succeeded') await unscheduleItemSync(queue, data.itemId);
      else {
        await deps.afterSync?.(data.itemId);
        // Plaid's HISTORICAL_UPDATE_COMPLETE webhook brings the rest of a new item's history; an item without
        // a webhook URL would otherwise wait for its periodic schedule, so it is looked at again shortly.
        if (!result.historyComplete && !(await hasWebhook(deps.db, data.itemId)))
          await enqueueItemSync(
            queue,
            { itemId: data.itemId, trigger: 'initial' },
            { delayMs: deps.historyRecheckMs ?? HISTORY_RECHECK_MS },
          );
      }
      return result;
    },
    'schedule-sync': async (data) => {
      await enqueueItemSync(queue, { itemId: data.itemId, trigger: 'schedule' });
    },
    'sync-catch-up': async () => {
      const ids = await listActiveItemIds(deps.db);
      for (const itemId of ids) await enqueueItemSync(queue, { itemId, trigger: 'catch_up' });
      return { queued: ids.length };
    },
  };
}

/** Registers only the sync jobs (tests that run syncs without the rest of the worker). */
export function registerSyncProcessors(queue: JobQueue, deps: SyncProcessorDeps): void {
  const handlers = syncJobHandlers(queue, deps);
  queue.register('sync-item', handlers['sync-item']);
  queue.register('schedule-sync', handlers['schedule-sync']);
  queue.register('sync-catch-up', handlers['sync-catch-up']);
}

async function hasWebhook(db: Db, itemId: string): Promise<boolean> {
  return Boolean((await findPlaidItem(db, itemId))?.webhook_url);
}
