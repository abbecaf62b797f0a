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
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';
import { ownItem as ownItemOf } from './own-item.ts';
import { syncProgressRoutes } from './sync-progress-stream.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

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
    const ownItem = (userId: string, itemId: string) => ownItemOf(ctx, userId, itemId);
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

    await app.register(syncProgressRoutes(ctx));
  };
}
