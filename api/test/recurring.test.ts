import * as contract from '@finsync/shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

// 29 Nov 2026, 12:00 UTC.
const NOW = new Date('2026-11-29T12:00:00Z');

describe('recurring series and upcoming bills API', () => {
  let h: TestApp;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    h = await startTestApp({ clock: () => NOW });
    alice = await signedUpClient(h.app);
    bob = await signedUpClient(h.app);
    const row = (payee: string, over: Record<string, unknown>) => ({
      user_id: alice.userId!,
      series_key: `key-${payee}`,
      payee,
      cadence: 'monthly' as const,
      direction: 'outflow' as const,
      typical_amount_minor: 17_99,
      last_amount_minor: 17_99,
      currency: 'USD',
      last_date: '2026-11-05',
      next_expected_date: '2026-12-05',
      ...over,
    });
    await h.t.db
      .insertInto('recurring_series')
      .values([
        row('Netflix', {}),
        row('Gym', {
          cadence: 'weekly',
          typical_amount_minor: 10_00,
          last_date: '2026-11-23',
          next_expected_date: '2026-11-30',
        }),
        row('Acme payroll', {
          direction: 'inflow',
          cadence: 'biweekly',
          typical_amount_minor: 2000_00,
          next_expected_date: '2026-12-11',
        }),
        row('Power', { status: 'late', next_expected_date: '2026-11-20', typical_amount_minor: 80_00 }),
        row('Old', { status: 'ended' }),
        row('Euro thing', { currency: 'EUR' }),
      ])
      .execute();
  });
  afterAll(() => h.close());

  it('lists every series with its band and the next 30 days with the expected totals', async () => {
    const res = await alice.request({ method: 'GET', url: '/api/v1/recurring' });
    expect(res.statusCode, res.body).toBe(200);
    const view = contract.RecurringView.parse(res.json());
    expect(view.series).toHaveLength(6);
    expect(view.series.find((s) => s.payee === 'Netflix')).toMatchObject({
      lowMinor: 12_60,
      highMinor: 23_38,
    });
    expect(view.upcoming).toMatchObject({ from: '2026-11-29', to: '2026-12-28' });
    expect(
      view.upcoming.occurrences.map((o) => `${o.date} ${o.payee}${o.overdue ? ' (overdue)' : ''}`),
    ).toEqual([
      '2026-11-20 Power (overdue)',
      '2026-11-30 Gym',
      '2026-12-05 Netflix',
      '2026-12-07 Gym',
      '2026-12-11 Acme payroll',
      '2026-12-14 Gym',
      '2026-12-20 Power',
      '2026-12-21 Gym',
      '2026-12-25 Acme payroll',
      '2026-12-28 Gym',
    ]);
    // Power twice, Netflix once, Gym five times; the EUR series and the ended one are left out.
    expect(view.upcoming.outflowMinor).toBe(2 * 80_00 + 17_99 + 5 * 10_00);
    expect(view.upcoming.inflowMinor).toBe(4000_00);
    const week = contract.RecurringView.parse(
      (await alice.request({ method: 'GET', url: '/api/v1/recurring?days=7' })).json(),
    );
    expect(week.upcoming.to).toBe('2026-12-05');
  });

  it('confirm, dismiss and correct a series: dismissed leaves the calendar, a corrected cadence moves it, bad input stores nothing', async () => {
    const view = contract.RecurringView.parse(
      (await alice.request({ method: 'GET', url: '/api/v1/recurring' })).json(),
    );
    const id = (payee: string) => view.series.find((s) => s.payee === payee)!.id;
    const patch = (seriesId: string, payload: object) =>
      alice.request({ method: 'PATCH', url: `/api/v1/recurring/${seriesId}`, payload });
    const confirmed = await patch(id('Netflix'), { decision: 'confirmed' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(contract.RecurringSeries.parse(confirmed.json())).toMatchObject({
      decision: 'confirmed',
      edited: false,
    });
    expect((await patch(id('Power'), { decision: 'dismissed' })).json()).toMatchObject({
      decision: 'dismissed',
    });
    // The gym is really every two weeks, at 12.50.
    const gym = (await patch(id('Gym'), { cadence: 'biweekly', typicalAmountMinor: 12_50 })).json();
    expect(gym).toMatchObject({
      cadence: 'biweekly',
      typicalAmountMinor: 12_50,
      nextExpectedDate: '2026-12-07',
      edited: true,
    });
    const after = contract.RecurringView.parse(
      (await alice.request({ method: 'GET', url: '/api/v1/recurring' })).json(),
    );
    expect(after.upcoming.occurrences.map((o) => `${o.date} ${o.payee}`)).toEqual([
      '2026-12-05 Netflix',
      '2026-12-07 Gym',
      '2026-12-11 Acme payroll',
      '2026-12-21 Gym',
      '2026-12-25 Acme payroll',
    ]);
    expect(after.upcoming.outflowMinor).toBe(17_99 + 2 * 12_50);
    // Undo: null clears a field.
    expect((await patch(id('Gym'), { cadence: null, typicalAmountMinor: null })).json()).toMatchObject({
      cadence: 'weekly',
      edited: false,
    });

    const before = await h.t.db.selectFrom('recurring_decisions').selectAll().orderBy('series_id').execute();
    for (const payload of [
      { decision: 'maybe' },
      { cadence: 'daily' },
      { typicalAmountMinor: 0 },
      { typicalAmountMinor: 1.5 },
      { extra: 1 },
    ]) {
      const res = await patch(id('Netflix'), payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(contract.ErrorBody.parse(res.json()).error.code).toBe('VALIDATION_FAILED');
    }
    expect((await patch('00000000-0000-4000-8000-000000000000', { decision: 'confirmed' })).statusCode).toBe(
      404,
    );
    // Another user's series is the same 404, and stays as it was.
    const theirs = await bob.request({
      method: 'PATCH',
      url: `/api/v1/recurring/${id('Netflix')}`,
      payload: { decision: 'dismissed' },
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('NOT_FOUND');
    expect(await h.t.db.selectFrom('recurring_decisions').selectAll().orderBy('series_id').execute()).toEqual(
      before,
    );
  });

  it('another user sees none of them; bad input is a 400 naming the field', async () => {
    const res = await bob.request({ method: 'GET', url: '/api/v1/recurring' });
    expect(res.json()).toEqual({
      series: [],
      upcoming: { from: '2026-11-29', to: '2026-12-28', occurrences: [], outflowMinor: 0, inflowMinor: 0 },
    });
    for (const q of ['days=0', 'days=93', 'days=x', 'days=1.5', 'other=1']) {
      const bad = await alice.request({ method: 'GET', url: `/api/v1/recurring?${q}` });
      expect(bad.statusCode, q).toBe(400);
      const body = contract.ErrorBody.parse(bad.json());
      expect(body.error.code).toBe('VALIDATION_FAILED');
    }
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain('/api/v1/recurring');
  });

  it('adds a bill by hand on an account, shows it in the calendar, deletes it; a detected one is not deletable', async () => {
    const account = await h.ctx.newLinkedItem(alice.userId!, { account: { name: 'Bills account' } });
    const created = await alice.request({
      method: 'POST',
      url: '/api/v1/recurring',
      payload: {
        payee: 'Water',
        cadence: 'quarterly',
        amountMinor: 45_10,
        nextDate: '2026-12-10',
        accountId: account.accountId,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const series = contract.RecurringSeries.parse(created.json());
    expect(series).toMatchObject({
      payee: 'Water',
      source: 'manual',
      accountId: account.accountId,
      currency: 'USD',
      typicalAmountMinor: 45_10,
      nextExpectedDate: '2026-12-10',
      direction: 'outflow',
      priceChange: null,
    });
    const view = contract.RecurringView.parse(
      (await alice.request({ method: 'GET', url: '/api/v1/recurring' })).json(),
    );
    expect(view.upcoming.occurrences.find((o) => o.seriesId === series.id)).toMatchObject({
      date: '2026-12-10',
      expectedMinor: 45_10,
    });
    // Bob can neither add one on Alice's account nor delete hers.
    const steal = await bob.request({
      method: 'POST',
      url: '/api/v1/recurring',
      payload: {
        payee: 'x',
        cadence: 'monthly',
        amountMinor: 1,
        nextDate: '2026-12-10',
        accountId: account.accountId,
      },
    });
    expect(steal.statusCode).toBe(404);
    expect((await bob.request({ method: 'DELETE', url: `/api/v1/recurring/${series.id}` })).statusCode).toBe(
      404,
    );
    for (const payload of [
      { payee: '', cadence: 'monthly', amountMinor: 1, nextDate: '2026-12-10' },
      { payee: 'x', cadence: 'daily', amountMinor: 1, nextDate: '2026-12-10' },
      { payee: 'x', cadence: 'monthly', amountMinor: 0, nextDate: '2026-12-10' },
      { payee: 'x', cadence: 'monthly', amountMinor: 1, nextDate: '2026-13-10' },
    ]) {
      const res = await alice.request({ method: 'POST', url: '/api/v1/recurring', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const netflix = view.series.find((s) => s.payee === 'Netflix')!;
    const refused = await alice.request({ method: 'DELETE', url: `/api/v1/recurring/${netflix.id}` });
    expect(refused.statusCode).toBe(409);
    expect((await alice.request({ method: 'DELETE', url: `/api/v1/recurring/${series.id}` })).json()).toEqual(
      { ok: true },
    );
    const after = await h.t.db
      .selectFrom('recurring_series')
      .select('payee')
      .where('source', '=', 'manual')
      .execute();
    expect(after).toEqual([]);
  });
});
