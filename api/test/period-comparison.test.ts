// "vs previous" reads the same on every surface: the report of any range compares it with the days the
// dashboard compares the same range with (periodBefore), and with the dashboard's own figures for them.
import * as contract from '@finsync/shared/contract';
import { periodBefore } from '@finsync/shared/presentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

describe('the report of a range compares it with what the dashboard compares it with', () => {
  let h: TestApp;
  let client: Client;

  beforeAll(async () => {
    h = await startTestApp();
    client = await signedUpClient(h.app);
    const linked = await h.ctx.newLinkedItem(client.userId!);
    // Spending on days where the candidate comparisons differ: October's first and last days, mid-month,
    // and the weekdays of the weeks before Monday 23 November.
    const days = ['10-01', '10-02', '10-15', '10-16', '10-31', '11-03', '11-12', '11-16', '11-17', '11-20'];
    await h.ctx.newTransactions(
      client.userId!,
      linked,
      days.map((d, i) => ({ date: `2026-${d}`, amount_minor: (i + 1) * 1_000_00, raw_name: `SHOP ${i}` })),
    );
  });
  afterAll(() => h.close());

  it.each([
    ['a whole month', '2026-11-01', '2026-11-30'],
    ['a month to date', '2026-11-01', '2026-11-15'],
    ['a week to date', '2026-11-23', '2026-11-25'],
    ['any other range', '2026-11-10', '2026-11-20'],
  ])('%s (%s..%s)', async (_what, start, end) => {
    const res = await client.request({
      method: 'GET',
      url: `/api/v1/reports/summary?start=${start}&end=${end}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { previous } = contract.PeriodSummary.parse(res.json()).summary;
    const before = periodBefore({ start, end });
    expect({ start: previous.start, end: previous.end }).toEqual(before);
    const dashboard = await client.request({
      method: 'GET',
      url: `/api/v1/dashboard/summary?from=${before.start}&to=${before.end}`,
    });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    const figures = contract.DashboardSummary.parse(dashboard.json());
    expect(previous.spentMinor).toBe(figures.spentMinor);
    expect(previous.spentMinor).toBeGreaterThan(0);
  });
});
