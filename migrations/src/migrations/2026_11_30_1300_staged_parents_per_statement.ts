import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// sync_staged_transactions' foreign keys (run_id → sync_runs, item_id → plaid_items, ON DELETE CASCADE) checked
// every staged row on its own: a queued trigger event and a look-up of each parent per row, about half of
// PostgreSQL's CPU for a sync's COPYs (50k rows in 100 page COPYs: 570–600 ms of the backend's CPU with them,
// 240 ms with these triggers, 190 ms with no check). The same guarantees, once per statement:
//
// - A row is staged only for a run and an item that exist: after each INSERT or COPY (and an UPDATE) the
//   statement's distinct run and item ids are looked up and locked FOR KEY SHARE, as a foreign key's check
//   locks its parent, and the statement fails if one is missing. The lock holds until the staging commits, so
//   a deletion of the run or item waits for it (and then takes its rows, below); a deletion that came first
//   makes the lock skip the deleted row, so the staging fails.
// - No row outlives its run or item: after a DELETE of either (directly or cascaded, e.g. from a user's), the
//   deleted ids' staged rows are deleted; TRUNCATE of either empties the table; a run's or item's id does not
//   change while rows name it. In READ COMMITTED (every deletion finsync makes) the deletion's statement sees
//   every row whose staging committed, as the waiting above guarantees. A deletion under REPEATABLE READ or
//   SERIALIZABLE could miss rows committed after its snapshot (a foreign key's cascade checks a newer one,
//   which a trigger cannot), so it is refused.
//
// The functions run as their owner (SECURITY DEFINER): the app role deletes users but has no grant on
// the staged table, as the foreign keys' cascades ran as the table's owner.

/** A trigger function that runs as its owner, with `body` before its RETURN NULL. */
const definer = (name: string, body: string) => `CREATE FUNCTION ${name}() RETURNS trigger
     LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  ${body}
  RETURN NULL;
END
$fn$`;

const up_ = [
  `ALTER TABLE sync_staged_transactions
     DROP CONSTRAINT sync_staged_transactions_run_id_fkey,
     DROP CONSTRAINT sync_staged_transactions_item_id_fkey`,
  // The statement's runs and items, locked as a foreign key's check locks its parent: those that exist.
  definer(
    'sync_staged_parents_check',
    `DECLARE
    runs uuid[];
    items uuid[];
    locked_runs int;
    locked_items int;
  BEGIN
    SELECT array_agg(DISTINCT run_id), array_agg(DISTINCT item_id) INTO runs, items FROM staged_rows;
    SELECT count(*) INTO locked_runs FROM (SELECT 1 FROM sync_runs WHERE id = ANY (runs) FOR KEY SHARE) r;
    SELECT count(*) INTO locked_items FROM (SELECT 1 FROM plaid_items WHERE id = ANY (items) FOR KEY SHARE) i;
    IF locked_runs < coalesce(cardinality(runs), 0) OR locked_items < coalesce(cardinality(items), 0) THEN
      RAISE EXCEPTION 'sync_staged_transactions: a staged row names a sync run or Plaid item that does not exist'
        USING ERRCODE = 'foreign_key_violation', TABLE = 'sync_staged_transactions';
    END IF;
  END;`,
  ),
  `CREATE TRIGGER sync_staged_parents_insert AFTER INSERT ON sync_staged_transactions
     REFERENCING NEW TABLE AS staged_rows FOR EACH STATEMENT EXECUTE FUNCTION sync_staged_parents_check()`,
  `CREATE TRIGGER sync_staged_parents_update AFTER UPDATE ON sync_staged_transactions
     REFERENCING NEW TABLE AS staged_rows FOR EACH STATEMENT EXECUTE FUNCTION sync_staged_parents_check()`,
  // TG_ARGV[0]: the staged column naming the parent.
  definer(
    'sync_staged_parent_deleted',
    `IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION '% rows are deleted under READ COMMITTED only: their staged rows could be missed', TG_TABLE_NAME
      USING ERRCODE = 'feature_not_supported';
  END IF;
  IF TG_ARGV[0] = 'run_id' THEN
    DELETE FROM sync_staged_transactions WHERE run_id IN (SELECT id FROM deleted_rows);
  ELSE
    DELETE FROM sync_staged_transactions WHERE item_id IN (SELECT id FROM deleted_rows);
  END IF;`,
  ),
  definer('sync_staged_parent_truncated', 'TRUNCATE sync_staged_transactions;'),
  definer(
    'sync_staged_parent_rekeyed',
    `IF (TG_ARGV[0] = 'run_id' AND EXISTS (SELECT 1 FROM sync_staged_transactions WHERE run_id = OLD.id))
     OR (TG_ARGV[0] = 'item_id' AND EXISTS (SELECT 1 FROM sync_staged_transactions WHERE item_id = OLD.id)) THEN
    RAISE EXCEPTION '%: the id % is named by staged rows', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;`,
  ),
  ...(
    [
      ['sync_runs', 'run_id'],
      ['plaid_items', 'item_id'],
    ] as const
  ).flatMap(([parent, column]) => [
    `CREATE TRIGGER sync_staged_on_delete AFTER DELETE ON ${parent}
       REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION sync_staged_parent_deleted('${column}')`,
    `CREATE TRIGGER sync_staged_on_truncate AFTER TRUNCATE ON ${parent}
       FOR EACH STATEMENT EXECUTE FUNCTION sync_staged_parent_truncated()`,
    `CREATE TRIGGER sync_staged_on_rekey AFTER UPDATE OF id ON ${parent}
       FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION sync_staged_parent_rekeyed('${column}')`,
  ]),
];

const down_ = [
  ...['sync_runs', 'plaid_items'].flatMap((parent) => [
    `DROP TRIGGER IF EXISTS sync_staged_on_delete ON ${parent}`,
    `DROP TRIGGER IF EXISTS sync_staged_on_truncate ON ${parent}`,
    `DROP TRIGGER IF EXISTS sync_staged_on_rekey ON ${parent}`,
  ]),
  `DROP TRIGGER IF EXISTS sync_staged_parents_insert ON sync_staged_transactions`,
  `DROP TRIGGER IF EXISTS sync_staged_parents_update ON sync_staged_transactions`,
  `DROP FUNCTION IF EXISTS sync_staged_parents_check()`,
  `DROP FUNCTION IF EXISTS sync_staged_parent_deleted()`,
  `DROP FUNCTION IF EXISTS sync_staged_parent_truncated()`,
  `DROP FUNCTION IF EXISTS sync_staged_parent_rekeyed()`,
  `DELETE FROM sync_staged_transactions s
     WHERE NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.id = s.run_id)
        OR NOT EXISTS (SELECT 1 FROM plaid_items i WHERE i.id = s.item_id)`,
  `ALTER TABLE sync_staged_transactions
     ADD CONSTRAINT sync_staged_transactions_run_id_fkey FOREIGN KEY (run_id) REFERENCES sync_runs(id) ON DELETE CASCADE,
     ADD CONSTRAINT sync_staged_transactions_item_id_fkey FOREIGN KEY (item_id) REFERENCES plaid_items(id) ON DELETE CASCADE`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_) await sql.raw(statement).execute(db);
}
