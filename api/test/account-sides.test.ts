// Every account the API lists says whether it is a debt (credit cards and loans) or an asset, by shared's
// one liability rule, so no client decides it on its own.
import * as contract from '@finsync/shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

describe('GET /accounts marks debts', () => {
  let h: TestApp;
  let client: Client;

  beforeAll(async () => {
    h = await startTestApp();
    client = await signedUpClient(h.app);
    const { itemId } = await h.ctx.newLedger(client.userId!, 1);
    for (const [name, type] of [
      ['Card', 'credit'],
      ['Student loan', 'loan'],
      ['Brokerage', 'investment'],
    ] as const) {
      await h.t.db
        .insertInto('accounts')
        .values({
          user_id: client.userId!,
          item_id: itemId,
          plaid_account_id: `${name}-${client.userId}`,
          name,
          type,
          currency: 'USD',
          current_minor: 1_000_00,
        })
        .execute();
    }
  });
  afterAll(() => h.close());

  it('lists cards and loans as liabilities and everything else as assets', async () => {
    const res = await client.request({ method: 'GET', url: '/api/v1/accounts' });
    expect(res.statusCode).toBe(200);
    const { accounts } = contract.AccountList.parse(res.json());
    expect(Object.fromEntries(accounts.map((a) => [a.name, a.side]))).toEqual({
      Brokerage: 'asset',
      Card: 'liability',
      Checking: 'asset',
      'Student loan': 'liability',
    });
  });
});
