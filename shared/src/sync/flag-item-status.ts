import type { Db } from '../db/create-database.ts';
import type { ItemStatus } from '../db/database.ts';
import { recordNotification } from '../tables/notifications.ts';
import { setItemStatus } from '../tables/plaid-items.ts';

const NOTIFY: Partial<Record<ItemStatus, string>> = {
  login_required: 'item_login_required',
  pending_expiration: 'item_pending_expiration',
  permission_revoked: 'item_permission_revoked',
};

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
    const kind = NOTIFY[status];
    if (changed && kind) {
      await recordNotification(trx, {
        userId: item.userId,
        kind,
        // One notification per transition into this status.
        idempotencyKey: `${kind}:${item.id}:${at.toISOString()}`,
        payload: { itemId: item.id, institutionName: item.institutionName, code: error?.code ?? status },
      });
    }
    return changed;
  });
}
