// A person marks or unmarks a transaction as a transfer, or excludes it from reports, through the API; the
// dashboard follows at once, and the automatic pairing after the next sync never undoes their choice.

import { matchTransfers } from '@finsync/shared/categorize-service';
import * as contract from '@finsync/shared/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedInLedger } from './support/test-app.ts';

describe('marking transfers and exclusions through PATCH /transactions/:id', () => {
  const f = signedInLedger(5);
  let toSavings: string;
  let fromChecking: string;

  beforeAll(async () => {
    const db = f.h.t.db;
    const checking = await db
      .selectFrom('accounts')
      .select(['id', 'item_id'])
      .where('user_id', '=', f.client.userId!)
      .executeTakeFirstOrThrow();
    const savings = await db
      .insertInto('accounts')
      .values({
        user_id: f.client.userId!,
        item_id: checking.item_id,
        plaid_account_id: `sav-${f.client.userId}`,
        name: 'Savings',
        type: 'depository',
        currency: 'USD',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const add = async (accountId: string, amount: number, name: string) =>
      (
        await db
          .insertInto('transactions')
          .values({
            user_id: f.client.userId!,
            item_id: checking.item_id,
            account_id: accountId,
            plaid_transaction_id: `pair-${name}-${f.client.userId}`,
            amount_minor: amount,
            currency: 'USD',
            date: '2026-11-20',
            raw_name: name,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    toSavings = await add(checking.id, 500_00, 'ONLINE TRANSFER TO SAV');
    fromChecking = await add(savings.id, -500_00, 'ONLINE TRANSFER FROM CHK');
    expect((await matchTransfers(db, f.client.userId!)).pairs).toHaveLength(1);
  });

  const req: Client['api'] = (...call) => f.client.api(...call);
  const november = async () =>
    contract.DashboardSummary.parse(await req('GET', '/dashboard/summary?from=2026-11-01&to=2026-11-30'));

  it('unmarking one leg of a pair unpairs both, and the next pairing run leaves them unmarked', async () => {
    // The 500.00 pair is a transfer: in neither figure.
    const before = await november();
    const unmarked = contract.Transaction.parse(
      await req('PATCH', `/transactions/${toSavings}`, { isTransfer: false }),
    );
    expect(unmarked).toMatchObject({ isTransfer: false });
    expect(unmarked.lockedFields).toContain('isTransfer');
    expect(contract.Transaction.parse(await req('GET', `/transactions/${fromChecking}`)).isTransfer).toBe(
      false,
    );
    expect(await november()).toMatchObject({
      spentMinor: before.spentMinor + 500_00,
      incomeMinor: before.incomeMinor + 500_00,
    });

    // What the worker runs after every sync: the person's choice and the rejected pair both stick.
    expect((await matchTransfers(f.h.t.db, f.client.userId!)).pairs).toEqual([]);
    expect(contract.Transaction.parse(await req('GET', `/transactions/${toSavings}`)).isTransfer).toBe(false);
    expect(contract.Transaction.parse(await req('GET', `/transactions/${fromChecking}`)).isTransfer).toBe(
      false,
    );
  });

  it('marks any transaction as a transfer or excludes it from reports, and the dashboard follows', async () => {
    const before = await november();
    const coffee = f.seeded.transactionIds[4]!; // 50.00 spent
    const marked = contract.Transaction.parse(
      await req('PATCH', `/transactions/${coffee}`, { isTransfer: true }),
    );
    expect(marked.isTransfer).toBe(true);
    expect((await november()).spentMinor).toBe(before.spentMinor - 50_00);
    await req('PATCH', `/transactions/${coffee}`, { isTransfer: false });
    expect((await november()).spentMinor).toBe(before.spentMinor);

    const other = f.seeded.transactionIds[3]!; // 40.00 spent
    const excluded = contract.Transaction.parse(
      await req('PATCH', `/transactions/${other}`, { excludedFromReports: true }),
    );
    expect(excluded).toMatchObject({ excludedFromReports: true });
    expect(excluded.lockedFields).toContain('excludedFromReports');
    expect((await november()).spentMinor).toBe(before.spentMinor - 40_00);
    const bulk = await req('POST', '/transactions/bulk', {
      ids: [other],
      patch: { excludedFromReports: false },
    });
    expect(bulk).toEqual({ updated: 1 });
    expect((await november()).spentMinor).toBe(before.spentMinor);
  });

  it('refuses bad input with the field named, changing nothing', async () => {
    const id = f.seeded.transactionIds[2]!;
    const before = await req('GET', `/transactions/${id}`);
    const bad = await req('PATCH', `/transactions/${id}`, { isTransfer: 'yes' }, 400);
    expect(JSON.stringify(bad)).toContain('isTransfer');
    await req('PATCH', `/transactions/${id}`, { excludedFromReports: null }, 400);
    await req('PATCH', `/transactions/${id}`, { isTransfer: true, transferPairId: toSavings }, 400);
    await req('PATCH', '/transactions/00000000-0000-4000-8000-000000000000', { isTransfer: true }, 404);
    expect(await req('GET', `/transactions/${id}`)).toEqual(before);
  });

  it('documents the two flags in the OpenAPI contract', async () => {
    const res = await f.h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json() as {
      paths: Record<
        string,
        Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    const patch = Object.entries(doc.paths).find(([path]) => path.endsWith('/transactions/{id}'))?.[1].patch;
    const schema = JSON.stringify(patch?.requestBody.content['application/json']?.schema);
    expect(schema).toContain('"isTransfer":{"type":"boolean"');
    expect(schema).toContain('"excludedFromReports":{"type":"boolean"');
  });

  it('asks for another category when the transaction’s category itself is a transfer category', async () => {
    const categories = contract.CategoryList.parse(await req('GET', '/categories')).categories;
    const cardPayment = categories.find((c) => c.key === 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT')!;
    const groceries = categories.find((c) => c.key === 'FOOD_AND_DRINK_GROCERIES')!;
    const id = f.seeded.transactionIds[2]!; // 30.00 out
    const counted = await november();
    await req('PATCH', `/transactions/${id}`, { categoryId: cardPayment.id });
    expect((await november()).spentMinor).toBe(counted.spentMinor - 30_00);
    const refused = await req('PATCH', `/transactions/${id}`, { isTransfer: false }, 400);
    expect(refused.error.details).toEqual([
      { path: 'body.categoryId', message: expect.stringContaining('Credit card payment') },
    ]);
    await req('PATCH', `/transactions/${id}`, { isTransfer: false, categoryId: cardPayment.id }, 400);
    const fixed = contract.Transaction.parse(
      await req('PATCH', `/transactions/${id}`, { isTransfer: false, categoryId: groceries.id }),
    );
    expect(fixed).toMatchObject({ isTransfer: false, categoryId: groceries.id });
    expect((await november()).spentMinor).toBe(counted.spentMinor);
  });
});
