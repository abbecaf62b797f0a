import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// transactions' four foreign keys (category_id → categories and category_rule_id → rules, ON DELETE SET NULL;
// (account_id, user_id, item_id) → accounts and (import_id, account_id, user_id) → statement_imports, ON
// DELETE CASCADE, see 2026_11_30_0520) checked every written row on its own: a queued trigger event and a
// look-up of the parent per row and per key, even for the two keys that are NULL on every synced row. A sync's
// commit writes a history in one INSERT … SELECT. 50,000 rows (PostgreSQL 15, every index present, rolled
// back; a shared, loaded machine, so the best of 3 runs in each of 3 alternating rounds): the keys' triggers
// took 400–420 ms (EXPLAIN ANALYZE), these take 34–39 ms; the INSERT took 1,762–1,786 ms with the keys,
// 1,313–1,380 ms with these (\timing). bench sync-historical --transactions 50000, its commit (best of 3
// alternating runs): 1,920 ms and 1.70 s of PostgreSQL CPU with the keys, 1,648 ms and 1.36 s with these.
// The same guarantees, once per statement:
//
// - A row names only parents that exist: after each INSERT (and each UPDATE, for the rows whose key changed,
//   as a foreign key checks only those) the statement's distinct keys are looked up and locked FOR KEY SHARE,
//   as a foreign key's check locks its parent, and the statement fails with foreign_key_violation naming the
//   key it stands for if one is missing. A composite key is checked when all its columns are set (MATCH
//   SIMPLE, as before). The lock holds until the writer commits, so a deletion of the parent waits for it (and
//   then takes or clears its rows, below); a deletion that came first makes the lock skip the deleted row, so
//   the write fails. An update leaves the parents of the keys it did not change unlocked, as a foreign key
//   does: a deletion of one, waiting to clear or take the updated row, is not waited for in turn (deadlock).
//   The checks are named to fire before cash_flow_*, as the keys' did. An UPDATE that sets none of the keys'
//   columns is not checked at all (below): a 50,000-row UPDATE of a category costs 100–135 ms of checking
//   (the keys: 150–170 ms), one of the notes nothing (as with the keys).
// - No row outlives its account or import, nor keeps a deleted category or rule: after a DELETE of a parent
//   (directly or cascaded, e.g. from a user's or an item's), its rows are deleted (accounts, imports, by the
//   whole key, as the composite keys matched) or their column set to NULL (categories, rules). A parent's key
//   does not change while rows name it (NO ACTION). In READ COMMITTED (every deletion finsync makes) the
//   trigger's statement sees every row whose writer committed, as the waiting above guarantees. A deletion
//   under REPEATABLE READ or SERIALIZABLE could miss rows committed after its snapshot (a foreign key's action
//   reads a newer one, which a trigger cannot), so it is refused.
// - TRUNCATE of a parent: PostgreSQL refused it unless transactions was truncated by the same command (named,
//   or reached by CASCADE). A trigger cannot see CASCADE, so it keeps the guarantee rather than the form: the
//   truncation is refused if a row still names the truncated table (truncating transactions in the same
//   command, or having no such row, lets it through).
//
// The functions run as their owner (SECURITY DEFINER): the app role writes transactions and deletes their
// parents under row security, as the foreign keys' checks and actions ran as the tables' owner.

/** A foreign key the triggers stand for: its name, transactions' columns and the parent's. */
interface Key {
  readonly name: string;
  readonly columns: readonly string[];
  readonly parent: string;
  readonly parentColumns: readonly string[];
}

const keys: readonly Key[] = [
  {
    name: 'transactions_category_id_fkey',
    columns: ['category_id'],
    parent: 'categories',
    parentColumns: ['id'],
  },
  {
    name: 'transactions_category_rule_id_fkey',
    columns: ['category_rule_id'],
    parent: 'rules',
    parentColumns: ['id'],
  },
  {
    name: 'transactions_item_account_fkey',
    columns: ['account_id', 'user_id', 'item_id'],
    parent: 'accounts',
    parentColumns: ['id', 'user_id', 'item_id'],
  },
  {
    name: 'transactions_import_account_fkey',
    columns: ['import_id', 'account_id', 'user_id'],
    parent: 'statement_imports',
    parentColumns: ['id', 'account_id', 'user_id'],
  },
];

const list = (columns: readonly string[], prefix = '') => columns.map((c) => `${prefix}${c}`).join(', ');

/**
 * A trigger function that runs as its owner, with `body` before its RETURN NULL. Without JIT: the planner
 * knows nothing of a transition table's rows (an update's join of its 50,000 old and new rows was estimated at
 * 12.5 million), and compiling such a plan made the update's check take 0.8–1.1 s instead of 0.1–0.2 s.
 */
const definer = (name: string, body: string, declarations = '') => `CREATE FUNCTION ${name}() RETURNS trigger
     LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $fn$
${declarations ? `DECLARE\n  ${declarations}\n` : ''}BEGIN
  ${body}
  RETURN NULL;
END
$fn$`;

/**
 * The check of a statement's rows: `source` yields transactions' columns and, per key i, `changed_i` (whether
 * the row's key is new). Each key's distinct values are locked in their parent; the first not found fails it.
 * An insert's source is its rows, read once per key (36 ms for 50,000 rows, against 44 ms copying them first);
 * an update's joins the old rows, once.
 */
function parentsCheck(source: { select: string; materialized: boolean }): string {
  const ctes = keys.flatMap((key, i) => [
    `keys_${i} AS MATERIALIZED (SELECT DISTINCT ${list(key.columns)} FROM named
       WHERE changed_${i} AND ${key.columns.map((c) => `${c} IS NOT NULL`).join(' AND ')})`,
    `found_${i} AS MATERIALIZED (SELECT ${list(key.parentColumns, 'p.')} FROM ${key.parent} p
       WHERE (${list(key.parentColumns, 'p.')}) IN (SELECT ${list(key.columns)} FROM keys_${i}) FOR KEY SHARE OF p)`,
  ]);
  // A CTE runs only as far as it is read: each parent's look-up is counted, so every key's parent is locked.
  const locked = keys.map((_, i) => `(SELECT count(*) FROM found_${i})`).join(' + ');
  const missing = keys
    .map(
      (
        key,
        i,
      ) => `(SELECT ${i} AS key, format('(%s)=(%s)', '${list(key.columns)}', concat_ws(', ', ${list(key.columns, 'k.')}))
        AS detail FROM keys_${i} k WHERE NOT EXISTS (SELECT 1 FROM found_${i} f
          WHERE (${list(key.parentColumns, 'f.')}) = (${list(key.columns, 'k.')})) LIMIT 1)`,
    )
    .join('\n      UNION ALL ');
  return `WITH named AS ${source.materialized ? '' : 'NOT '}MATERIALIZED (${source.select}),
    ${ctes.join(',\n    ')}
    SELECT ${locked}, m.key, m.detail INTO locked, missing_key, missing_detail
      FROM (SELECT NULL::int AS key, NULL::text AS detail) nothing
      LEFT JOIN (${missing}
      ORDER BY key LIMIT 1) m ON true;
    IF missing_key IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "transactions" violates foreign key "%"',
          (ARRAY[${keys.map((k) => `'${k.name}'`).join(', ')}])[missing_key + 1]
        USING ERRCODE = 'foreign_key_violation', TABLE = 'transactions',
          CONSTRAINT = (ARRAY[${keys.map((k) => `'${k.name}'`).join(', ')}])[missing_key + 1],
          DETAIL = format('Key %s is not present in table "%s".', missing_detail,
            (ARRAY[${keys.map((k) => `'${k.parent}'`).join(', ')}])[missing_key + 1]);
    END IF;`;
}

/** Set (to 'on') by an UPDATE that sets a key's column, until its rows are checked. */
const touched = 'finsync.transaction_parents_touched';

const checkDeclarations = 'locked bigint; missing_key int; missing_detail text;';

const keyColumns = [...new Set(keys.flatMap((k) => k.columns))];
/** An inserted row's every key is new. */
const inserted = {
  select: `SELECT ${list(keyColumns)}, ${keys.map((_, i) => `true AS changed_${i}`).join(', ')} FROM new_rows`,
  materialized: false,
};
/** An updated row's key is new if it differs from the row's old one (or the row's id changed). */
const updated = {
  select: `SELECT ${list(keyColumns, 'n.')}, ${keys
    .map(
      (k, i) =>
        `o.id IS NULL OR (${list(k.columns, 'n.')}) IS DISTINCT FROM (${list(k.columns, 'o.')}) AS changed_${i}`,
    )
    .join(', ')}
       FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id`,
  materialized: true,
};

/** What a deleted parent leaves: its rows deleted, or their column cleared. */
const onDelete: Record<string, string> = {
  categories: 'UPDATE transactions SET category_id = NULL WHERE category_id IN (SELECT id FROM deleted_rows)',
  rules:
    'UPDATE transactions SET category_rule_id = NULL WHERE category_rule_id IN (SELECT id FROM deleted_rows)',
  accounts: `DELETE FROM transactions t USING deleted_rows d
      WHERE t.account_id = d.id AND t.user_id = d.user_id AND t.item_id = d.item_id`,
  statement_imports: `DELETE FROM transactions t USING deleted_rows d
      WHERE t.import_id = d.id AND t.account_id = d.account_id AND t.user_id = d.user_id`,
};

const up_ = [
  `ALTER TABLE transactions ${keys.map((k) => `DROP CONSTRAINT ${k.name}`).join(', ')}`,
  definer('transaction_parents_inserted', parentsCheck(inserted), checkDeclarations),
  // An UPDATE that sets none of the keys' columns changes no key (no BEFORE trigger on transactions sets one):
  // a trigger on those columns marks the statement, and the check of the updated rows runs only when marked.
  // Unmarked, a 50,000-row UPDATE skips a 110–200 ms join of its old and new rows.
  `CREATE FUNCTION transaction_parents_touched() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM set_config('${touched}', 'on', true);
  RETURN NULL;
END
$fn$`,
  definer(
    'transaction_parents_updated',
    `IF current_setting('${touched}', true) IS DISTINCT FROM 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('${touched}', '', true);
  ${parentsCheck(updated)}`,
    checkDeclarations,
  ),
  // Statement triggers of one event fire by name: these sort before cash_flow_insert and cash_flow_update.
  `CREATE TRIGGER assert_parents_insert AFTER INSERT ON transactions
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION transaction_parents_inserted()`,
  // Named to fire just before assert_parents_update, for the same statement.
  `CREATE TRIGGER assert_parents_touched AFTER UPDATE OF ${list(keyColumns)} ON transactions
     FOR EACH STATEMENT EXECUTE FUNCTION transaction_parents_touched()`,
  `CREATE TRIGGER assert_parents_update AFTER UPDATE ON transactions
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION transaction_parents_updated()`,
  ...keys.flatMap((key) => [
    definer(
      `transactions_on_${key.parent}_delete`,
      `IF current_setting('transaction_isolation') <> 'read committed' AND EXISTS (SELECT 1 FROM deleted_rows) THEN
    RAISE EXCEPTION '% rows are deleted under READ COMMITTED only: their transactions could be missed', TG_TABLE_NAME
      USING ERRCODE = 'feature_not_supported';
  END IF;
  ${onDelete[key.parent]};`,
    ),
    `CREATE TRIGGER transactions_on_delete AFTER DELETE ON ${key.parent}
       REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION transactions_on_${key.parent}_delete()`,
    definer(
      `transactions_on_${key.parent}_truncate`,
      `IF EXISTS (SELECT 1 FROM transactions WHERE ${key.columns.map((c) => `${c} IS NOT NULL`).join(' AND ')}) THEN
    RAISE EXCEPTION 'cannot truncate a table named by transactions (${key.name})'
      USING ERRCODE = 'feature_not_supported', TABLE = TG_TABLE_NAME,
        HINT = 'Truncate table "transactions" at the same time.';
  END IF;`,
    ),
    `CREATE TRIGGER transactions_on_truncate AFTER TRUNCATE ON ${key.parent}
       FOR EACH STATEMENT EXECUTE FUNCTION transactions_on_${key.parent}_truncate()`,
    definer(
      `transactions_on_${key.parent}_rekey`,
      `IF EXISTS (SELECT 1 FROM transactions
      WHERE (${list(key.columns)}) = (${list(key.parentColumns, 'OLD.')})) THEN
    RAISE EXCEPTION 'update on table "%" violates foreign key "%" on table "transactions"', TG_TABLE_NAME, '${key.name}'
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = '${key.name}',
        DETAIL = format('Key (%s)=(%s) is still referenced from table "transactions".', '${list(key.parentColumns)}',
          concat_ws(', ', ${list(key.parentColumns, 'OLD.')}));
  END IF;`,
    ),
    `CREATE TRIGGER transactions_on_rekey AFTER UPDATE OF ${list(key.parentColumns)} ON ${key.parent}
       FOR EACH ROW WHEN ((${list(key.parentColumns, 'OLD.')}) IS DISTINCT FROM (${list(key.parentColumns, 'NEW.')}))
       EXECUTE FUNCTION transactions_on_${key.parent}_rekey()`,
  ]),
];

const down_ = [
  ...keys.flatMap((key) => [
    `DROP TRIGGER IF EXISTS transactions_on_delete ON ${key.parent}`,
    `DROP TRIGGER IF EXISTS transactions_on_truncate ON ${key.parent}`,
    `DROP TRIGGER IF EXISTS transactions_on_rekey ON ${key.parent}`,
    `DROP FUNCTION IF EXISTS transactions_on_${key.parent}_delete()`,
    `DROP FUNCTION IF EXISTS transactions_on_${key.parent}_truncate()`,
    `DROP FUNCTION IF EXISTS transactions_on_${key.parent}_rekey()`,
  ]),
  `DROP TRIGGER IF EXISTS assert_parents_insert ON transactions`,
  `DROP TRIGGER IF EXISTS assert_parents_update ON transactions`,
  `DROP TRIGGER IF EXISTS assert_parents_touched ON transactions`,
  `DROP FUNCTION IF EXISTS transaction_parents_touched()`,
  `DROP FUNCTION IF EXISTS transaction_parents_inserted()`,
  `DROP FUNCTION IF EXISTS transaction_parents_updated()`,
  `ALTER TABLE transactions
     ADD CONSTRAINT transactions_category_id_fkey FOREIGN KEY (category_id)
       REFERENCES categories (id) ON DELETE SET NULL,
     ADD CONSTRAINT transactions_category_rule_id_fkey FOREIGN KEY (category_rule_id)
       REFERENCES rules (id) ON DELETE SET NULL,
     ADD CONSTRAINT transactions_item_account_fkey FOREIGN KEY (account_id, user_id, item_id)
       REFERENCES accounts (id, user_id, item_id) ON DELETE CASCADE,
     ADD CONSTRAINT transactions_import_account_fkey FOREIGN KEY (import_id, account_id, user_id)
       REFERENCES statement_imports (id, account_id, user_id) ON DELETE CASCADE`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_) await sql.raw(statement).execute(db);
}
