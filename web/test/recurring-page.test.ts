// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecurringView } from '../src/api/contract-types.ts';
import RecurringPage from '../src/recurring/recurring-page.tsx';
import { renderSignedIn } from './render-signed-in.ts';

const NETFLIX = '00000000-0000-4000-8000-0000000000a1';
const view: RecurringView = {
  series: [
    {
      id: NETFLIX,
      payee: 'Netflix',
      categoryId: null,
      cadence: 'monthly',
      direction: 'outflow',
      currency: 'USD',
      typicalAmountMinor: 17_99,
      lowMinor: 12_60,
      highMinor: 23_38,
      lastAmountMinor: 17_99,
      lastDate: '2026-11-05',
      nextExpectedDate: '2026-12-05',
      status: 'active',
      source: 'detected',
      decision: null,
      edited: false,
      accountId: null,
      priceChange: { previousMinor: 15_49, currentMinor: 17_99 },
    },
  ],
  upcoming: {
    from: '2026-11-29',
    to: '2026-12-28',
    occurrences: [
      {
        seriesId: NETFLIX,
        payee: 'Netflix',
        date: '2026-12-05',
        direction: 'outflow',
        expectedMinor: 17_99,
        overdue: false,
      },
    ],
    outflowMinor: 17_99,
    inflowMinor: 0,
  },
};

afterEach(cleanup);

describe('recurring and bills page', () => {
  it('shows the next 30 days with the expected total and each series with cadence, band, last and next dates', async () => {
    const fake = renderSignedIn(RecurringPage, '/recurring', {
      'GET /api/v1/recurring': { status: 200, body: view },
      'GET /api/v1/recurring/bank': {
        status: 200,
        body: {
          streams: [
            {
              description: 'GYM CLUB',
              merchantName: null,
              direction: 'outflow',
              lastDate: '2026-11-02',
              isActive: true,
              seriesId: null,
            },
            {
              description: 'NETFLIX.COM',
              merchantName: 'Netflix',
              direction: 'outflow',
              lastDate: '2026-11-05',
              isActive: true,
              seriesId: NETFLIX,
            },
          ],
          unavailable: 0,
        },
      },
      [`PATCH /api/v1/recurring/${NETFLIX}`]: {
        status: 200,
        body: { ...view.series[0], decision: 'dismissed' },
      },
    });
    const upcoming = await screen.findByRole('region', { name: 'Next 30 days' });
    expect(upcoming.textContent).toContain('Expected out: $17.99');
    expect(upcoming.textContent).toContain('2026-12-05 Netflix');
    const list = screen.getByRole('region', { name: 'Every recurring series' });
    expect(list.textContent).toContain('Every month · out $17.99 (usually $12.60–$23.38)');
    expect(list.textContent).toContain('Last 2026-11-05 ($17.99) · next 2026-12-05');
    expect(list.textContent).toContain('Price change Netflix went from $15.49 to $17.99');
    const bank = await screen.findByRole('region', { name: 'What your bank sees' });
    expect(bank.textContent).toContain('GYM CLUB (out, last 2026-11-02)Only your bank');
    expect(bank.textContent).toContain('Netflix (out, last 2026-11-05)Also found: Netflix');
    expect(fake.calls.find((c) => c.url.includes('/recurring'))?.url).toContain('days=30');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss Netflix' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = fake.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url).toContain(`/recurring/${NETFLIX}`);
    expect(patch.body).toEqual({ decision: 'dismissed' });
  });

  it('edits a series: its cadence and typical amount go to the API, a bad amount is refused in place', async () => {
    const fake = renderSignedIn(RecurringPage, '/recurring', {
      'GET /api/v1/recurring': { status: 200, body: view },
      'GET /api/v1/recurring/bank': { status: 200, body: { streams: [], unavailable: 0 } },
      [`PATCH /api/v1/recurring/${NETFLIX}`]: {
        status: 200,
        body: { ...view.series[0], cadence: 'yearly', typicalAmountMinor: 199_00, edited: true },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Netflix' }));
    const form = screen.getByRole('form', { name: 'Edit Netflix' });
    const cadence = within(form).getByLabelText('How often') as HTMLSelectElement;
    const amount = within(form).getByLabelText('Typical amount') as HTMLInputElement;
    expect(cadence.value).toBe('monthly');
    expect(amount.value).toBe('17.99');
    fireEvent.change(amount, { target: { value: '-3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Enter an amount like 17.99');
    expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(false);
    fireEvent.change(cadence, { target: { value: 'yearly' } });
    fireEvent.change(amount, { target: { value: '199.00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(fake.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      cadence: 'yearly',
      typicalAmountMinor: 199_00,
    });
  });
});
