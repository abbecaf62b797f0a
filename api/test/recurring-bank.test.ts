import { recurringSeriesKey } from '@finsync/shared/categorize';
import * as contract from '@finsync/shared/contract';
import { describe, expect, it } from 'vitest';
import { aliceAndBob, onEmulator } from './support/test-app.ts';

/*
 * The bills page's cross-check with the bank: GET /api/v1/recurring/bank asks Plaid's
 * /transactions/recurring/get (the emulator) for each live connection and pairs each stream with finsync's
 * series of the same merchant and direction; another user sees none of them.
 */
describe('GET /api/v1/recurring/bank', () => {
  const plaid = onEmulator();
  const u = aliceAndBob(plaid.start);

  it("lists the bank's streams, each with the series finsync found for it", async () => {
    const sandbox = (await (
      await fetch(`${plaid.emulator.url}/emulator/sandbox-items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({}),
      })
    ).json()) as { public_token: string; access_token: string };
    const exchanged = await u.alice.request({
      method: 'POST',
      url: '/api/v1/items/exchange',
      payload: { publicToken: sandbox.public_token },
    });
    expect(exchanged.statusCode, exchanged.body).toBe(201);
    const before = contract.BankRecurringCheck.parse(
      (await u.alice.request({ method: 'GET', url: '/api/v1/recurring/bank' })).json(),
    );
    expect(before.unavailable).toBe(0);
    expect(before.streams.length).toBeGreaterThan(0);
    expect(before.streams.every((s) => s.seriesId === null)).toBe(true);

    // finsync's own series for the first outgoing stream's merchant.
    const stream = before.streams.find((s) => s.direction === 'outflow')!;
    const payee = stream.merchantName ?? stream.description;
    const row = await u.h.t.db
      .insertInto('recurring_series')
      .values({
        user_id: u.alice.userId!,
        series_key: recurringSeriesKey({ payee, amountMinor: 1, currency: 'USD' }),
        payee,
        cadence: 'monthly',
        direction: 'outflow',
        typical_amount_minor: 1,
        last_amount_minor: 1,
        currency: 'USD',
        last_date: stream.lastDate,
        next_expected_date: stream.lastDate,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = contract.BankRecurringCheck.parse(
      (await u.alice.request({ method: 'GET', url: '/api/v1/recurring/bank' })).json(),
    );
    expect(after.streams.filter((s) => s.seriesId === row.id).map((s) => s.description)).toContain(
      stream.description,
    );

    const bobs = contract.BankRecurringCheck.parse(
      (await u.bob.request({ method: 'GET', url: '/api/v1/recurring/bank' })).json(),
    );
    expect(bobs).toEqual({ streams: [], unavailable: 0 });
  });
});
