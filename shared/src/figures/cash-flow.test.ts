import { describe, expect, it } from 'vitest';
import { type CashFlowTransaction, countedAs, countedDay, countTransaction } from './cash-flow.ts';

const categories = new Map(
  [
    { id: 'salary', kind: 'income' as const },
    { id: 'groceries', kind: 'expense' as const },
    { id: 'cash', kind: 'transfer' as const }, // Plaid's TRANSFER_OUT_WITHDRAWAL
    { id: 'moving', kind: 'transfer' as const }, // a transfer category the user made
  ].map((c) => [c.id, c]),
);
const rules = { currency: 'USD', categories };
const txn = (over: Partial<CashFlowTransaction>): CashFlowTransaction => ({
  amountMinor: 10_00,
  currency: 'USD',
  date: '2026-10-05',
  datetime: null,
  categoryId: 'groceries',
  isTransfer: false,
  excludedFromReports: false,
  pending: false,
  ...over,
});

describe('the cash-flow definition', () => {
  it.each([
    ['pending rows', { pending: true }, 'pending'],
    ['rows the user excluded', { excludedFromReports: true }, 'excludedByUser'],
    ['another currency', { currency: 'EUR' }, 'otherCurrency'],
    ['a flagged transfer', { isTransfer: true }, 'transfers'],
    ['a transfer category the user chose', { categoryId: 'moving' }, 'transfers'],
    ['a cash withdrawal', { categoryId: 'cash', amountMinor: 200_00 }, 'transfers'],
    [
      'a split whose parts are all transfers',
      {
        splits: [
          { categoryId: 'cash', amountMinor: 4_00 },
          { categoryId: 'moving', amountMinor: 6_00 },
        ],
      },
      'transfers',
    ],
  ] as const)('leaves out %s', (_, over, reason) => {
    expect(countTransaction(txn(over), rules)).toEqual({ counted: false, reason });
  });

  it('a refund lowers spending in its category; it is not income', () => {
    const refund = countTransaction(txn({ amountMinor: -25_00 }), rules);
    expect(refund).toEqual({
      counted: true,
      lines: [{ categoryKey: 'groceries', spentMinor: -25_00, incomeMinor: 0 }],
    });
    expect(countedAs(refund)).toBe('spending');
  });

  it('income categories are income either way; uncategorized money in is income, money out spending', () => {
    expect(countTransaction(txn({ categoryId: 'salary', amountMinor: -3000_00 }), rules)).toMatchObject({
      lines: [{ categoryKey: 'salary', spentMinor: 0, incomeMinor: 3000_00 }],
    });
    expect(countTransaction(txn({ categoryId: 'salary', amountMinor: 50_00 }), rules)).toMatchObject({
      lines: [{ incomeMinor: -50_00 }],
    });
    expect(countTransaction(txn({ categoryId: null, amountMinor: -7_00 }), rules)).toMatchObject({
      lines: [{ categoryKey: '', incomeMinor: 7_00, spentMinor: 0 }],
    });
    expect(countTransaction(txn({ categoryId: null, currency: null }), rules)).toMatchObject({
      lines: [{ categoryKey: '', spentMinor: 10_00 }],
    });
  });

  it('splits replace the category; their transfer parts drop out', () => {
    const counting = countTransaction(
      txn({
        amountMinor: 100_00,
        splits: [
          { categoryId: 'groceries', amountMinor: 60_00 },
          { categoryId: 'cash', amountMinor: 40_00 },
        ],
      }),
      rules,
    );
    expect(counting).toEqual({
      counted: true,
      lines: [{ categoryKey: 'groceries', spentMinor: 60_00, incomeMinor: 0 }],
    });
  });

  it("counts on the posting time's day in the user's zone, else Plaid's date", () => {
    expect(countedDay({ date: '2026-10-05', datetime: null }, 'Asia/Tokyo')).toBe('2026-10-05');
    expect(countedDay({ date: '2026-10-05', datetime: new Date('2026-10-05T20:00:00Z') }, 'Asia/Tokyo')).toBe(
      '2026-10-06',
    );
  });
});
