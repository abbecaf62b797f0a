import { type Db, toDecimalString, withUser } from '@finsync/shared';
import { accountQuery, type TransactionView, transactionQuery } from '@finsync/shared/ledger';

const PAGE = 1000;

/** The user's transactions page by page, each page in its own short scoped transaction. */
async function* transactionPages(db: Db, userId: string): AsyncGenerator<TransactionView[]> {
  let cursor: string | undefined;
  do {
    const page = await withUser(db, userId, (trx) =>
      transactionQuery.list(trx, userId, { limit: PAGE, ...(cursor ? { cursor } : {}) }),
    );
    if (page.transactions.length > 0) yield page.transactions;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const CSV_COLUMNS = [
  'id',
  'date',
  'account_id',
  'amount',
  'currency',
  'payee',
  'merchant_name',
  'raw_name',
  'category_id',
  'pending',
  'notes',
  'tags',
] as const;

/** Quotes every cell and defuses spreadsheet formulas (text starting with = + - @ is prefixed with '; numbers stay). */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export async function* exportCsv(db: Db, userId: string): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\n`;
  for await (const page of transactionPages(db, userId)) {
    yield page
      .map((t) =>
        [
          t.id,
          t.date,
          t.accountId,
          // Decimal text in the account's currency, computed from integer minor units.
          toDecimalString(t.amountMinor, t.currency),
          t.currency,
          t.payee,
          t.merchantName,
          t.rawName,
          t.categoryId,
          t.pending,
          t.notes,
          t.tags.join(';'),
        ]
          .map(csvCell)
          .join(','),
      )
      .join('\n')
      .concat('\n');
  }
}

export async function* exportJson(db: Db, userId: string, exportedAt: Date): AsyncGenerator<string> {
  const [accounts, categories] = await withUser(db, userId, (trx) =>
    Promise.all([accountQuery.accounts(trx, userId), accountQuery.categories(trx, userId)]),
  );
  yield `{"exportedAt":${JSON.stringify(exportedAt.toISOString())},"accounts":${JSON.stringify(accounts)},"categories":${JSON.stringify(categories)},"transactions":[`;
  let first = true;
  for await (const page of transactionPages(db, userId)) {
    yield (first ? '' : ',') + page.map((t) => JSON.stringify(t)).join(',');
    first = false;
  }
  yield ']}\n';
}
