import { createHash } from 'node:crypto';
import { DomainError, type OwnerDb } from '@finsync/shared';
import { PlaidCallError, type VerifiedWebhook, type WebhookVerifier } from '@finsync/shared/plaid';
import type { JobQueue } from '@finsync/shared/queue';
import {
  acceptWebhookTokenOnce,
  completeHostedLink,
  enqueueItemSync,
  findPlaidItemByPlaidId,
  flagItemStatus,
  type HostedLinkPlaidPort,
  type LinkDeps,
  linkTokenOwner,
  recordWebhookEvent,
  scheduleItemSync,
  setItemStatus,
  unscheduleItemSync,
} from '@finsync/shared/sync';
import type { FastifyPluginAsync } from 'fastify';

export interface PlaidWebhookOptions {
  db: OwnerDb;
  queue: JobQueue;
  verify: WebhookVerifier;
  clock?: () => Date;
  /** When set, a repaired item (LOGIN_REPAIRED) gets its periodic sync back. */
  syncIntervalHours?: number;
  /** With it, a LINK SESSION_FINISHED webhook finishes its Hosted Link session like the SPA's return would. */
  hostedLink?: Pick<LinkDeps, 'cipher' | 'webhookUrl' | 'syncIntervalHours'> & { plaid: HostedLinkPlaidPort };
}

interface PlaidWebhookBody {
  webhook_type?: unknown;
  webhook_code?: unknown;
  item_id?: unknown;
  error?: { error_code?: unknown; error_message?: unknown } | null;
  consent_expiration_time?: unknown;
  link_token?: unknown;
  status?: unknown;
}

/**
 * POST /api/v1/webhooks/plaid. Not wrapped in fastify-plugin on purpose: its raw-body JSON parser stays
 * encapsulated here. Verification comes before anything else; a forged call gets 401 and touches nothing.
 */
export const plaidWebhookRoutes: FastifyPluginAsync<PlaidWebhookOptions> = async (app, opts) => {
  const clock = opts.clock ?? (() => new Date());
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 256 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.post('/api/v1/webhooks/plaid', async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = req.headers['plaid-verification'];
    let verified: VerifiedWebhook;
    try {
      verified = await opts.verify(raw, Array.isArray(header) ? header[0] : header);
    } catch (error) {
      req.log.warn({ reason: error instanceof Error ? error.message : 'unknown' }, 'plaid webhook rejected');
      return reply
        .code(401)
        .send({ error: { code: 'WEBHOOK_UNVERIFIED', message: 'webhook signature could not be verified' } });
    }
    // Replay protection is the token's: each verified JWT (fresh by its iat, bound to this body by its
    // hash) is accepted once. Two genuine notifications with identical bodies carry different tokens.
    if (!(await acceptWebhookTokenOnce(opts.db, verified, clock()))) {
      req.log.warn('plaid webhook token replayed');
      return reply
        .code(401)
        .send({ error: { code: 'WEBHOOK_REPLAYED', message: 'this webhook token was already used' } });
    }
    let body: PlaidWebhookBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as PlaidWebhookBody;
    } catch {
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: 'body is not JSON' } });
    }
    const at = clock();
    const type = typeof body.webhook_type === 'string' ? body.webhook_type : 'UNKNOWN';
    const code = typeof body.webhook_code === 'string' ? body.webhook_code : 'UNKNOWN';
    const plaidItemId = typeof body.item_id === 'string' ? body.item_id : null;
    const sha = createHash('sha256').update(raw).digest('hex');
    if (type === 'LINK' && code === 'SESSION_FINISHED') {
      const { outcome, itemId } = await finishHostedSession(opts, body, clock);
      await recordWebhookEvent(opts.db, {
        webhookType: type,
        webhookCode: code,
        plaidItemId: null,
        itemId,
        bodySha256: sha,
        body: withoutLinkSecrets(body),
        outcome,
        at,
      });
      return reply.code(200).send({ received: true });
    }
    const item = plaidItemId ? await findPlaidItemByPlaidId(opts.db, plaidItemId) : undefined;

    let outcome = 'ignored';
    if (!item) outcome = 'unknown_item';
    else if (type === 'TRANSACTIONS' && code === 'SYNC_UPDATES_AVAILABLE') {
      // Deduplicated per item (BullMQ deduplication, keepLastIfActive): a burst queues at most one sync,
      // and one arriving while a sync runs queues exactly one follow-up.
      if (item.status === 'active') {
        await enqueueItemSync(opts.queue, { itemId: item.id, trigger: 'webhook' });
        outcome = 'sync_queued';
      } else outcome = 'item_not_active';
    } else if (type === 'ITEM') {
      outcome = await applyItemWebhook(opts, item, code, body, at);
    }
    await recordWebhookEvent(opts.db, {
      webhookType: type,
      webhookCode: code,
      plaidItemId,
      itemId: item?.id ?? null,
      bodySha256: sha,
      body,
      outcome,
      at,
    });
    return reply.code(200).send({ received: true });
  });
};

/**
 * Completes the Hosted Link session a SESSION_FINISHED webhook names, for the user who asked for its link
 * token. Idempotent with the SPA's POST /items/hosted-link/complete: whichever comes second is a no-op.
 */
async function finishHostedSession(
  opts: PlaidWebhookOptions,
  body: PlaidWebhookBody,
  clock: () => Date,
): Promise<{ outcome: string; itemId: string | null }> {
  const linkToken = typeof body.link_token === 'string' ? body.link_token : null;
  const userId = linkToken ? await linkTokenOwner(opts.db, linkToken) : undefined;
  if (!linkToken || !userId) return { outcome: 'unknown_link_token', itemId: null };
  if (body.status !== 'SUCCESS') return { outcome: 'link_exited', itemId: null };
  if (!opts.hostedLink) return { outcome: 'hosted_link_unconfigured', itemId: null };
  try {
    // Never waits for the other path: if the SPA is exchanging this session's token right now, it finishes it.
    const result = await completeHostedLink(
      { ...opts.hostedLink, db: opts.db, queue: opts.queue, clock },
      { userId, linkToken, waitMs: 0 },
    );
    return {
      outcome: result.completedNow ? 'hosted_link_completed' : 'hosted_link_already_completed',
      itemId: result.itemIds[0] ?? null,
    };
  } catch (error) {
    // States the app has already reached, or will reach through the SPA: answered 200, recorded as such.
    if (error instanceof DomainError && error.code === 'CONFLICT') {
      const reason = (error.details as { reason?: string } | undefined)?.reason;
      // Plaid says SUCCESS but /link/token/get has no public token yet: the SPA's call can still finish it.
      return {
        outcome: reason === 'LINK_IN_PROGRESS' ? 'link_in_progress' : 'link_not_finished',
        itemId: null,
      };
    }
    // Spent before finsync recorded exchanges (or by another client): nothing left to do here.
    if (error instanceof PlaidCallError && error.failure.code === 'INVALID_PUBLIC_TOKEN')
      return { outcome: 'public_token_spent', itemId: null };
    throw error;
  }
}

/** Link and public tokens are credentials; the stored webhook body keeps neither. */
function withoutLinkSecrets(body: PlaidWebhookBody): Record<string, unknown> {
  const {
    link_token: _link,
    public_token: _public,
    public_tokens: _publics,
    ...rest
  } = body as Record<string, unknown>;
  return rest;
}

async function applyItemWebhook(
  opts: PlaidWebhookOptions,
  item: { id: string; user_id: string; institution_name: string | null },
  code: string,
  body: PlaidWebhookBody,
  at: Date,
): Promise<string> {
  const ref = { id: item.id, userId: item.user_id, institutionName: item.institution_name };
  const errorCode = typeof body.error?.error_code === 'string' ? body.error.error_code : null;
  const needsUser = async (
    status: 'login_required' | 'pending_expiration' | 'permission_revoked',
    extra = {},
  ) => {
    const changed = await flagItemStatus(
      opts.db,
      ref,
      status,
      at,
      { code: errorCode ?? code, message: code },
      extra,
    );
    await unscheduleItemSync(opts.queue, item.id);
    return changed ? `status_${status}` : 'status_unchanged';
  };
  if (code === 'ERROR' && errorCode === 'ITEM_LOGIN_REQUIRED') return needsUser('login_required');
  if (code === 'PENDING_EXPIRATION' || code === 'PENDING_DISCONNECT') {
    const expires =
      typeof body.consent_expiration_time === 'string' ? new Date(body.consent_expiration_time) : null;
    return needsUser('pending_expiration', { consentExpiresAt: expires });
  }
  if (code === 'USER_PERMISSION_REVOKED' || code === 'USER_ACCOUNT_REVOKED')
    return needsUser('permission_revoked');
  if (code === 'LOGIN_REPAIRED') {
    await setItemStatus(opts.db, item.id, 'active', at);
    if (opts.syncIntervalHours) await scheduleItemSync(opts.queue, item.id, opts.syncIntervalHours);
    await enqueueItemSync(opts.queue, { itemId: item.id, trigger: 'webhook' });
    return 'status_active';
  }
  return 'recorded';
}
