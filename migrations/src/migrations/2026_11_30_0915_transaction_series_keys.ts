import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// A report's bills (issue 16) are the payments of the user's outgoing recurring series, found by each
// transaction's series key (detect-recurring's recurringSeriesKey: the cleaned payee, the direction and the
// currency). The key was computed for every row a report read — cleaning ~5k payee texts took most of the
// first report's load — and every row of the trailing periods was read in full for it. The key is now stored
// with the row (written by the code that computes it: inserts and the recurring refresh after each sync), so
// a report reads only its bills' payments, by index.
//
// A stored key is right or null, never stale: the key depends only on payee, raw_name, merchant_name,
// currency and the sign of amount_minor, and an UPDATE that changes any of them without writing a new key
// sets it to null (the trigger below, whatever the write path). Readers compute a null key themselves.
//
// One index serves both reads: a series' payments (user, key, date) and the rows still without a key
// (user, null, date) — a btree holds nulls.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE transactions ADD COLUMN series_key text`.execute(db);
  await sql`
    CREATE FUNCTION transactions_series_key_stale() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      NEW.series_key := NULL;
      RETURN NEW;
    END
    $fn$
  `.execute(db);
  // The WHEN clause keeps the function off every row whose key inputs did not change (most updates:
  // categorization, edits of notes or tags) and off the rows whose writer set the key itself.
  await sql`
    CREATE TRIGGER transactions_series_key_stale
      BEFORE UPDATE OF payee, raw_name, merchant_name, currency, amount_minor ON transactions
      FOR EACH ROW
      WHEN (NEW.series_key IS NOT DISTINCT FROM OLD.series_key
        AND (NEW.payee, NEW.raw_name, NEW.merchant_name, NEW.currency, NEW.amount_minor > 0)
          IS DISTINCT FROM (OLD.payee, OLD.raw_name, OLD.merchant_name, OLD.currency, OLD.amount_minor > 0))
      EXECUTE FUNCTION transactions_series_key_stale()
  `.execute(db);
  await sql`CREATE INDEX transactions_series_key_idx ON transactions (user_id, series_key, date)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS transactions_series_key_idx`.execute(db);
  await sql`DROP TRIGGER IF EXISTS transactions_series_key_stale ON transactions`.execute(db);
  await sql`DROP FUNCTION IF EXISTS transactions_series_key_stale()`.execute(db);
  await sql`ALTER TABLE transactions DROP COLUMN IF EXISTS series_key`.execute(db);
}
