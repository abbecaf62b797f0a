import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// Undo of a recategorization (issue 17): each correction keeps what it replaced, so undoing it restores
// exactly that. `prior` (jsonb, parsed with its zod schema on read) holds the transaction's category, source,
// rule, confidence, review flag and locks before the edit, the learned-merchant row it overwrote (or none), and
// the user's earlier label the model unlearned. `undone_at` makes an undo happen once; undone corrections no
// longer count towards rule suggestions. Corrections recorded before this have no `prior` and cannot be undone.
// A move to Uncategorized is recorded too (to_category_id null, teaching nothing), so it can be undone as well.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE category_corrections ADD COLUMN prior jsonb, ADD COLUMN undone_at timestamptz,
       ALTER COLUMN to_category_id DROP NOT NULL`,
    `CREATE INDEX category_corrections_transaction_idx ON category_corrections (transaction_id, created_at)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const statements = [
    `DROP INDEX IF EXISTS category_corrections_transaction_idx`,
    `DELETE FROM category_corrections WHERE to_category_id IS NULL`,
    `ALTER TABLE category_corrections DROP COLUMN IF EXISTS prior, DROP COLUMN IF EXISTS undone_at,
       ALTER COLUMN to_category_id SET NOT NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
