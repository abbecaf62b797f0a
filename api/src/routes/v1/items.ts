import { PassThrough } from 'node:stream';
import { DomainError, NotFoundError, withUser } from '@finsync/shared';
import {
  ErrorBody,
  ExchangeRequest,
  ExchangeResponse,
  HostedLinkCompleteRequest,
  HostedLinkCompleteResponse,
  IdParams,
  Item,
  LinkTokenRequest,
  LinkTokenResponse,
  Ok,
  type SyncHistoryEvent,
  SyncProgressEvent,
  SyncProgressQuery,
  SyncQueued,
} from '@finsync/shared/contract';
import { accountQuery } from '@finsync/shared/ledger';
import { linkScriptUrl, PlaidCallError } from '@finsync/shared/plaid';
import type { JobQueue } from '@finsync/shared/queue';
import {
  completeHostedLink,
  completeItemRepair,
  createLinkToken,
  enqueueItemSync,
  exchangePublicToken,
  findLiveUserItem,
  linkTokenOwner,
  setItemStatus,
  unscheduleItemSync,
} from '@finsync/shared/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

/** How often the progress stream re-reads the sync run, how long it may stay open, and its keep-alive. */
export const PROGRESS_STREAM = { pollMs: 250, maxMs: 15 * 60_000, heartbeatMs: 15_000 };

/** Bank connections: Plaid Link (new and update mode), exchange, removal, sync now and its progress stream. */
export function itemRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);

    const queue = (): JobQueue => {
      if (!ctx.queue) throw new DomainError('JOBS_UNAVAILABLE', 'background jobs are not configured');
      return ctx.queue;
    };
    const plaidDeps = {
      db: ctx.db,
      plaid: ctx.plaid,
      cipher: ctx.cipher,
      clock: ctx.clock,
      webhookUrl: ctx.config.PLAID_WEBHOOK_URL,
      syncIntervalHours: ctx.config.SYNC_INTERVAL_HOURS,
    };
    const linkDeps = () => ({ ...plaidDeps, queue: queue() });
    /** The caller's connection (not removed), read under row-level security; anything else is 404. */
    const ownItem = async (userId: string, itemId: string) => {
      const item = await withUser(ctx.db, userId, (trx) => accountQuery.item(trx, userId, itemId));
      if (!item || item.status === 'removed') throw new NotFoundError('item', itemId);
      return item;
    };
    /** Redirects go back to the web app only, never to a URL a request chose. */
    const onAppOrigin = (field: string, url: string | undefined) => {
      if (url !== undefined && new URL(url).origin !== new URL(ctx.config.APP_URL).origin) {
        throw new DomainError('VALIDATION_FAILED', 'redirects must point to the web app', [
          { path: `body.${field}`, message: 'expected a URL on the web app origin' },
        ]);
      }
      return url;
    };
    // Offline, the emulator's Hosted Link page stands in for Plaid's Link script, which cannot load.
    const hosted = (asked: boolean | undefined) => asked === true || ctx.config.PLAID_ENV === 'emulator';

    app.post(
      '/items/link-token',
      {
        schema: {
          tags: ['items'],
          summary: 'Link token for a new bank connection (hostedLinkUrl with Hosted Link)',
          body: LinkTokenRequest,
          response: { 200: LinkTokenResponse, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const redirectUri = onAppOrigin('redirectUri', request.body.redirectUri);
        const completionRedirectUri = onAppOrigin(
          'completionRedirectUri',
          request.body.completionRedirectUri,
        );
        const token = await createLinkToken(plaidDeps, {
          userId,
          ...(redirectUri ? { redirectUri } : {}),
          ...(hosted(request.body.hostedLink)
            ? { hostedLink: completionRedirectUri ? { completionRedirectUri } : {} }
            : {}),
        });
        return { ...token, linkScriptUrl: linkScriptUrl(ctx.config) };
      },
    );

    app.post(
      '/items/exchange',
      {
        schema: {
          tags: ['items'],
          summary:
            "Exchange Link's public token: stores the connection, its accounts, and queues the first sync",
          body: ExchangeRequest,
          response: { 201: ExchangeResponse, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        let stored: Awaited<ReturnType<typeof exchangePublicToken>>;
        try {
          stored = await exchangePublicToken(linkDeps(), { userId, publicToken: request.body.publicToken });
        } catch (error) {
          if (error instanceof PlaidCallError && error.failure.code === 'INVALID_PUBLIC_TOKEN') {
            throw new DomainError('VALIDATION_FAILED', 'the public token is not valid or has expired', [
              { path: 'body.publicToken', message: 'not valid or expired' },
            ]);
          }
          throw error;
        }
        reply.code(201);
        return { item: await ownItem(userId, stored.id) };
      },
    );

    app.post(
      '/items/hosted-link/complete',
      {
        schema: {
          tags: ['items'],
          summary:
            'After Hosted Link returned to the app: exchanges the finished session and queues the first sync (once per link token)',
          body: HostedLinkCompleteRequest,
          response: { 200: HostedLinkCompleteResponse, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { linkToken } = request.body;
        // Under row-level security first: another user's token is a 404 before anything else runs.
        const owner = await withUser(ctx.db, userId, (trx) => linkTokenOwner(trx, linkToken));
        if (owner !== userId) throw new NotFoundError('link session');
        const result = await completeHostedLink(linkDeps(), { userId, linkToken });
        const items = await withUser(ctx.db, userId, async (trx) => {
          const found = await Promise.all(result.itemIds.map((id) => accountQuery.item(trx, userId, id)));
          return found.filter(
            (item): item is NonNullable<typeof item> => item !== undefined && item.status !== 'removed',
          );
        });
        return { items, completedNow: result.completedNow };
      },
    );

    app.post(
      '/items/:id/link-token',
      {
        schema: {
          tags: ['items'],
          summary: 'Link token in update mode, to sign in to the bank again',
          params: IdParams,
          body: LinkTokenRequest.nullish(),
          response: { 200: LinkTokenResponse, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await ownItem(userId, request.params.id);
        const body = request.body ?? {};
        const redirectUri = onAppOrigin('redirectUri', body.redirectUri);
        const completionRedirectUri = onAppOrigin('completionRedirectUri', body.completionRedirectUri);
        const token = await createLinkToken(plaidDeps, {
          userId,
          itemId: request.params.id,
          ...(redirectUri ? { redirectUri } : {}),
          ...(hosted(body.hostedLink)
            ? { hostedLink: completionRedirectUri ? { completionRedirectUri } : {} }
            : {}),
        });
        return { ...token, linkScriptUrl: linkScriptUrl(ctx.config) };
      },
    );

    app.post(
      '/items/:id/repaired',
      {
        schema: {
          tags: ['items'],
          summary:
            'After update mode succeeded: the connection is active again and a catch-up sync is queued',
          params: IdParams,
          response: { 200: Item, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        await ownItem(userId, request.params.id);
        await completeItemRepair(linkDeps(), { userId, itemId: request.params.id });
        return ownItem(userId, request.params.id);
      },
    );

    app.delete(
      '/items/:id',
      {
        schema: {
          tags: ['items'],
          summary: 'Remove a bank connection at Plaid; its history stays, no more syncs',
          params: IdParams,
          response: { 200: Ok, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const item = await withUser(ctx.db, userId, (trx) =>
          findLiveUserItem(trx, userId, request.params.id),
        );
        if (!item) throw new NotFoundError('item', request.params.id);
        // Plaid first: if it refuses, the connection stays as it was and the user can retry.
        await ctx.plaidItems.removeItem({ id: item.id, accessTokenEncrypted: item.access_token_encrypted });
        await setItemStatus(ctx.db, item.id, 'removed', ctx.clock());
        if (ctx.queue) await unscheduleItemSync(ctx.queue, item.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/items/:id/sync',
      {
        schema: {
          tags: ['items'],
          summary: 'Sync now (at most one queued sync per connection)',
          params: IdParams,
          response: { 202: SyncQueued, ...errors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const item = await ownItem(userId, request.params.id);
        if (item.status !== 'active') {
          throw new DomainError('ITEM_LOGIN_REQUIRED', 'sign in to the bank again before syncing', {
            status: item.status,
          });
        }
        const requestedAt = ctx.clock().toISOString();
        const { jobId } = await enqueueItemSync(queue(), { itemId: item.id, trigger: 'manual' });
        reply.code(202);
        return { jobId, requestedAt };
      },
    );

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
        await ownItem(userId, itemId);
        const jobs = queue();
        let since = request.query.since ? Date.parse(request.query.since) : null;
        const connectedAt = ctx.clock().getTime();
        const stream = new PassThrough();
        const send = (event: string, data: unknown) =>
          stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        let watched: string | null = null;
        const announced = new Set<string>();
        let closed = false;

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
        const checkSafely = () =>
          void check().catch((error: unknown) => {
            request.log.error({ err: error }, 'sync progress stream failed');
            stop();
          });

        const unsubscribe = jobs.onProgress((event) => {
          if (event.name !== 'sync-item' || event.progress.itemId !== itemId) return;
          const progress = SyncProgressEvent.safeParse(event.progress);
          if (!progress.success) return;
          send('progress', progress.data satisfies z.infer<typeof SyncProgressEvent>);
          if (progress.data.phase === 'done') checkSafely();
        });
        const poll = setInterval(checkSafely, PROGRESS_STREAM.pollMs);
        const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), PROGRESS_STREAM.heartbeatMs);
        const limit = setTimeout(() => stop(), PROGRESS_STREAM.maxMs);
        function stop() {
          if (closed) return;
          closed = true;
          unsubscribe();
          clearInterval(poll);
          clearInterval(heartbeat);
          clearTimeout(limit);
          stream.end();
        }
        reply.raw.once('close', stop);
        stream.write(`retry: 2000\n\n`);
        checkSafely();
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-accel-buffering', 'no')
          .send(stream);
      },
    );
  };
}
