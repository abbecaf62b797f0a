import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// 0310 gave the list's payee sort one index per direction, because ties are newest first both ways and a
// backward scan of the ascending index (user_id, payee key, date DESC, id DESC) yields ties oldest first. But
// PostgreSQL's Incremental Sort takes rows already in payee order and sorts only each payee's own rows: a
// page of -payee reads the ascending index backward and orders the ties of the payees it touches (the plan
// has no full Sort; a page is still not a sort of all the user's rows). Measured on 100k rows of one user,
// ~250 per payee: the first page and a page after a cursor, 1.7–2.1 ms (ascending, straight off the index:
// 0.45 ms). The second index cost every row written ~135 ms per 50,000 (a sync's history commit), for a
// sort order the list rarely asks for.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX transactions_payee_sort_desc_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX transactions_payee_sort_desc_idx ON transactions
      (user_id, (lower(coalesce(coalesce(payee, merchant_name, raw_name), '')) COLLATE "C") DESC, date DESC, id DESC)
  `.execute(db);
}
