import type { Kysely } from 'kysely';
import { editFunctionText, reversed, type TextEdit } from '../function-text.ts';

// Frozen: this file keeps meaning what it meant when written.
//
// The rollups' recompute (cash_flow_refresh, as 1100 left it) joined each counted row to the user's categories
// and to the user. At a historical sync's commit the new rows have no statistics (written in the same
// transaction), so PostgreSQL expects one row and joins the categories by a nested loop that reads all of
// them for each row: for a 50k-row history, 50k × 141 categories, 4.3M comparisons, 0.2 of the recompute's
// 0.5 CPU seconds. (Forbidding nested loops instead, as 0900 did, puts a disabled node's cost on the plan,
// which then crosses jit_above_cost: every recompute compiled itself, 0.8 s for that same history.)
//
// So the recompute reads the user's time zone and the kinds of the user's categories once, before its query,
// and each row looks its category up in that map: a plan that does not depend on estimates. The definition
// is the same: a row's category counts only if it is one of the user's (else the row counts uncategorized,
// as the left join gave), and a user who is gone has no rows to count (as the inner join gave).
//
// The migration edits the function's stored text, each edit below (from → to) matched exactly once, so it
// states all that changes and nothing else; down makes the reverse edits.

const EDITS: readonly TextEdit[] = [
  [
    `  hi date;
BEGIN`,
    `  hi date;
  tz text;
  -- The user's categories: id (as text) → kind.
  kinds jsonb;
BEGIN`,
  ],
  [
    `  INSERT INTO cash_flow_daily`,
    `  SELECT u.timezone INTO tz FROM users u WHERE u.id = p_user;
  IF NOT FOUND THEN RETURN; END IF;
  SELECT coalesce(jsonb_object_agg(c.id::text, c.kind), '{}') INTO kinds FROM categories c WHERE c.user_id = p_user;
  INSERT INTO cash_flow_daily`,
  ],
  [
    `              LEFT JOIN categories c2 ON c2.id = s2.category_id AND c2.user_id = p_user
              WHERE s2.transaction_id = r.id AND s2.user_id = p_user AND c2.kind IS DISTINCT FROM 'transfer'`,
    `              WHERE s2.transaction_id = r.id AND s2.user_id = p_user
                AND (kinds ->> s2.category_id::text) IS DISTINCT FROM 'transfer'`,
  ],
  [
    `    JOIN users u ON u.id = r.user_id
    CROSS JOIN LATERAL (SELECT coalesce((r.datetime AT TIME ZONE u.timezone)::date, r.date) AS day) d`,
    `    CROSS JOIN LATERAL (SELECT coalesce((r.datetime AT TIME ZONE tz)::date, r.date) AS day) d`,
  ],
  [
    `    LEFT JOIN categories c ON c.id = p.category_id AND c.user_id = p_user`,
    `    CROSS JOIN LATERAL (
      SELECT CASE WHEN kinds ? p.category_id::text THEN p.category_id END AS id,
             kinds ->> p.category_id::text AS kind
    ) c`,
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await editFunctionText(db, 'cash_flow_refresh(uuid, date[])', EDITS);
}

export async function down(db: Kysely<any>): Promise<void> {
  await editFunctionText(db, 'cash_flow_refresh(uuid, date[])', reversed(EDITS));
}
