import { setTimeout as sleep } from 'node:timers/promises';
import { CountryCode, type LinkTokenCreateRequest, type PlaidApi, Products } from 'plaid';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import type { Db } from '../db/create-database.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../plaid/with-retry.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import {
  claimPublicToken,
  publicTokenKey,
  recordExchangedItem,
  releasePublicToken,
} from '../tables/link-exchanges.ts';
import { findPlaidItem, insertPlaidItem, type PlaidItem, setItemStatus } from '../tables/plaid-items.ts';
import { rememberLinkToken } from './complete-hosted-link.ts';
import { storeItemAccounts } from './store-item-accounts.ts';
import { enqueueItemSync, scheduleItemSync } from './sync-jobs.ts';
import { toSyncedAccount } from './synced-records.ts';

export type LinkPlaidPort = Pick<
  PlaidApi,
  | 'linkTokenCreate'
  | 'itemPublicTokenExchange'
  | 'itemGet'
  | 'institutionsGetById'
  | 'accountsGet'
  | 'transactionsSync'
>;

export interface LinkDeps {
  db: Db;
  plaid: LinkPlaidPort;
  cipher: TokenCipher;
  queue: JobQueue;
  clock: () => Date;
  webhookUrl?: string | undefined;
  syncIntervalHours: number;
  retry?: RetryPolicy;
}

/**
 * A Link token for a new connection, or for update mode (re-authentication) when `itemId` is given.
 * `hostedLink` asks Plaid for a Hosted Link URL (the user completes Link on Plaid's page, e.g. from an email).
 */
export async function createLinkToken(
  deps: Pick<LinkDeps, 'db' | 'plaid' | 'cipher' | 'webhookUrl' | 'retry'>,
  input: {
    userId: string;
    itemId?: string;
    redirectUri?: string;
    hostedLink?: { completionRedirectUri?: string };
  },
): Promise<{ linkToken: string; expiration: string; hostedLinkUrl: string | null }> {
  const request: LinkTokenCreateRequest = {
    user: { client_user_id: input.userId },
    client_name: 'finsync',
    language: 'en',
    country_codes: [CountryCode.Us],
    ...(deps.webhookUrl ? { webhook: deps.webhookUrl } : {}),
    ...(input.redirectUri ? { redirect_uri: input.redirectUri } : {}),
    ...(input.hostedLink
      ? {
          hosted_link: input.hostedLink.completionRedirectUri
            ? { completion_redirect_uri: input.hostedLink.completionRedirectUri }
            : {},
        }
      : {}),
  };
  if (input.itemId) {
    const item = await findPlaidItem(deps.db, input.itemId);
    if (!item || item.user_id !== input.userId) throw new NotFoundError('plaid item', input.itemId);
    request.access_token = deps.cipher.decrypt(item.access_token_encrypted); // update mode: no products
  } else {
    request.products = [Products.Transactions];
    request.transactions = { days_requested: 730 };
  }
  const { data } = await withRetry(
    () => deps.plaid.linkTokenCreate(request),
    deps.retry ?? defaultRetryPolicy,
  );
  if (!input.itemId) {
    await rememberLinkToken(deps.db, {
      userId: input.userId,
      linkToken: data.link_token,
      hosted: input.hostedLink !== undefined,
      expiresAt: new Date(data.expiration),
    });
  }
  return {
    linkToken: data.link_token,
    expiration: data.expiration,
    hostedLinkUrl: data.hosted_link_url ?? null,
  };
}

/** A claim with no item after this long belongs to a process that died mid-exchange. */
const STALE_CLAIM_MS = 5 * 60_000;
const CLAIM_POLL_MS = 100;

/**
 * Exchanges Link's public token: stores the access token encrypted, fetches the institution and accounts,
 * calls /transactions/sync once (which arms Plaid's SYNC_UPDATES_AVAILABLE webhooks), then queues the
 * historical sync and the item's periodic schedule.
 *
 * Idempotent per public token, whichever path calls first (the SPA's exchange, its Hosted Link return, the
 * LINK SESSION_FINISHED webhook): the token is claimed before Plaid is called; a later call returns the item
 * the first one stored, and a call during the first one waits up to `waitMs` for it (then LINK_IN_PROGRESS).
 * No transaction is held while Plaid answers: the item, its accounts and the claim commit together at the end.
 */
export async function exchangePublicToken(
  deps: LinkDeps,
  input: { userId: string; publicToken: string; waitMs?: number },
): Promise<PlaidItem> {
  const key = publicTokenKey(input.publicToken);
  const waitUntil = Date.now() + (input.waitMs ?? 20_000);
  for (;;) {
    const at = deps.clock();
    const claim = await claimPublicToken(deps.db, {
      key,
      userId: input.userId,
      at,
      staleBefore: new Date(at.getTime() - STALE_CLAIM_MS),
    });
    if (claim.kind === 'claimed') break;
    if (claim.kind === 'not_yours') throw new NotFoundError('public token');
    if (claim.kind === 'exchanged') {
      const item = await findPlaidItem(deps.db, claim.itemId);
      if (!item || item.user_id !== input.userId) throw new NotFoundError('plaid item', claim.itemId);
      return item;
    }
    if (Date.now() >= waitUntil) {
      throw new DomainError('CONFLICT', 'this bank connection is still being saved; try again shortly', {
        reason: 'LINK_IN_PROGRESS',
      });
    }
    await sleep(CLAIM_POLL_MS);
  }
  let fetched: Awaited<ReturnType<typeof fetchNewItem>>;
  try {
    fetched = await fetchNewItem(deps, input.publicToken);
  } catch (error) {
    await releasePublicToken(deps.db, key);
    throw error;
  }
  const { exchange, itemInfo, institutionId, institutionName, accounts } = fetched;
  const accessToken = exchange.access_token;
  const at = deps.clock();
  const item = await deps.db.transaction().execute(async (trx) => {
    const row = await insertPlaidItem(trx, {
      user_id: input.userId,
      plaid_item_id: exchange.item_id,
      access_token_encrypted: deps.cipher.encrypt(accessToken),
      institution_id: institutionId,
      institution_name: institutionName,
      webhook_url: deps.webhookUrl ?? null,
      consent_expires_at: itemInfo.item.consent_expiration_time
        ? new Date(itemInfo.item.consent_expiration_time)
        : null,
    });
    await storeItemAccounts(
      trx,
      { userId: input.userId, itemId: row.id },
      accounts.accounts.map(toSyncedAccount),
      at,
    );
    await recordExchangedItem(trx, key, row.id, at);
    return row;
  });
  // The page is discarded: the historical sync fetches everything from the start in one crash-safe run.
  const retry = deps.retry ?? defaultRetryPolicy;
  await withRetry(() => deps.plaid.transactionsSync({ access_token: accessToken, count: 1 }), retry);
  await enqueueItemSync(deps.queue, { itemId: item.id, trigger: 'initial' });
  await scheduleItemSync(deps.queue, item.id, deps.syncIntervalHours);
  return item;
}

/** Plaid's side of a new connection: the exchange, the item, its institution's name and its accounts. */
async function fetchNewItem(deps: LinkDeps, publicToken: string) {
  const retry = deps.retry ?? defaultRetryPolicy;
  const { data: exchange } = await withRetry(
    () => deps.plaid.itemPublicTokenExchange({ public_token: publicToken }),
    retry,
  );
  const accessToken = exchange.access_token;
  const { data: itemInfo } = await withRetry(() => deps.plaid.itemGet({ access_token: accessToken }), retry);
  const institutionId = itemInfo.item.institution_id ?? null;
  let institutionName: string | null = itemInfo.item.institution_name ?? null;
  if (institutionId && !institutionName) {
    const { data } = await withRetry(
      () =>
        deps.plaid.institutionsGetById({ institution_id: institutionId, country_codes: [CountryCode.Us] }),
      retry,
    );
    institutionName = data.institution.name;
  }
  const { data: accounts } = await withRetry(
    () => deps.plaid.accountsGet({ access_token: accessToken }),
    retry,
  );
  return { exchange, itemInfo, institutionId, institutionName, accounts };
}

/**
 * After the user finished Link in update mode (re-authentication): the item is active again, gets its
 * periodic sync back, and a sync is queued to catch up on what was missed.
 */
export async function completeItemRepair(
  deps: Pick<LinkDeps, 'db' | 'queue' | 'clock' | 'syncIntervalHours'>,
  input: { userId: string; itemId: string },
): Promise<void> {
  const item = await findPlaidItem(deps.db, input.itemId);
  if (!item || item.user_id !== input.userId) throw new NotFoundError('plaid item', input.itemId);
  await setItemStatus(deps.db, item.id, 'active', deps.clock());
  await scheduleItemSync(deps.queue, item.id, deps.syncIntervalHours);
  await enqueueItemSync(deps.queue, { itemId: item.id, trigger: 'manual' });
}
