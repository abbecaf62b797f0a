import { Configuration, PlaidApi, PlaidEnvironments } from 'plaid';
import type { CommonConfig } from '../config/schemas.ts';

export type PlaidClientConfig = Pick<
  CommonConfig,
  'PLAID_ENV' | 'PLAID_CLIENT_ID' | 'PLAID_SECRET' | 'PLAID_EMULATOR_URL' | 'PLAID_TIMEOUT_MS'
>;

/** The Plaid SDK client for the configured environment; the emulator speaks the same API at its own URL. */
export function createPlaidClient(cfg: PlaidClientConfig): PlaidApi {
  const basePath =
    cfg.PLAID_ENV === 'emulator'
      ? cfg.PLAID_EMULATOR_URL.replace(/\/$/, '')
      : PlaidEnvironments[cfg.PLAID_ENV];
  return new PlaidApi(
    new Configuration({
      basePath,
      baseOptions: {
        timeout: cfg.PLAID_TIMEOUT_MS,
        headers: {
          'PLAID-CLIENT-ID': cfg.PLAID_CLIENT_ID,
          'PLAID-SECRET': cfg.PLAID_SECRET,
          'Plaid-Version': '2020-09-14',
        },
      },
    }),
  );
}
