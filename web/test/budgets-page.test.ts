// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Budget, BudgetMonthView } from '../src/api/contract-types.ts';
import BudgetsPage, { shiftMonth } from '../src/budgets/budgets-page.tsx';
import type { RecordedCall } from './fake-api-server.ts';
import { renderSignedIn } from './render-signed-in.ts';

const DINING = '00000000-0000-4000-8000-0000000000d1';

const dining: Budget = {
  id: '00000000-0000-4000-8000-0000000000b1',
  kind: 'spending',
  categoryId: DINING,
  name: 'Dining',
  isGroup: false,
  rollover: 'surplus',
  alertsEnabled: true,
  month: '2026-11',
  limitMinor: 300_00,
  carryInMinor: 20_00,
  availableMinor: 320_00,
  actualMinor: 256_00,
  remainingMinor: 64_00,
  pace: {
    daysElapsed: 18,
    daysInMonth: 30,
    daysLeft: 12,
    expectedMinor: 192_00,
    percentUsed: 80,
    leftPerDayMinor: 5_33,
    status: 'overPace',
  },
};

const month = (budgets: Budget[]): BudgetMonthView => ({
  month: '2026-11',
  today: '2026-11-18',
  currency: 'USD',
  budgets,
  spentMinor: 400_00,
  incomeMinor: 3000_00,
  plannedIncomeMinor: 3000_00,
  leftToSpendMinor: 2600_00,
  leftToBudgetMinor: 2700_00,
});

afterEach(cleanup);

describe('budgets page', () => {
  it('months step across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });

  it('shows progress, pace and rollover in words, and adds a budget with the typed amount in cents', async () => {
    const fake = renderSignedIn(BudgetsPage, '/budgets', {
      'GET /api/v1/budgets': [{ status: 200, body: month([dining]) }],
      'GET /api/v1/categories': {
        status: 200,
        body: {
          categories: [
            {
              id: DINING,
              key: 'dining',
              name: 'Dining',
              parentId: null,
              kind: 'expense',
              isSystem: true,
              isGroup: false,
              hidden: false,
              sortOrder: 1,
            },
            {
              id: '00000000-0000-4000-8000-0000000000d2',
              key: 'groceries',
              name: 'Groceries',
              parentId: null,
              kind: 'expense',
              isSystem: true,
              isGroup: false,
              hidden: false,
              sortOrder: 2,
            },
            {
              id: '00000000-0000-4000-8000-0000000000d3',
              key: 'salary',
              name: 'Salary',
              parentId: null,
              kind: 'income',
              isSystem: true,
              isGroup: false,
              hidden: false,
              sortOrder: 3,
            },
          ],
        },
      },
      'POST /api/v1/budgets': (call: RecordedCall) => ({
        status: 201,
        body: { ...dining, ...(call.body as object) },
      }),
    });
    await screen.findByText(/\$256\.00 spent of \$320\.00 \(80%\) · 12 days left · \$5\.33 a day/);
    expect(screen.getByText('Over pace')).toBeTruthy();
    expect(screen.getByText('$20.00 rolled over from last month')).toBeTruthy();
    expect(screen.getByText('$2,600.00')).toBeTruthy();
    const bar = document.querySelector('.budget-bar .budget-fill') as HTMLElement;
    expect(bar.style.width).toBe('80.0%');
    expect((document.querySelector('.budget-pace-marker') as HTMLElement).style.left).toBe('60.0%');

    // Dining has a budget; income categories never do: only Groceries and the planned income are offered.
    const select = (await screen.findByLabelText('Category or group')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Choose…',
      'Income (planned)',
      'Groceries',
    ]);
    fireEvent.change(select, { target: { value: '00000000-0000-4000-8000-0000000000d2' } });
    fireEvent.change(screen.getByLabelText('Monthly limit'), { target: { value: '1,250.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add budget' }));
    await waitFor(() =>
      expect(fake.calls.some((c) => c.method === 'POST' && c.url.endsWith('/budgets'))).toBe(true),
    );
    const posted = fake.calls.find((c) => c.method === 'POST' && c.url.endsWith('/budgets'))!;
    expect(posted.body).toEqual({
      month: '2026-11',
      kind: 'spending',
      categoryId: '00000000-0000-4000-8000-0000000000d2',
      limitMinor: 1250_50,
    });
  });

  it('refuses an amount that is not one without calling the API', async () => {
    const fake = renderSignedIn(BudgetsPage, '/budgets', {
      'GET /api/v1/budgets': { status: 200, body: month([]) },
      'GET /api/v1/categories': { status: 200, body: { categories: [] } },
    });
    await screen.findByText('No budgets this month');
    fireEvent.change(await screen.findByLabelText('Category or group'), { target: { value: 'income' } });
    fireEvent.change(screen.getByLabelText('Monthly limit'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add budget' }));
    await screen.findByText('Enter an amount like 250 or 250.00');
    expect(fake.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});
