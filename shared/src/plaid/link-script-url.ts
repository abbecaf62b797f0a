/**
 * The Link script the browser must load instead of Plaid's, or null for Plaid's own (sandbox, production:
 * Plaid requires its script be loaded from Plaid, which react-plaid-link does). Offline (PLAID_ENV=emulator)
 * it is the emulator's stand-in, served at the same path as Plaid's; PLAID_LINK_SCRIPT_URL overrides both
 * (e.g. when the browser reaches the emulator at another address than the API does).
 */
export function linkScriptUrl(config: {
  PLAID_ENV: 'emulator' | 'sandbox' | 'production';
  PLAID_EMULATOR_URL: string;
  PLAID_LINK_SCRIPT_URL?: string | undefined;
}): string | null {
  if (config.PLAID_LINK_SCRIPT_URL) return config.PLAID_LINK_SCRIPT_URL;
  if (config.PLAID_ENV !== 'emulator') return null;
  return new URL('/link/v2/stable/link-initialize.js', config.PLAID_EMULATOR_URL).toString();
}
