import type { Db } from '../db/create-database.ts';

/**
 * Replay protection for Plaid webhooks: records a verified token (by hash) and answers whether this is
 * its first use. Tokens are kept until they expire (they could not pass verification after), and expired
 * ones are swept on the way.
 */
export async function acceptWebhookTokenOnce(
  db: Db,
  token: { tokenSha256: string; issuedAt: Date; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  await db.deleteFrom('webhook_verifications').where('expires_at', '<', now).execute();
  const inserted = await db
    .insertInto('webhook_verifications')
    .values({ token_sha256: token.tokenSha256, issued_at: token.issuedAt, expires_at: token.expiresAt })
    .onConflict((oc) => oc.column('token_sha256').doNothing())
    .returning('token_sha256')
    .executeTakeFirst();
  return inserted !== undefined;
}
