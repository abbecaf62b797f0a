import type { UserDb } from '@finsync/shared';
import { createRule, recordCorrection } from '@finsync/shared/categorize-service';

/**
 * A person moved these transactions to `categoryId`: each one whose category actually changes is recorded as a
 * correction (the learned merchant map and model learn from it). A rule the engine proposes after repeated
 * corrections is stored disabled, as a suggestion (origin 'suggested'), for the user to accept or dismiss.
 * Runs inside the caller's transaction, before the edit itself is written.
 */
export async function learnFromEdits(
  trx: UserDb,
  userId: string,
  transactionIds: readonly string[],
  categoryId: string,
  now: Date,
): Promise<void> {
  if (transactionIds.length === 0) return;
  const changing = await trx
    .selectFrom('transactions')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', 'in', [...transactionIds])
    .where((eb) => eb.or([eb('category_id', 'is', null), eb('category_id', '!=', categoryId)]))
    .execute();
  for (const { id } of changing) {
    const { suggestion } = await recordCorrection(trx, userId, { transactionId: id, categoryId }, { now });
    if (suggestion) await createRule(trx, userId, { ...suggestion.rule, enabled: false }, 'suggested');
  }
}
