import { CountryCode, type LinkTokenCreateRequest, type PlaidApi, Products } from 'plaid';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import type { Db } from '../db/create-database.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../plaid/with-retry.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { rememberLinkToken } from './complete-hosted-link.ts';
import { upsertAccounts } from './store/accounts.ts';
import { recordBalanceSnapshots } from './store/balance-snapshots.ts';
import { findPlaidItem, insertPlaidItem, type PlaidItem, setItemStatus } from './store/plaid-items.ts';
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

/**
 * Exchanges Link's public token: stores the access token encrypted, fetches the institution and accounts,
 * calls /transactions/sync once (which arms Plaid's SYNC_UPDATES_AVAILABLE webhooks), then queues the
 * historical sync and the item's periodic schedule.
 */
export async function exchangePublicToken(
  deps: LinkDeps,
  input: { userId: string; publicToken: string },
): Promise<PlaidItem> {
  const retry = deps.retry ?? defaultRetryPolicy;
  const { data: exchange } = await withRetry(
    () => deps.plaid.itemPublicTokenExchange({ public_token: input.publicToken }),
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
    await upsertAccounts(
      trx,
      { userId: input.userId, itemId: row.id },
      accounts.accounts.map(toSyncedAccount),
      at,
    );
    await recordBalanceSnapshots(trx, row.id, at.toISOString().slice(0, 10));
    return row;
  });
  // The page is discarded: the historical sync fetches everything from the start in one crash-safe run.
  await withRetry(() => deps.plaid.transactionsSync({ access_token: accessToken, count: 1 }), retry);
  await enqueueItemSync(deps.queue, { itemId: item.id, trigger: 'initial' });
  await scheduleItemSync(deps.queue, item.id, deps.syncIntervalHours);
  return item;
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
