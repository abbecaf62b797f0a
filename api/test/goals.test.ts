import * as contract from '@finsync/shared/contract';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { aliceAndBob, type Client, startTestApp } from './support/test-app.ts';

/*
 * Savings goals through the public API: progress from the linked accounts' balances (a card counts as what is
 * owed), the monthly amount to stay on track, edits and deletion; another user's goal or account is a 404;
 * bad bodies are 400 with the field and store nothing.
 */

const NOW = new Date('2026-11-20T12:00:00Z');
type Goal = z.infer<typeof contract.Goal>;

describe('savings goals', () => {
  const u = aliceAndBob(() => startTestApp({ clock: () => NOW }));
  let savingsId = '';
  let cardId = '';
  let goal: Goal;

  beforeAll(async () => {
    savingsId = (
      await u.h.ctx.newLinkedItem(u.alice.userId!, { account: { name: 'Savings', current_minor: 3000_00 } })
    ).accountId;
    cardId = (
      await u.h.ctx.newLinkedItem(u.alice.userId!, {
        account: { name: 'Card', type: 'credit', current_minor: 500_00 },
      })
    ).accountId;
    await u.h.ctx.newLinkedItem(u.bob.userId!);
  });

  const call = (client: Client, method: string, url: string, payload?: unknown) =>
    client.call(method, url, payload);

  it('creates a goal whose plan starts from what its accounts hold, and lists it with progress', async () => {
    const res = await call(u.alice, 'POST', '/api/v1/goals', {
      name: 'Emergency fund',
      targetMinor: 8500_00,
      targetDate: '2027-05-20',
      accountIds: [savingsId, cardId],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    goal = contract.Goal.parse(res.body);
    expect(goal).toMatchObject({
      currency: 'USD',
      startMinor: 2500_00, // 3,000.00 saved less 500.00 owed on the card
      startDate: '2026-11-20',
      alertsEnabled: false,
      progress: {
        savedMinor: 2500_00,
        remainingMinor: 6000_00,
        percent: 29,
        monthsLeft: 6,
        monthlyNeededMinor: 1000_00,
        status: 'onTrack',
      },
    });
    const list = contract.GoalList.parse((await call(u.alice, 'GET', '/api/v1/goals')).body);
    expect(list.today).toBe('2026-11-20');
    expect(list.goals.map((g) => g.id)).toEqual([goal.id]);
  });

  it('edits the target, date, accounts and alerts, and deletes', async () => {
    const patched = contract.Goal.parse(
      (
        await call(u.alice, 'PATCH', `/api/v1/goals/${goal.id}`, {
          targetMinor: 3100_00,
          accountIds: [savingsId],
          alertsEnabled: true,
        })
      ).body,
    );
    expect(patched.progress).toMatchObject({
      savedMinor: 3000_00,
      remainingMinor: 100_00,
      monthlyNeededMinor: 16_67,
    });
    expect(patched.alertsEnabled).toBe(true);
    const other = contract.Goal.parse(
      (
        await call(u.alice, 'POST', '/api/v1/goals', {
          name: 'Car',
          targetMinor: 1,
          targetDate: '2026-12-01',
          accountIds: [savingsId],
        })
      ).body,
    );
    expect(other.progress.status).toBe('achieved');
    expect((await call(u.alice, 'DELETE', `/api/v1/goals/${other.id}`)).body).toEqual({ ok: true });
    expect((await call(u.alice, 'DELETE', `/api/v1/goals/${other.id}`)).status).toBe(404);
  });

  it("B never sees, edits or deletes A's goal, nor links A's account", async () => {
    expect(contract.GoalList.parse((await call(u.bob, 'GET', '/api/v1/goals')).body).goals).toEqual([]);
    for (const [method, payload] of [
      ['PATCH', { name: 'mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(u.bob, method, `/api/v1/goals/${goal.id}`, payload);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const steal = await call(u.bob, 'POST', '/api/v1/goals', {
      name: 'x',
      targetMinor: 1_00,
      targetDate: '2027-01-01',
      accountIds: [savingsId],
    });
    expect(steal.status).toBe(404);
    const rows = await u.h.t.db.selectFrom('savings_goals').select(['user_id', 'name']).execute();
    expect(rows).toEqual([{ user_id: u.alice.userId, name: 'Emergency fund' }]);
  });

  it.each([
    [{ name: 'x', targetMinor: 1_00, targetDate: '2026-11-20', accountIds: ['SAVINGS'] }, 'targetDate'],
    [{ name: 'x', targetMinor: 0, targetDate: '2027-01-01', accountIds: ['SAVINGS'] }, 'targetMinor'],
    [{ name: 'x', targetMinor: 1.5, targetDate: '2027-01-01', accountIds: ['SAVINGS'] }, 'targetMinor'],
    [{ name: 'x', targetMinor: 1_00, targetDate: '2027-01-01', accountIds: [] }, 'accountIds'],
    [{ name: '', targetMinor: 1_00, targetDate: '2027-01-01', accountIds: ['SAVINGS'] }, 'name'],
    [{ name: 'x', targetMinor: 1_00, targetDate: '2027-02-30', accountIds: ['SAVINGS'] }, 'targetDate'],
  ])('POST %j → 400 naming %s', async (body, field) => {
    const payload = { ...body, accountIds: body.accountIds.map(() => savingsId) };
    const res = await call(u.alice, 'POST', '/api/v1/goals', payload);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });

  it('generated bad bodies → 4xx in the one error shape, nothing stored', async () => {
    const digest = async () =>
      (
        await sql<{ d: string }>`SELECT md5(coalesce(string_agg(g::text, ',' ORDER BY id), '') ||
          (SELECT coalesce(string_agg(l::text, ',' ORDER BY goal_id, account_id), '') FROM savings_goal_accounts l)) AS d
          FROM savings_goals g`.execute(u.h.t.db)
      ).rows[0]!.d;
    const before = await digest();
    const invalid = (schema: z.ZodType) => fc.jsonValue().filter((v) => !schema.safeParse(v).success);
    await fc.assert(
      fc.asyncProperty(invalid(contract.GoalCreate), invalid(contract.GoalPatch), async (create, patch) => {
        for (const [method, url, body] of [
          ['POST', '/api/v1/goals', create],
          ['PATCH', `/api/v1/goals/${goal.id}`, patch],
        ] as const) {
          const res = await u.alice.request({
            method,
            url,
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, res.body).toBeLessThan(500);
          contract.ErrorBody.parse(res.json());
        }
      }),
      { numRuns: 30 },
    );
    expect(await digest()).toBe(before);
  });
});
