import { type OwnerDb, toDecimalString, withUser } from '@finsync/shared';
import { accountQuery, type ExportRow, exportRows } from '@finsync/shared/ledger';

/** Stated in the CSV header and the JSON document: the interface's sign, not Plaid's. */
export const SIGN_CONVENTION =
  'money in is positive, money out is negative (as shown in the app); spent and income are what the row adds to the dashboard and reports on counted_on';

const AMOUNT_COLUMN = 'amount (money in +, money out -)';

const CSV_COLUMNS: readonly [string, (r: ExportRow) => string | boolean | null][] = [
  ['id', (r) => r.id],
  ['date', (r) => r.date],
  ['counted_on', (r) => r.countedOn],
  ['account', (r) => r.account],
  ['account_mask', (r) => r.accountMask],
  // Decimal text in the row's currency, computed from integer minor units.
  [AMOUNT_COLUMN, (r) => toDecimalString(r.amountMinor, r.currency)],
  ['currency', (r) => r.currency],
  ['payee', (r) => r.payee],
  ['merchant_name', (r) => r.merchantName],
  ['raw_name', (r) => r.rawName],
  ['category', (r) => r.category],
  ['category_group', (r) => r.categoryGroup],
  ['counted_as', (r) => r.countedAs],
  ['spent', (r) => toDecimalString(r.spentMinor, r.currency)],
  ['income', (r) => toDecimalString(r.incomeMinor, r.currency)],
  ['pending', (r) => r.pending],
  ['notes', (r) => r.notes],
  ['tags', (r) => r.tags.join(';')],
];

/** Quotes every cell and defuses spreadsheet formulas (text starting with = + - @ is prefixed with '; numbers stay). */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export async function* exportCsv(db: OwnerDb, userId: string): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.map(([name]) => csvCell(name)).join(',')}\n`;
  for await (const page of exportRows(db, userId)) {
    yield page
      .map((r) => CSV_COLUMNS.map(([, cell]) => csvCell(cell(r))).join(','))
      .join('\n')
      .concat('\n');
  }
}

export async function* exportJson(db: OwnerDb, userId: string, exportedAt: Date): AsyncGenerator<string> {
  const [accounts, categories] = await withUser(db, userId, (trx) =>
    Promise.all([accountQuery.accounts(trx, userId), accountQuery.categories(trx, userId)]),
  );
  yield `{"exportedAt":${JSON.stringify(exportedAt.toISOString())},"signConvention":${JSON.stringify(SIGN_CONVENTION)},"accounts":${JSON.stringify(accounts)},"categories":${JSON.stringify(categories)},"transactions":[`;
  let first = true;
  for await (const page of exportRows(db, userId)) {
    yield (first ? '' : ',') + page.map((t) => JSON.stringify(t)).join(',');
    first = false;
  }
  yield ']}\n';
}
