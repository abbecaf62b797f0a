import { DomainError, NotFoundError } from '@finsync/shared';
import {
  ExchangeRequest,
  ExchangeResponse,
  HostedLinkCompleteRequest,
  HostedLinkCompleteResponse,
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
import type { z } from 'zod';
import { ownItem as ownItemOf } from './own-item.ts';
import { syncProgressRoutes } from './sync-progress-stream.ts';
import { USER_ERRORS, userRoutes } from './user-routes.ts';

/** Bank connections: Plaid Link (new and update mode), exchange, removal, sync now and its progress stream. */
export const itemRoutes = userRoutes(
  async ({ withoutTransaction }, ctx, app) => {
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
    /** A Link token for a new connection, or in update mode for `itemId`; Hosted Link when asked. */
    const linkToken = async (userId: string, body: z.output<typeof LinkTokenRequest>, itemId?: string) => {
      const redirectUri = onAppOrigin('redirectUri', body.redirectUri);
      const completionRedirectUri = onAppOrigin('completionRedirectUri', body.completionRedirectUri);
      // Offline, the emulator's Hosted Link page stands in for Plaid's Link script, which cannot load.
      const hosted = body.hostedLink === true || ctx.config.PLAID_ENV === 'emulator';
      const token = await createLinkToken(plaidDeps, {
        userId,
        ...(itemId ? { itemId } : {}),
        ...(redirectUri ? { redirectUri } : {}),
        ...(hosted ? { hostedLink: completionRedirectUri ? { completionRedirectUri } : {} } : {}),
      });
      return { ...token, linkScriptUrl: linkScriptUrl(ctx.config) };
    };

    withoutTransaction(
      'POST /items/link-token',
      {
        summary: 'Link token for a new bank connection (hostedLinkUrl with Hosted Link)',
        body: LinkTokenRequest,
        response: LinkTokenResponse,
      },
      ({ userId, body }) => linkToken(userId, body),
    );
    withoutTransaction(
      'POST /items/exchange',
      {
        summary:
          "Exchange Link's public token: stores the connection, its accounts, and queues the first sync",
        body: ExchangeRequest,
        response: ExchangeResponse,
        status: 201,
      },
      async ({ userId, body }) => {
        let stored: Awaited<ReturnType<typeof exchangePublicToken>>;
        try {
          stored = await exchangePublicToken(linkDeps(), { userId, publicToken: body.publicToken });
        } catch (error) {
          if (error instanceof PlaidCallError && error.failure.code === 'INVALID_PUBLIC_TOKEN') {
            throw new DomainError('VALIDATION_FAILED', 'the public token is not valid or has expired', [
              { path: 'body.publicToken', message: 'not valid or expired' },
            ]);
          }
          throw error;
        }
        return { item: await ownItem(userId, stored.id) };
      },
    );
    withoutTransaction(
      'POST /items/hosted-link/complete',
      {
        summary:
          'After Hosted Link returned to the app: exchanges the finished session and queues the first sync (once per link token)',
        body: HostedLinkCompleteRequest,
        response: HostedLinkCompleteResponse,
      },
      async ({ userId, body: { linkToken }, asUser }) => {
        // Under row-level security first: another user's token is a 404 before anything else runs.
        const owner = await asUser((trx) => linkTokenOwner(trx, linkToken));
        if (owner !== userId) throw new NotFoundError('link session');
        const result = await completeHostedLink(linkDeps(), { userId, linkToken });
        const items = await asUser(async (trx) => {
          const found = await Promise.all(result.itemIds.map((id) => accountQuery.item(trx, userId, id)));
          return found.filter(
            (item): item is NonNullable<typeof item> => item !== undefined && item.status !== 'removed',
          );
        });
        return { items, completedNow: result.completedNow };
      },
    );
    withoutTransaction(
      'POST /items/:id/link-token',
      {
        summary: 'Link token in update mode, to sign in to the bank again',
        body: LinkTokenRequest.nullish(),
        response: LinkTokenResponse,
      },
      async ({ userId, params, body }) => {
        await ownItem(userId, params.id);
        return linkToken(userId, body ?? {}, params.id);
      },
    );
    withoutTransaction(
      'POST /items/:id/repaired',
      {
        summary: 'After update mode succeeded: the connection is active again and a catch-up sync is queued',
        response: Item,
      },
      async ({ userId, params }) => {
        await ownItem(userId, params.id);
        await completeItemRepair(linkDeps(), { userId, itemId: params.id });
        return ownItem(userId, params.id);
      },
    );
    withoutTransaction(
      'DELETE /items/:id',
      { summary: 'Remove a bank connection at Plaid; its history stays, no more syncs', response: Ok },
      async ({ userId, params, asUser }) => {
        const item = await asUser((trx) => findLiveUserItem(trx, userId, params.id));
        if (!item) throw new NotFoundError('item', params.id);
        // Plaid first: if it refuses, the connection stays as it was and the user can retry.
        await ctx.plaidItems.removeItem({ id: item.id, accessTokenEncrypted: item.access_token_encrypted });
        await setItemStatus(ctx.db, item.id, 'removed', ctx.clock());
        if (ctx.queue) await unscheduleItemSync(ctx.queue, item.id);
        return { ok: true as const };
      },
    );
    withoutTransaction(
      'POST /items/:id/sync',
      { summary: 'Sync now (at most one queued sync per connection)', response: SyncQueued, status: 202 },
      async ({ userId, params }) => {
        const item = await ownItem(userId, params.id);
        if (item.status !== 'active') {
          throw new DomainError('ITEM_LOGIN_REQUIRED', 'sign in to the bank again before syncing', {
            status: item.status,
          });
        }
        const requestedAt = ctx.clock().toISOString();
        const { jobId } = await enqueueItemSync(queue(), { itemId: item.id, trigger: 'manual' });
        return { jobId, requestedAt };
      },
    );

    await app.register(syncProgressRoutes(ctx));
  },
  // Linking and syncing need the job queue: without one they answer 503.
  { errors: [...USER_ERRORS, 503] },
);
