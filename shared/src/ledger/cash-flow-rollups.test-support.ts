import type { Db } from '../db/create-database.ts';
import { cashFlowTransactionOf, countedDay, countTransaction } from '../figures/cash-flow.ts';

/** A user's cash-flow rollups keyed like cash_flow_daily: per group, and the transaction count per day's total. */
export interface RollupRows {
  groups: Map<string, { spent: number; income: number; spentCount: number }>;
  totals: Map<string, number>;
}

/** The rollup rows the pure definition (figures/cash-flow.ts) gives for the user's raw rows. */
export async function expectedRollups(db: Db, userId: string): Promise<RollupRows> {
  const user = await db
    .selectFrom('users')
    .select('timezone')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const txns = await db.selectFrom('transactions').selectAll().where('user_id', '=', userId).execute();
  const splits = await db
    .selectFrom('transaction_splits')
    .selectAll()
    .where('user_id', '=', userId)
    .execute();
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'kind'])
    .where('user_id', '=', userId)
    .execute();
  const categoryMap = new Map(categories.map((c) => [c.id, c]));
  const groups: RollupRows['groups'] = new Map();
  const totals: RollupRows['totals'] = new Map();
  for (const r of txns) {
    const currency = (r.currency ?? r.unofficial_currency ?? '').toUpperCase();
    const counting = countTransaction(
      cashFlowTransactionOf(
        r,
        splits.filter((s) => s.transaction_id === r.id),
      ),
      { currency: currency || 'USD', categories: categoryMap },
    );
    if (!counting.counted || counting.lines.length === 0) continue;
    const day = countedDay({ date: r.date, datetime: r.datetime }, user.timezone);
    const totalKey = `${day}|${r.account_id}|${currency}`;
    totals.set(totalKey, (totals.get(totalKey) ?? 0) + 1);
    for (const line of counting.lines) {
      const key = `${day}|${line.categoryKey}|${r.account_id}|${currency}`;
      const g = groups.get(key) ?? { spent: 0, income: 0, spentCount: 0 };
      g.spent += line.spentMinor;
      g.income += line.incomeMinor;
      if (line.spentMinor !== 0) g.spentCount++;
      groups.set(key, g);
    }
  }
  return { groups, totals };
}

/** The user's rows in cash_flow_daily, keyed as expectedRollups keys them. */
export async function actualRollups(db: Db, userId: string): Promise<RollupRows> {
  const rows = await db.selectFrom('cash_flow_daily').selectAll().where('user_id', '=', userId).execute();
  const groups: RollupRows['groups'] = new Map();
  const totals: RollupRows['totals'] = new Map();
  for (const r of rows) {
    groups.set(`${r.day}|${r.category_id ?? ''}|${r.account_id}|${r.currency}`, {
      spent: r.spent_minor,
      income: r.income_minor,
      spentCount: r.spent_count,
    });
    const totalKey = `${r.day}|${r.account_id}|${r.currency}`;
    totals.set(totalKey, (totals.get(totalKey) ?? 0) + r.txn_count);
  }
  for (const [k, v] of totals) if (v === 0) totals.delete(k);
  return { groups, totals };
}

/** Both maps as sorted entries, to compare with toEqual. */
export const sortedRollups = ({ groups, totals }: RollupRows) => ({
  groups: [...groups].sort(([a], [b]) => a.localeCompare(b)),
  totals: [...totals].sort(([a], [b]) => a.localeCompare(b)),
});
