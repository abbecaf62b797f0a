import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// A sync's commit inserts a history (50,000 rows) in one statement, and every row fired one foreign-key check
// per reference: user, account, item, import (and category, rule). The four on the row's owner become two
// composite keys that each check the whole owner in one look-up, and say more than the four did:
// - a row with an item (every synced row, and a statement row imported into a linked account) names an
//   account of that user AND that item: (account_id, user_id, item_id) → accounts;
// - a row with an import names that import's account and user: (import_id, account_id, user_id) →
//   statement_imports.
// transactions_origin makes every row one or both of these (a synced row has an item, an imported row an
// import), and a composite key is checked whenever all its columns are set, so account_id and user_id are
// checked on every row, item_id whenever set, import_id whenever set. The user, the item and the account
// exist because the account row (or the import row) names them through its own keys. Deleting a user, an item,
// an account or an import still deletes its rows: each deletes the accounts or imports the rows point to.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accounts ADD CONSTRAINT accounts_owner_key UNIQUE (id, user_id, item_id)`.execute(db);
  await sql`
    ALTER TABLE statement_imports ADD CONSTRAINT statement_imports_owner_key UNIQUE (id, account_id, user_id)
  `.execute(db);
  await sql`
    ALTER TABLE transactions
      ADD CONSTRAINT transactions_item_account_fkey FOREIGN KEY (account_id, user_id, item_id)
        REFERENCES accounts (id, user_id, item_id) ON DELETE CASCADE,
      ADD CONSTRAINT transactions_import_account_fkey FOREIGN KEY (import_id, account_id, user_id)
        REFERENCES statement_imports (id, account_id, user_id) ON DELETE CASCADE,
      DROP CONSTRAINT transactions_user_id_fkey,
      DROP CONSTRAINT transactions_account_id_fkey,
      DROP CONSTRAINT transactions_item_id_fkey,
      DROP CONSTRAINT transactions_import_id_fkey
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE transactions
      ADD CONSTRAINT transactions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      ADD CONSTRAINT transactions_account_id_fkey FOREIGN KEY (account_id)
        REFERENCES accounts (id) ON DELETE CASCADE,
      ADD CONSTRAINT transactions_item_id_fkey FOREIGN KEY (item_id) REFERENCES plaid_items (id) ON DELETE CASCADE,
      ADD CONSTRAINT transactions_import_id_fkey FOREIGN KEY (import_id)
        REFERENCES statement_imports (id) ON DELETE CASCADE,
      DROP CONSTRAINT transactions_item_account_fkey,
      DROP CONSTRAINT transactions_import_account_fkey
  `.execute(db);
  await sql`ALTER TABLE statement_imports DROP CONSTRAINT statement_imports_owner_key`.execute(db);
  await sql`ALTER TABLE accounts DROP CONSTRAINT accounts_owner_key`.execute(db);
}
