import { PassThrough } from 'node:stream';
import { DomainError, withUser } from '@finsync/shared';
import {
  IdParams,
  type SyncHistoryEvent,
  SyncProgressEvent,
  SyncProgressQuery,
} from '@finsync/shared/contract';
import { syncItemJobData } from '@finsync/shared/jobs';
import { accountQuery } from '@finsync/shared/ledger';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';
import { ownItem } from './own-item.ts';

/**
 * How long the progress stream may stay open, its keep-alive, and its fallback re-read of the sync run. The
 * queue pushes what it knows (a sync's progress, a sync job ending); the slow re-read only catches what no
 * queue event announces: a run abandoned because its worker died, or the connection's status changed
 * outside a sync (a webhook, a removal).
 */
export const PROGRESS_STREAM = { fallbackPollMs: 2_000, maxMs: 15 * 60_000, heartbeatMs: 15_000 };

/** GET /items/:id/sync-progress: a sync's progress and outcome as Server-Sent Events. */
export function syncProgressRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/items/:id/sync-progress',
      {
        schema: {
          tags: ['items'],
          summary:
            'Server-Sent Events: `progress` (pages, transactions so far) then `outcome` (the finished sync run)',
          description:
            "text/event-stream. Follows the sync running now, or the first one started at or after `since` (from POST /items/{id}/sync). Events: `progress` (SyncProgressEvent); `history` (SyncHistoryEvent) when a new connection's first 30 days are in and its older history is still coming (the stream then follows the next sync); then one `outcome` (SyncOutcomeEvent) once the history is in.",
          params: IdParams,
          querystring: SyncProgressQuery,
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const itemId = request.params.id;
        await ownItem(ctx, userId, itemId);
        if (!ctx.queue) throw new DomainError('JOBS_UNAVAILABLE', 'background jobs are not configured');
        const jobs = ctx.queue;
        let since = request.query.since ? Date.parse(request.query.since) : null;
        const connectedAt = ctx.clock().getTime();
        const stream = new PassThrough();
        const send = (event: string, data: unknown) =>
          stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        let watched: string | null = null;
        const announced = new Set<string>();
        let closed = false;

        /** Reads the item and its latest runs, and says what changed: history in part, an outcome, or nothing. */
        const check = async () => {
          const { item, runs } = await withUser(ctx.db, userId, async (trx) => ({
            item: await accountQuery.item(trx, userId, itemId),
            runs: await accountQuery.syncRuns(trx, userId, itemId, 5),
          }));
          if (closed) return;
          const run = watched
            ? runs.find((r) => r.id === watched)
            : runs.find(
                (r) =>
                  !announced.has(r.id) &&
                  (since !== null
                    ? Date.parse(r.startedAt) >= since
                    : r.status === 'running' || Date.parse(r.startedAt) >= connectedAt),
              );
          if (run) watched = run.id;
          if (run && run.status !== 'running') {
            if (run.status === 'succeeded' && item?.status === 'active' && !item.historyComplete) {
              // Plaid sent the last 30 days; the rest of the history comes with the next sync (its
              // HISTORICAL_UPDATE_COMPLETE webhook). Say so, and follow that sync instead of ending here.
              announced.add(run.id);
              send('history', { run } satisfies z.infer<typeof SyncHistoryEvent>);
              watched = null;
              since = Date.parse(run.startedAt);
              return;
            }
            send('outcome', { itemStatus: item?.status ?? 'removed', run });
            stop();
          } else if (!run && item?.status !== 'active') {
            send('outcome', { itemStatus: item?.status ?? 'removed', run: null });
            stop();
          }
        };
        // Checks never overlap: an event during a check asks for one more afterwards.
        let checking: Promise<void> | null = null;
        let again = false;
        const checkSoon = () => {
          if (closed) return;
          if (checking) {
            again = true;
            return;
          }
          checking = check()
            .catch((error: unknown) => {
              request.log.error({ err: error }, 'sync progress stream failed');
              stop();
            })
            .finally(() => {
              checking = null;
              if (again) {
                again = false;
                checkSoon();
              }
            });
        };

        const unsubscribeProgress = jobs.onProgress((event) => {
          if (event.name !== 'sync-item' || event.progress.itemId !== itemId) return;
          const progress = SyncProgressEvent.safeParse(event.progress);
          if (!progress.success) return;
          send('progress', progress.data satisfies z.infer<typeof SyncProgressEvent>);
          // A first progress means the run's row exists; 'done' that it is about to be settled.
          if (watched === null || progress.data.phase === 'done') checkSoon();
        });
        const unsubscribeSettled = jobs.onSettled((event) => {
          if (event.name !== 'sync-item' || syncItemJobData.safeParse(event.data).data?.itemId !== itemId)
            return;
          checkSoon();
        });
        const fallback = setInterval(checkSoon, PROGRESS_STREAM.fallbackPollMs);
        const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), PROGRESS_STREAM.heartbeatMs);
        const limit = setTimeout(() => stop(), PROGRESS_STREAM.maxMs);
        function stop() {
          if (closed) return;
          closed = true;
          unsubscribeProgress();
          unsubscribeSettled();
          clearInterval(fallback);
          clearInterval(heartbeat);
          clearTimeout(limit);
          stream.end();
        }
        reply.raw.once('close', stop);
        stream.write(`retry: 2000\n\n`);
        checkSoon();
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-accel-buffering', 'no')
          .send(stream);
      },
    );
  };
}
