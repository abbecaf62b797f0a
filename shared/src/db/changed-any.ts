import type { DeleteResult, UpdateResult } from 'kysely';

/**
 * Runs an UPDATE or a DELETE and answers whether it changed a row: for a compare-and-set, whether the row was
 * still as its conditions expected.
 */
export async function changedAny(query: {
  executeTakeFirst(): Promise<UpdateResult | DeleteResult>;
}): Promise<boolean> {
  const result = await query.executeTakeFirst();
  return ('numUpdatedRows' in result ? result.numUpdatedRows : result.numDeletedRows) > 0n;
}
