import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** Where the database announces a user's version change, the user's id as payload (migration 2026_11_29_2320). */
export const LEDGER_CHANGED_CHANNEL = 'finsync_ledger_changed';

/**
 * The user's ledger data version: bumped by the triggers of migration 2026_11_29_1945_cash_flow_rollups in
 * every transaction that changes transactions, splits, categories, accounts, the user's zone or currency
 * (and reports, 2026_11_29_2005_report_versions). 0 before the first write. Only the triggers write it.
 */
export async function ledgerVersion(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_versions')
    .select('version')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.version ?? 0;
}
