import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostedLedger } from '../src/items/posted-ledger.ts';

const ACCOUNTS = ['checking', 'card', 'savings'];

describe('PostedLedger', () => {
  it("keeps each account's net equal to the sum over its posted entries through any posts, re-posts and removals", () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        id: fc.integer({ min: 0, max: 20 }),
        account: fc.constantFrom(...ACCOUNTS),
        cents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 25 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const ledger = new PostedLedger();
        const truth = new Map<string, { accountId: string; cents: number }>();
        for (const o of ops) {
          if (o.kind === 'set') {
            ledger.set(`t${o.id}`, { accountId: o.account, date: '2026-11-01', cents: o.cents });
            truth.set(`t${o.id}`, { accountId: o.account, cents: o.cents });
          } else {
            ledger.delete(`t${o.id}`);
            truth.delete(`t${o.id}`);
          }
        }
        for (const account of ACCOUNTS) {
          const expected = [...truth.values()]
            .filter((e) => e.accountId === account)
            .reduce((sum, e) => sum + e.cents, 0);
          expect(ledger.net(account)).toBe(expected);
        }
        expect([...ledger.values()].length).toBe(truth.size);
      }),
    );
  });
});
