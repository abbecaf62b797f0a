import { createHash } from 'node:crypto';
import type { LinkTokenGetResponse, PlaidApi } from 'plaid';
import type { Db } from '../db/create-database.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { defaultRetryPolicy, withRetry } from '../plaid/with-retry.ts';
import { exchangePublicToken, type LinkDeps, type LinkPlaidPort } from './link-item.ts';

export type HostedLinkPlaidPort = LinkPlaidPort & Pick<PlaidApi, 'linkTokenGet'>;

export interface HostedLinkResult {
  itemIds: string[];
  /** False when an earlier call (the browser's return or the SESSION_FINISHED webhook) already finished it. */
  completedNow: boolean;
}

/** The key a link token is remembered under: the token itself is never stored. */
export function linkTokenKey(linkToken: string): string {
  return createHash('sha256').update(linkToken).digest('hex');
}

/** Remembers a Link token for the user who asked for it, so only they can finish its Hosted Link session. */
export async function rememberLinkToken(
  db: Db,
  input: { userId: string; linkToken: string; hosted: boolean; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('link_sessions')
    .values({
      user_id: input.userId,
      link_token_sha256: linkTokenKey(input.linkToken),
      hosted: input.hosted,
      expires_at: input.expiresAt,
    })
    .onConflict((oc) => oc.column('link_token_sha256').doNothing())
    .execute();
}

/**
 * The public tokens of a Link token's successful sessions, in session order: each session's
 * `results.item_add_results[].public_token`, or its deprecated `on_success.public_token`.
 */
export function finishedPublicTokens(response: Pick<LinkTokenGetResponse, 'link_sessions'>): string[] {
  const tokens: string[] = [];
  for (const session of response.link_sessions ?? []) {
    const added = session.results?.item_add_results ?? [];
    if (added.length > 0) tokens.push(...added.map((r) => r.public_token));
    else if (session.on_success?.public_token) tokens.push(session.on_success.public_token);
  }
  return [...new Set(tokens)];
}

/**
 * Finishes a Link session the user started (Hosted Link, or the LINK SESSION_FINISHED webhook of any
 * session): reads its public token(s) from /link/token/get and exchanges each like react-plaid-link's
 * onSuccess would. Safe to call from both paths at once and again later: each public token is exchanged
 * once (exchangePublicToken claims it), and the session is marked complete once. It opens no transaction
 * around Plaid calls or around the exchange (which commits its own), so nothing nests on one connection.
 */
export async function completeHostedLink(
  deps: Omit<LinkDeps, 'plaid'> & { plaid: HostedLinkPlaidPort; db: Db },
  input: { userId: string; linkToken: string; waitMs?: number },
): Promise<HostedLinkResult> {
  const key = linkTokenKey(input.linkToken);
  const session = await deps.db
    .selectFrom('link_sessions')
    .select(['id', 'completed_at', 'item_ids'])
    .where('link_token_sha256', '=', key)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (!session) throw new NotFoundError('link session');
  if (session.completed_at) return { itemIds: session.item_ids, completedNow: false };

  const { data } = await withRetry(
    () => deps.plaid.linkTokenGet({ link_token: input.linkToken }),
    deps.retry ?? defaultRetryPolicy,
  );
  const publicTokens = finishedPublicTokens(data);
  if (publicTokens.length === 0) {
    throw new DomainError('CONFLICT', 'the bank link has not been completed yet', {
      reason: 'LINK_NOT_FINISHED',
    });
  }
  const itemIds: string[] = [];
  for (const publicToken of publicTokens) {
    const item = await exchangePublicToken(deps, {
      userId: input.userId,
      publicToken,
      ...(input.waitMs !== undefined ? { waitMs: input.waitMs } : {}),
    });
    itemIds.push(item.id);
  }
  const marked = await deps.db
    .updateTable('link_sessions')
    .set({ completed_at: deps.clock(), item_ids: itemIds })
    .where('id', '=', session.id)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return { itemIds, completedNow: marked.numUpdatedRows > 0n };
}

/** The user who asked for a link token, if finsync made it (for the SESSION_FINISHED webhook). */
export async function linkTokenOwner(db: Db, linkToken: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('link_sessions')
    .select('user_id')
    .where('link_token_sha256', '=', linkTokenKey(linkToken))
    .executeTakeFirst();
  return row?.user_id;
}
