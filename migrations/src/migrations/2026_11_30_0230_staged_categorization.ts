import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// A sync categorizes the rows it is about to insert in memory, before staging them (rules, learned merchants
// and model, Plaid's category: loaded once per run, no transaction open), so its one commit inserts them
// categorized and the categorize backlog only takes rows that need the stored row (a changed row, a posted
// row that inherits its pending version's edits, a split). These columns carry that decision from the
// staging to the commit: `id` is the new row's id (the one categorization saw), NULL for a row left to the
// backlog; the rest are the fields categorization owns on a transaction.

const columns = [
  'id uuid',
  'payee text',
  'notes text',
  'tags text[]',
  'is_transfer boolean',
  'excluded_from_reports boolean',
  'category_id uuid',
  'category_source text',
  'category_rule_id uuid',
  'category_confidence real',
  'needs_review boolean',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`ALTER TABLE sync_staged_transactions ${columns.map((c) => `ADD COLUMN ${c}`).join(', ')}`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE sync_staged_transactions ${columns.map((c) => `DROP COLUMN IF EXISTS ${c.split(' ')[0]}`).join(', ')}`,
    )
    .execute(db);
}
