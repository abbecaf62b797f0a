import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// GET /transactions?sort=payee|-payee orders a user's rows by the payee shown, lower-cased by code point, ties
// newest first (transaction-order.ts). With no index in that order every page sorted all of the user's rows.
// Ties are newest first in both directions, so one index cannot serve both (its backward scan would give ties
// oldest first): one index per direction, each on exactly the list's key expression.

const PAYEE_KEY = `lower(coalesce(coalesce(payee, merchant_name, raw_name), '')) COLLATE "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, direction] of [
    ['transactions_payee_sort_idx', 'ASC'],
    ['transactions_payee_sort_desc_idx', 'DESC'],
  ] as const) {
    await sql
      .raw(`CREATE INDEX ${name} ON transactions (user_id, (${PAYEE_KEY}) ${direction}, date DESC, id DESC)`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS transactions_payee_sort_desc_idx`).execute(db);
  await sql.raw(`DROP INDEX IF EXISTS transactions_payee_sort_idx`).execute(db);
}
