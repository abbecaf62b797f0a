import { describe, expect, it } from 'vitest';
import {
  type CategorizableTransaction,
  uncategorizedTransaction,
} from '../categorize/categorizable-transaction.ts';
import { type Precategorizer, precategorizeRows, type StagedCategorization } from './precategorize.ts';
import { plaidTxn } from './sync-fixtures.test-support.ts';
import { toSyncedTransaction } from './synced-records.ts';

/*
 * A run's rows are categorized in memory as the rows they become if inserted, before they are staged; a row
 * whose account the item does not know yet, and a row the categorizer leaves (a split), go to the backlog.
 */

const decision = (payee: string): StagedCategorization => ({
  payee,
  notes: null,
  tags: [],
  isTransfer: false,
  excludedFromReports: false,
  categoryId: 'cat-1',
  categorySource: 'plaid',
  categoryRuleId: null,
  categoryConfidence: null,
  needsReview: false,
});

/** A categorizer that records what it was given, and leaves the rows named in `leaves` to the backlog. */
function recording(leaves: ReadonlySet<string> = new Set()) {
  const seen: CategorizableTransaction[] = [];
  const categorizer: Precategorizer = {
    categorize: async (rows) => {
      seen.push(...rows);
      return rows.map((r) => (leaves.has(r.rawName) ? null : decision(`payee ${r.rawName}`)));
    },
    record: async () => {},
  };
  return { categorizer, seen };
}

const txns = [
  toSyncedTransaction(plaidTxn('a', { name: 'A', merchant_name: 'Shop A', amount: 5.5, pending: true })),
  toSyncedTransaction(plaidTxn('b', { name: 'B', account_id: 'acc-unknown' })),
  toSyncedTransaction(
    plaidTxn('c', {
      name: 'C',
      merchant_name: null,
      iso_currency_code: null,
      unofficial_currency_code: 'BTC',
    }),
  ),
  toSyncedTransaction(plaidTxn('d', { name: 'D' })),
];
const accounts = new Map([['acc-1', 'account-1']]);

describe('precategorizeRows', () => {
  it('categorizes the rows of known accounts as new rows, and gives each decision the id its row was given', async () => {
    const { categorizer, seen } = recording(new Set(['D']));
    const staged = await precategorizeRows(categorizer, accounts, txns);
    expect(staged.map((s) => s.txn)).toEqual(txns);
    expect(seen.map((r) => r.rawName)).toEqual(['A', 'C', 'D']);
    // The row it becomes if inserted: nothing categorized, edited or locked yet.
    expect(seen[0]).toEqual(
      uncategorizedTransaction({
        id: seen[0]?.id as string,
        accountId: 'account-1',
        amountMinor: 550,
        currency: 'USD',
        date: '2026-11-20',
        rawName: 'A',
        merchantName: 'Shop A',
        payee: 'Shop A',
        pending: true,
        pfcPrimary: 'GENERAL_MERCHANDISE',
        pfcDetailed: 'GENERAL_MERCHANDISE_OTHER',
        pfcConfidence: null,
      }),
    );
    // The unofficial currency stands in for a missing ISO code; no merchant name, no payee.
    expect(seen[1]).toMatchObject({ currency: 'BTC', merchantName: null, payee: null });
    expect(new Set(seen.map((r) => r.id)).size).toBe(3);
    expect(staged.map((s) => s.categorized)).toEqual([
      { id: seen[0]?.id, fields: decision('payee A') },
      null,
      { id: seen[1]?.id, fields: decision('payee C') },
      null,
    ]);
  });

  it('leaves every row to the backlog without a categorizer, or when no row has a known account', async () => {
    expect((await precategorizeRows(null, accounts, txns)).map((s) => s.categorized)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const { categorizer, seen } = recording();
    const staged = await precategorizeRows(categorizer, new Map(), txns);
    expect(staged.map((s) => [s.txn.plaidTransactionId, s.categorized])).toEqual([
      ['a', null],
      ['b', null],
      ['c', null],
      ['d', null],
    ]);
    expect(seen).toEqual([]);
  });
});
