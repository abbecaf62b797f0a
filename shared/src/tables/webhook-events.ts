import type { Db } from '../db/create-database.ts';

export async function recordWebhookEvent(
  db: Db,
  e: {
    webhookType: string;
    webhookCode: string;
    plaidItemId: string | null;
    itemId: string | null;
    bodySha256: string;
    body: unknown;
    outcome: string;
    at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('webhook_events')
    .values({
      received_at: e.at,
      webhook_type: e.webhookType,
      webhook_code: e.webhookCode,
      plaid_item_id: e.plaidItemId,
      item_id: e.itemId,
      body_sha256: e.bodySha256,
      body: JSON.stringify(e.body),
      outcome: e.outcome,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
