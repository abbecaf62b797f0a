import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../reports/local-date.ts';
import {
  type BalanceAccount,
  balanceEffect,
  type DayFlow,
  netWorthTotals,
  reconstructBalances,
} from './reconstruct-balances.ts';

const checking: BalanceAccount = {
  id: 'chk',
  side: 'asset',
  currency: 'USD',
  currentMinor: 1000_00,
  asOf: '2026-11-10',
};
const card: BalanceAccount = {
  id: 'card',
  side: 'liability',
  currency: 'USD',
  currentMinor: 300_00,
  asOf: '2026-11-10',
};

describe('reconstructBalances', () => {
  it('walks an asset back: money out (positive) on a day means more was held the day before', () => {
    const [h] = reconstructBalances({
      accounts: [checking],
      flows: [
        { accountId: 'chk', date: '2026-11-09', amountMinor: 45_50 }, // a purchase
        { accountId: 'chk', date: '2026-11-10', amountMinor: -2000_00 }, // pay day
      ],
      snapshots: [],
      from: '2026-11-07',
      to: '2026-11-10',
    });
    expect(h!.points).toEqual([
      { date: '2026-11-07', balanceMinor: -954_50, estimated: true },
      { date: '2026-11-08', balanceMinor: -954_50, estimated: true },
      { date: '2026-11-09', balanceMinor: -1000_00, estimated: true },
      { date: '2026-11-10', balanceMinor: 1000_00, estimated: false },
    ]);
  });

  it('walks a card back: a purchase (positive) raised what is owed, a payment (negative) lowered it', () => {
    const [h] = reconstructBalances({
      accounts: [card],
      flows: [
        { accountId: 'card', date: '2026-11-09', amountMinor: 20_00 },
        { accountId: 'card', date: '2026-11-10', amountMinor: -100_00 },
      ],
      snapshots: [],
      from: '2026-11-08',
      to: '2026-11-10',
    });
    expect(h!.points.map((p) => [p.date, p.balanceMinor])).toEqual([
      ['2026-11-08', 380_00],
      ['2026-11-09', 400_00],
      ['2026-11-10', 300_00],
    ]);
  });

  it('takes a recorded snapshot as real and walks on from it', () => {
    const [h] = reconstructBalances({
      accounts: [checking],
      flows: [{ accountId: 'chk', date: '2026-11-06', amountMinor: 10_00 }],
      snapshots: [{ accountId: 'chk', date: '2026-11-08', currentMinor: 700_00 }],
      from: '2026-11-05',
      to: '2026-11-10',
    });
    expect(h!.points).toEqual([
      { date: '2026-11-05', balanceMinor: 710_00, estimated: true },
      { date: '2026-11-06', balanceMinor: 700_00, estimated: true },
      { date: '2026-11-07', balanceMinor: 700_00, estimated: true },
      { date: '2026-11-08', balanceMinor: 700_00, estimated: false },
      { date: '2026-11-09', balanceMinor: 1000_00, estimated: true },
      { date: '2026-11-10', balanceMinor: 1000_00, estimated: false },
    ]);
  });

  it('counts a movement dated after asOf as already in the current balance', () => {
    const [h] = reconstructBalances({
      accounts: [checking],
      flows: [{ accountId: 'chk', date: '2026-11-11', amountMinor: 5_00 }],
      snapshots: [],
      from: '2026-11-10',
      to: '2026-11-11',
    });
    expect(h!.points.map((p) => p.balanceMinor)).toEqual([1005_00, 1000_00]);
  });

  it('totals per currency with liabilities subtracted, never adding currencies', () => {
    const eur: BalanceAccount = { ...checking, id: 'eur', currency: 'EUR', currentMinor: 50_00 };
    const totals = netWorthTotals(
      reconstructBalances({
        accounts: [checking, card, eur],
        flows: [],
        snapshots: [],
        from: '2026-11-10',
        to: '2026-11-10',
      }),
    );
    expect(totals).toEqual([
      {
        currency: 'USD',
        points: [
          {
            date: '2026-11-10',
            assetsMinor: 1000_00,
            liabilitiesMinor: 300_00,
            netMinor: 700_00,
            estimated: false,
          },
        ],
      },
      {
        currency: 'EUR',
        points: [
          { date: '2026-11-10', assetsMinor: 50_00, liabilitiesMinor: 0, netMinor: 50_00, estimated: false },
        ],
      },
    ]);
  });
});

const side = fc.constantFrom('asset' as const, 'liability' as const);
const amount = fc.integer({ min: -500_000_00, max: 500_000_00 });
const flowsArb = fc.array(fc.record({ day: fc.integer({ min: 0, max: 59 }), amountMinor: amount }), {
  maxLength: 40,
});
const START = '2026-09-01';
const AS_OF = addDays(START, 59);

describe('reconstructBalances properties', () => {
  it('walking forward from the reconstructed first day through the movements gives back the current balance', () => {
    fc.assert(
      fc.property(side, amount, flowsArb, (s, current, raw) => {
        const flows: DayFlow[] = raw.map((f) => ({
          accountId: 'a',
          date: addDays(START, f.day),
          amountMinor: f.amountMinor,
        }));
        const [h] = reconstructBalances({
          accounts: [{ id: 'a', side: s, currency: 'USD', currentMinor: current, asOf: AS_OF }],
          flows,
          snapshots: [],
          from: addDays(START, -1),
          to: AS_OF,
        });
        let balance = h!.points[0]!.balanceMinor;
        for (const p of h!.points.slice(1)) {
          for (const f of flows) if (f.date === p.date) balance += balanceEffect(s, f.amountMinor);
          expect(balance).toBe(p.balanceMinor);
        }
        expect(balance).toBe(current);
      }),
    );
  });

  it('money out (a positive amount) lowers an asset and raises a debt; net worth falls either way', () => {
    fc.assert(
      fc.property(
        side,
        amount,
        fc.integer({ min: 1, max: 1_000_000_00 }),
        fc.integer({ min: 1, max: 58 }),
        (s, current, out, day) => {
          const date = addDays(START, day);
          const [h] = reconstructBalances({
            accounts: [{ id: 'a', side: s, currency: 'USD', currentMinor: current, asOf: AS_OF }],
            flows: [{ accountId: 'a', date, amountMinor: out }],
            snapshots: [],
            from: START,
            to: AS_OF,
          });
          const before = h!.points.find((p) => p.date === addDays(date, -1))!.balanceMinor;
          const after = h!.points.find((p) => p.date === date)!.balanceMinor;
          expect(after - before).toBe(s === 'asset' ? -out : out);
          const [total] = netWorthTotals([h!]);
          const netBefore = total!.points.find((p) => p.date === addDays(date, -1))!.netMinor;
          const netAfter = total!.points.find((p) => p.date === date)!.netMinor;
          expect(netAfter - netBefore).toBe(-out);
        },
      ),
    );
  });

  it('net worth is assets less liabilities on every day, and a day is estimated only off the snapshots', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            s: side,
            current: amount,
            flows: flowsArb,
            snapDay: fc.option(fc.integer({ min: 0, max: 59 })),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (accounts) => {
          const histories = reconstructBalances({
            accounts: accounts.map((a, i) => ({
              id: `a${i}`,
              side: a.s,
              currency: 'USD',
              currentMinor: a.current,
              asOf: AS_OF,
            })),
            flows: accounts.flatMap((a, i) =>
              a.flows.map((f) => ({
                accountId: `a${i}`,
                date: addDays(START, f.day),
                amountMinor: f.amountMinor,
              })),
            ),
            snapshots: accounts.flatMap((a, i) =>
              a.snapDay === null
                ? []
                : [{ accountId: `a${i}`, date: addDays(START, a.snapDay), currentMinor: 42 }],
            ),
            from: START,
            to: AS_OF,
          });
          for (const [i, h] of histories.entries()) {
            const snapDay = accounts[i]!.snapDay;
            for (const p of h.points) {
              const real = p.date === AS_OF || (snapDay !== null && p.date === addDays(START, snapDay));
              expect(p.estimated).toBe(!real);
              if (snapDay !== null && p.date === addDays(START, snapDay) && p.date !== AS_OF)
                expect(p.balanceMinor).toBe(42);
            }
          }
          for (const p of netWorthTotals(histories)[0]!.points) {
            const on = histories.map((h) => ({
              side: h.side,
              b: h.points.find((q) => q.date === p.date)!.balanceMinor,
            }));
            const assets = on.filter((x) => x.side === 'asset').reduce((t, x) => t + x.b, 0);
            const debts = on.filter((x) => x.side === 'liability').reduce((t, x) => t + x.b, 0);
            expect([p.assetsMinor, p.liabilitiesMinor, p.netMinor]).toEqual([assets, debts, assets - debts]);
          }
        },
      ),
    );
  });
});
