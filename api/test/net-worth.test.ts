import * as contract from '@finsync/shared/contract';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { aliceAndBob, startTestApp } from './support/test-app.ts';

/*
 * GET /api/v1/net-worth through the public API: the history starts the day before the first posted transaction
 * (the day of the first sync already has it), a card is a debt, snapshots replace the estimate, another user's
 * accounts never count, bad queries are 400 with the field.
 */

// 20 Nov 2026, 12:00 UTC.
const NOW = new Date('2026-11-20T12:00:00Z');

describe('GET /api/v1/net-worth', () => {
  const u = aliceAndBob(() => startTestApp({ clock: () => NOW }));
  let checkingId = '';
  let cardId = '';

  beforeAll(async () => {
    const checking = await u.h.ctx.newLinkedItem(u.alice.userId!, { account: { current_minor: 1000_00 } });
    const card = await u.h.ctx.newLinkedItem(u.alice.userId!, {
      account: { name: 'Card', type: 'credit', current_minor: 200_00 },
    });
    checkingId = checking.accountId;
    cardId = card.accountId;
    await u.h.ctx.newTransactions(u.alice.userId!, checking, [
      { date: '2026-11-17', amount_minor: -500_00, raw_name: 'PAYROLL' }, // money in
      { date: '2026-11-19', amount_minor: 40_00 }, // money out
      { date: '2026-11-20', amount_minor: 7_00, pending: true }, // not in the current balance
    ]);
    await u.h.ctx.newTransactions(u.alice.userId!, card, [{ date: '2026-11-18', amount_minor: 60_00 }]);
    await u.h.t.db
      .insertInto('balance_snapshots')
      .values({
        user_id: u.alice.userId!,
        account_id: checkingId,
        date: '2026-11-18',
        current_minor: 1041_00,
        currency: 'USD',
      })
      .execute();
    const bobs = await u.h.ctx.newLinkedItem(u.bob.userId!, { account: { current_minor: 5_00 } });
    await u.h.ctx.newTransactions(u.bob.userId!, bobs, [{ date: '2026-11-19', amount_minor: 1_00 }]);
  });

  it('walks back from the current balances from the day before the first transaction to today', async () => {
    const res = await u.alice.request({ method: 'GET', url: '/api/v1/net-worth' });
    expect(res.statusCode, res.body).toBe(200);
    const body = contract.NetWorthHistory.parse(res.json());
    expect([body.from, body.to, body.today, body.estimated]).toEqual([
      '2026-11-16',
      '2026-11-20',
      '2026-11-20',
      true,
    ]);
    const checking = body.accounts.find((a) => a.accountId === checkingId)!;
    expect(checking.points).toEqual([
      { date: '2026-11-16', balanceMinor: 541_00, estimated: true },
      { date: '2026-11-17', balanceMinor: 1041_00, estimated: true },
      { date: '2026-11-18', balanceMinor: 1041_00, estimated: false }, // the bank's snapshot
      { date: '2026-11-19', balanceMinor: 1000_00, estimated: true },
      { date: '2026-11-20', balanceMinor: 1000_00, estimated: false },
    ]);
    const card = body.accounts.find((a) => a.accountId === cardId)!;
    expect(card.side).toBe('liability');
    expect(card.points.map((p) => p.balanceMinor)).toEqual([140_00, 140_00, 200_00, 200_00, 200_00]);
    expect(body.totals).toHaveLength(1);
    expect(
      body.totals[0]!.points.map((p) => [p.date, p.assetsMinor, p.liabilitiesMinor, p.netMinor]),
    ).toEqual([
      ['2026-11-16', 541_00, 140_00, 401_00],
      ['2026-11-17', 1041_00, 140_00, 901_00],
      ['2026-11-18', 1041_00, 200_00, 841_00],
      ['2026-11-19', 1000_00, 200_00, 800_00],
      ['2026-11-20', 1000_00, 200_00, 800_00],
    ]);
  });

  it('answers a range', async () => {
    const res = await u.alice.request({
      method: 'GET',
      url: '/api/v1/net-worth?from=2026-11-19&to=2026-11-19',
    });
    const body = contract.NetWorthHistory.parse(res.json());
    expect(body.totals[0]!.points).toEqual([
      {
        date: '2026-11-19',
        assetsMinor: 1000_00,
        liabilitiesMinor: 200_00,
        netMinor: 800_00,
        estimated: true,
      },
    ]);
  });

  it("never counts another user's accounts", async () => {
    const body = contract.NetWorthHistory.parse(
      (await u.bob.request({ method: 'GET', url: '/api/v1/net-worth' })).json(),
    );
    expect(body.accounts.map((a) => a.accountId)).not.toContain(checkingId);
    expect(body.accounts).toHaveLength(1);
    expect(body.totals[0]!.points.map((p) => p.netMinor)).toEqual([6_00, 5_00, 5_00]);
  });

  it('needs a session', async () => {
    const res = await u.h.app.inject({ method: 'GET', url: '/api/v1/net-worth' });
    expect(res.statusCode).toBe(401);
  });

  it.each([
    ['from=2026-11-20&to=2026-11-01', 'from'],
    ['from=2026-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['from=2000-01-01&to=2026-11-20', 'to'],
    ['step=week', ''],
  ])('?%s → 400 naming the field', async (query, field) => {
    const res = await u.alice.request({ method: 'GET', url: `/api/v1/net-worth?${query}` });
    expect(res.statusCode, res.body).toBe(400);
    const body = contract.ErrorBody.parse(res.json());
    expect(body.error.code).toBe('VALIDATION_FAILED');
    if (field) expect(JSON.stringify(body.error.details)).toContain(field);
  });

  it('generated query strings → 200 or 400, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('from', 'to', 'x'),
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.date().map((d) => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10))),
          ),
        ),
        async (query) => {
          const res = await u.alice.request({
            method: 'GET',
            url: `/api/v1/net-worth?${new URLSearchParams(query).toString()}`,
          });
          expect([200, 400], res.body).toContain(res.statusCode);
          if (res.statusCode === 400) contract.ErrorBody.parse(res.json());
        },
      ),
      { numRuns: 40 },
    );
  });
});
