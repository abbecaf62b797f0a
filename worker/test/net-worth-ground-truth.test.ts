import { toMinor } from '@finsync/shared/money';
import { netWorthHistory } from '@finsync/shared/net-worth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TODAY, type DemoHousehold, startDemoHousehold } from './demo-household.ts';
import { admin } from './sync-harness.ts';

/*
 * Balance history walked back from today's balances equals the emulator's ground truth — each account's balance
 * at the end of every day, walked forward from its opening balance — to the cent, on the day of the first sync
 * and after the bank's days move on (a second sync, a balance snapshot between them).
 */

interface GroundTruth {
  accounts: { account_id: string; balances: { iso_currency_code: string } }[];
  balances: { account_id: string; date: string; current: number }[];
}

describe('net worth history against the emulator ground truth', () => {
  let household: DemoHousehold;
  let now = new Date(`${DEMO_TODAY}T18:00:00Z`);

  beforeAll(async () => {
    household = await startDemoHousehold(inject('pgTemplate'), { clock: () => now });
  });
  afterAll(() => household?.close());

  /** Ground truth and finsync's history, as plaid account id → date → minor units. */
  async function compare(): Promise<{
    truth: Map<string, Map<string, number>>;
    ours: Map<string, Map<string, number>>;
  }> {
    const truth = await admin<GroundTruth>(
      household.emulatorUrl,
      'GET',
      `/emulator/items/${household.plaidItemId}/ground-truth`,
    );
    const currency = new Map(truth.accounts.map((a) => [a.account_id, a.balances.iso_currency_code]));
    const truthByAccount = new Map<string, Map<string, number>>();
    for (const b of truth.balances) {
      const days = truthByAccount.get(b.account_id) ?? new Map<string, number>();
      days.set(b.date, toMinor(b.current.toFixed(2), currency.get(b.account_id)));
      truthByAccount.set(b.account_id, days);
    }
    const db = household.tdb.db;
    const plaidIds = new Map(
      (
        await db
          .selectFrom('accounts')
          .select(['id', 'plaid_account_id'])
          .where('user_id', '=', household.userId)
          .execute()
      ).map((a) => [a.id, a.plaid_account_id!]),
    );
    const history = await netWorthHistory(db, household.userId, {}, now);
    const ours = new Map<string, Map<string, number>>();
    for (const a of history.accounts)
      ours.set(plaidIds.get(a.accountId)!, new Map(a.points.map((p) => [p.date, p.balanceMinor])));
    return { truth: truthByAccount, ours };
  }

  it('on the day of the first sync, every account on every day of its history', async () => {
    const { truth, ours } = await compare();
    expect(truth.size).toBeGreaterThanOrEqual(5); // checking, savings, CD, card, money market, loans
    let days = 0;
    for (const [accountId, truthDays] of truth) {
      const mine = ours.get(accountId);
      expect(mine, accountId).toBeDefined();
      for (const [date, minor] of truthDays) {
        expect(mine!.get(date), `${accountId} ${date}`).toBe(minor);
        days++;
      }
    }
    expect(days).toBeGreaterThan(300);
    // The history moved: a household's checking balance is not one flat line.
    const checking = [...truth.values()].find((d) => new Set(d.values()).size > 30);
    expect(checking).toBeDefined();
  });

  it('after the bank moves four days on and a second sync: the days since the first snapshot', async () => {
    await admin(household.emulatorUrl, 'POST', `/emulator/items/${household.plaidItemId}/advance`, {
      days: 4,
    });
    now = new Date('2026-12-03T18:00:00Z');
    await household.sync();
    const { truth, ours } = await compare();
    for (const [accountId, truthDays] of truth) {
      for (const [date, minor] of truthDays) {
        // On and before the first sync's snapshot day, the snapshot is what the bank said then; the emulator
        // may since have taken back a posted transaction as if it never happened, which a bank does not do.
        if (date <= DEMO_TODAY) continue;
        expect(ours.get(accountId)!.get(date), `${accountId} ${date}`).toBe(minor);
      }
      expect(ours.get(accountId)!.get('2026-12-03')).toBe(truthDays.get('2026-12-03'));
    }
  });
});
