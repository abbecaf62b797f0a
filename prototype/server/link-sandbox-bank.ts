import type { TokenCipher } from '@finsync/shared/crypto';
import { withRetry } from '@finsync/shared/plaid';
import { type SyncedAccount, toSyncedAccount } from '@finsync/shared/sync';
import { CountryCode, type PlaidApi, Products } from 'plaid';
import type { PrototypeItem } from './prototype-data.ts';

export type LinkSandboxPlaid = Pick<
  PlaidApi,
  'sandboxPublicTokenCreate' | 'itemPublicTokenExchange' | 'itemGet' | 'institutionsGetById' | 'accountsGet'
>;

/** Plaid's sandbox test bank ("First Platypus Bank"); the emulator serves the same id. */
export const SANDBOX_INSTITUTION_ID = 'ins_109508';

/**
 * Links a sandbox bank without Link's UI: /sandbox/public_token/create, then the same public-token exchange a
 * real Link flow ends with. The access token leaves this function only encrypted.
 */
export async function linkSandboxBank(
  plaid: LinkSandboxPlaid,
  cipher: TokenCipher,
  now: Date,
): Promise<{ item: PrototypeItem; accounts: SyncedAccount[] }> {
  const { data: created } = await withRetry(() =>
    plaid.sandboxPublicTokenCreate({
      institution_id: SANDBOX_INSTITUTION_ID,
      initial_products: [Products.Transactions],
      options: { transactions: { days_requested: 730 } },
    }),
  );
  const { data: exchange } = await withRetry(() =>
    plaid.itemPublicTokenExchange({ public_token: created.public_token }),
  );
  const accessToken = exchange.access_token;
  const { data: info } = await withRetry(() => plaid.itemGet({ access_token: accessToken }));
  let institutionName = info.item.institution_name ?? null;
  const institutionId = info.item.institution_id ?? null;
  if (!institutionName && institutionId) {
    const { data } = await withRetry(() =>
      plaid.institutionsGetById({ institution_id: institutionId, country_codes: [CountryCode.Us] }),
    );
    institutionName = data.institution.name;
  }
  const { data: accounts } = await withRetry(() => plaid.accountsGet({ access_token: accessToken }));
  return {
    item: {
      itemId: exchange.item_id,
      institutionName,
      accessTokenEncrypted: cipher.encrypt(accessToken),
      cursor: null,
      updateStatus: null,
      linkedAt: now.toISOString(),
      lastSyncedAt: null,
    },
    accounts: accounts.accounts.map(toSyncedAccount),
  };
}
