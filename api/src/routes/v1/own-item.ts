import { NotFoundError, withUser } from '@finsync/shared';
import { accountQuery } from '@finsync/shared/ledger';
import type { AppContext } from '../../app.ts';

/** The caller's connection (not removed), read under row-level security; anything else is 404. */
export async function ownItem(ctx: AppContext, userId: string, itemId: string) {
  const item = await withUser(ctx.db, userId, (trx) => accountQuery.item(trx, userId, itemId));
  if (!item || item.status === 'removed') throw new NotFoundError('item', itemId);
  return item;
}
