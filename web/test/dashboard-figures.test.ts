import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../src/api/contract-types.ts';
import { accountBalance, netWorthByCurrency } from '../src/dashboard/net-worth.ts';
import { lastTwelveMonths, periodToDate, todayIn } from '../src/dates/period.ts';

const account = (over: Partial<Account>): Account => ({
  id: crypto.randomUUID(),
  itemId: crypto.randomUUID(),
  source: 'plaid',
  openingBalanceMinor: null,
  name: 'Checking',
  officialName: null,
  mask: '0000',
  type: 'depository',
  subtype: 'checking',
  side: over.type === 'credit' || over.type === 'loan' ? 'liability' : 'asset',
  currency: 'USD',
  currentMinor: 0,
  availableMinor: null,
  limitMinor: null,
  balanceUpdatedAt: null,
  hidden: false,
  ...over,
});

describe('net worth', () => {
  it('subtracts card and loan balances from assets, per currency, leaving out hidden accounts', () => {
    const worth = netWorthByCurrency(
      [
        account({ currentMinor: 500_000 }),
        account({ type: 'credit', currentMinor: 120_050 }),
        account({ type: 'loan', currentMinor: 1_000_000 }),
        account({ currentMinor: 99_999, hidden: true }),
        account({ currency: 'EUR', currentMinor: 10_00 }),
        account({ currentMinor: null }),
      ],
      'USD',
    );
    expect(worth).toEqual([
      { currency: 'USD', assetsMinor: 500_000, liabilitiesMinor: 1_120_050, netMinor: -620_050 },
      { currency: 'EUR', assetsMinor: 1000, liabilitiesMinor: 0, netMinor: 1000 },
    ]);
  });

  it('shows a card or loan balance as a debt: negative, labelled, as it counts in net worth', () => {
    expect(accountBalance(account({ type: 'credit', currentMinor: 41_000 }))).toEqual({
      minor: -41_000,
      label: 'debt',
    });
    expect(accountBalance(account({ type: 'loan', currentMinor: 6_526_200 }))).toEqual({
      minor: -6_526_200,
      label: 'debt',
    });
    expect(accountBalance(account({ currentMinor: 11_000 }))).toEqual({ minor: 11_000, label: null });
    expect(accountBalance(account({ type: 'credit', currentMinor: null }))).toEqual({
      minor: null,
      label: 'debt',
    });
  });

  it('equals the exact integer sum of balances for any set of accounts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 40 }), (balances) => {
        const [w] = netWorthByCurrency(
          balances.map((b) => account({ currentMinor: b })),
          'USD',
        );
        expect(w?.netMinor ?? 0).toBe(balances.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('periods', () => {
  it('compares this week so far with the same days of last week (Monday first)', () => {
    expect(periodToDate('week', '2026-03-12')).toEqual({
      kind: 'week',
      current: { from: '2026-03-09', to: '2026-03-12' },
      previous: { from: '2026-03-02', to: '2026-03-05' },
    });
  });

  it('compares this month so far with the same days of last month, clamped to its length', () => {
    expect(periodToDate('lastMonth', '2026-03-12')).toEqual({
      kind: 'lastMonth',
      current: { from: '2026-02-01', to: '2026-02-28' },
      previous: { from: '2026-01-01', to: '2026-01-31' },
    });
    expect(periodToDate('month', '2026-03-31').previous).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodToDate('month', '2026-01-15')).toMatchObject({
      current: { from: '2026-01-01', to: '2026-01-15' },
      previous: { from: '2025-12-01', to: '2025-12-15' },
    });
  });

  it('takes twelve calendar months ending with the current one', () => {
    expect(lastTwelveMonths('2026-03-12')).toEqual({ from: '2025-04-01', to: '2026-03-12' });
  });

  it("reads today's date in the user's time zone, not the machine's", () => {
    const instant = new Date('2026-03-12T23:30:00Z');
    expect(todayIn('Europe/Paris', instant)).toBe('2026-03-13');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-03-12');
  });
});
