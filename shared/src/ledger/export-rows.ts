import type { OwnerDb } from '../db/create-database.ts';
import { withUser } from '../db/scoped-transaction.ts';
import {
  type CashFlowRules,
  countedAmounts,
  countedAs,
  countedDay,
  countTransaction,
} from '../figures/cash-flow.ts';
import type { Minor } from '../money/minor-units.ts';
import { countedTransactionColumns } from '../tables/transactions.ts';

const PAGE = 1000;

/**
 * One exported transaction with names instead of ids, and its place in the figures by the one cash-flow
 * definition. Money uses the interface's sign: money in is positive, money out negative; `spentMinor` and
 * `incomeMinor` are what the transaction adds to the dashboard's and reports' spent and income on
 * `countedOn` (so summing them over a period gives that period's figures).
 */
export interface ExportRow {
  id: string;
  date: string;
  countedOn: string;
  account: string;
  accountMask: string | null;
  amountMinor: Minor;
  currency: string | null;
  payee: string | null;
  merchantName: string | null;
  rawName: string;
  category: string;
  categoryGroup: string;
  countedAs: ReturnType<typeof countedAs>;
  spentMinor: Minor;
  incomeMinor: Minor;
  pending: boolean;
  notes: string | null;
  tags: string[];
}

export interface ExportContext {
  currency: string;
  timezone: string;
}

/** The user's transactions as export rows, newest first, page by page, each page in its own scoped transaction. */
export async function* exportRows(db: OwnerDb, userId: string): AsyncGenerator<ExportRow[]> {
  const context = await withUser(db, userId, async (trx) => {
    const [user, categories, accounts] = await Promise.all([
      trx.selectFrom('users').select(['currency', 'timezone']).where('id', '=', userId).executeTakeFirst(),
      trx
        .selectFrom('categories')
        .select(['id', 'name', 'parent_id', 'kind'])
        .where('user_id', '=', userId)
        .execute(),
      trx.selectFrom('accounts').select(['id', 'name', 'mask']).where('user_id', '=', userId).execute(),
    ]);
    return { user, categories, accounts };
  });
  if (!context.user) return;
  const { timezone } = context.user;
  const categories = new Map(context.categories.map((c) => [c.id, c]));
  const accounts = new Map(context.accounts.map((a) => [a.id, a]));
  const rules: CashFlowRules = { currency: context.user.currency, categories };
  const categoryName = (id: string | null) => (id ? (categories.get(id)?.name ?? '') : '');
  const groupName = (id: string | null) => {
    const c = id ? categories.get(id) : undefined;
    if (!c) return '';
    return c.parent_id ? (categories.get(c.parent_id)?.name ?? c.name) : c.name;
  };

  let after: { date: string; id: string } | undefined;
  for (;;) {
    const { page, splits } = await withUser(db, userId, async (trx) => {
      let query = trx
        .selectFrom('transactions')
        .select([...countedTransactionColumns, 'notes', 'tags'])
        .where('user_id', '=', userId);
      if (after) {
        const { date, id } = after;
        query = query.where((eb) =>
          eb.or([eb('date', '<', date), eb.and([eb('date', '=', date), eb('id', '<', id)])]),
        );
      }
      const page = await query.orderBy('date', 'desc').orderBy('id', 'desc').limit(PAGE).execute();
      const ids = page.map((t) => t.id);
      const splits = ids.length
        ? await trx
            .selectFrom('transaction_splits')
            .select(['transaction_id', 'category_id', 'amount_minor'])
            .where('user_id', '=', userId)
            .where('transaction_id', 'in', ids)
            .execute()
        : [];
      return { page, splits };
    });
    const splitsByTxn = new Map<string, { categoryId: string | null; amountMinor: Minor }[]>();
    for (const s of splits) {
      const list = splitsByTxn.get(s.transaction_id) ?? [];
      list.push({ categoryId: s.category_id, amountMinor: s.amount_minor });
      splitsByTxn.set(s.transaction_id, list);
    }
    if (page.length === 0) return;
    yield page.map((t) => {
      const parts = splitsByTxn.get(t.id);
      const currency = t.currency ?? t.unofficial_currency;
      const counting = countTransaction(
        {
          amountMinor: t.amount_minor,
          currency,
          date: t.date,
          datetime: t.datetime,
          categoryId: t.category_id,
          isTransfer: t.is_transfer,
          excludedFromReports: t.excluded_from_reports,
          pending: t.pending,
          splits: parts,
        },
        rules,
      );
      const amounts = countedAmounts(counting);
      const account = accounts.get(t.account_id);
      return {
        id: t.id,
        date: t.date,
        countedOn: countedDay(t, timezone),
        account: account?.name ?? '',
        accountMask: account?.mask ?? null,
        amountMinor: -t.amount_minor,
        currency,
        payee: t.payee,
        merchantName: t.merchant_name,
        rawName: t.raw_name,
        category: parts?.length ? 'Split' : categoryName(t.category_id),
        categoryGroup: parts?.length ? '' : groupName(t.category_id),
        countedAs: countedAs(counting),
        spentMinor: amounts.spentMinor,
        incomeMinor: amounts.incomeMinor,
        pending: t.pending,
        notes: t.notes,
        tags: t.tags,
      };
    });
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { date: last.date, id: last.id };
  }
}
