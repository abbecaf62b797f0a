import type { OwnerDb } from '../db/create-database.ts';
import { itemTokensAfter, replaceAccessToken } from '../tables/plaid-items.ts';
import type { TokenCipher } from './token-cipher.ts';

export interface RotationResult {
  rotated: number;
  alreadyCurrent: number;
}

/**
 * Re-encrypts every item's access token under the cipher's active key. Each row is rewritten only if
 * it still holds the envelope we read (compare-and-set), so a concurrent link or update is never lost;
 * running it twice is harmless.
 */
export async function rotateTokenKeys(
  db: OwnerDb,
  cipher: TokenCipher,
  batchSize = 500,
): Promise<RotationResult> {
  let rotated = 0;
  let alreadyCurrent = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await itemTokensAfter(db, after, batchSize);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      if (cipher.kidOf(row.access_token_encrypted) === cipher.activeKid) {
        alreadyCurrent++;
        continue;
      }
      const reencrypted = cipher.encrypt(cipher.decrypt(row.access_token_encrypted));
      if (await replaceAccessToken(db, row.id, row.access_token_encrypted, reencrypted, new Date()))
        rotated++;
    }
  }
  return { rotated, alreadyCurrent };
}
