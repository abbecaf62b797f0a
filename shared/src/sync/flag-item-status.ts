import type { Db } from '../db/create-database.ts';
import type { ItemStatus } from '../db/database.ts';
import { recordNotification } from '../tables/notifications.ts';
import { setItemStatus } from '../tables/plaid-items.ts';

/** The statuses that need the user: each asks them to sign in to the bank again. */
const NEEDS_REAUTH: ReadonlySet<ItemStatus> = new Set([
  'login_required',
  'pending_expiration',
  'permission_revoked',
]);

/**
 * Moves an item to a status that needs the user and records the notification the mailer sends, in one
 * transaction. Returns true on a transition (the caller then stops the item's schedule); repeats are no-ops.
 */
export async function flagItemStatus(
  db: Db,
  item: { id: string; userId: string; institutionName: string | null },
  status: ItemStatus,
  at: Date,
  error: { code: string; message: string } | null,
  extra: { consentExpiresAt?: Date | null } = {},
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changed = await setItemStatus(trx, item.id, status, at, error, extra);
    if (changed && NEEDS_REAUTH.has(status)) {
      await recordNotification(trx, {
        userId: item.userId,
        kind: 'reauth_required',
        // One notification per transition into this status.
        idempotencyKey: `reauth_required:${status}:${item.id}:${at.toISOString()}`,
        payload: { itemId: item.id, institutionName: item.institutionName, code: error?.code ?? status },
      });
    }
    return changed;
  });
}
