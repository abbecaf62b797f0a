// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, Goal } from '../src/api/contract-types.ts';
import GoalsPage from '../src/goals/goals-page.tsx';
import { renderSignedIn } from './render-signed-in.ts';

const SAVINGS = '00000000-0000-4000-8000-0000000000a1';
const account: Account = {
  id: SAVINGS,
  itemId: null,
  source: 'manual',
  openingBalanceMinor: 0,
  name: 'Savings',
  officialName: null,
  mask: null,
  type: 'depository',
  subtype: 'savings',
  side: 'asset',
  currency: 'USD',
  currentMinor: 2500_00,
  availableMinor: null,
  limitMinor: null,
  balanceUpdatedAt: null,
  hidden: false,
};
const goal: Goal = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Emergency fund',
  currency: 'USD',
  targetMinor: 8500_00,
  targetDate: '2027-05-20',
  startMinor: 2500_00,
  startDate: '2026-11-20',
  accountIds: [SAVINGS],
  alertsEnabled: false,
  progress: {
    savedMinor: 2500_00,
    remainingMinor: 6000_00,
    percent: 29,
    monthsLeft: 6,
    monthlyNeededMinor: 1000_00,
    expectedMinor: 2600_00,
    status: 'behind',
  },
};

afterEach(cleanup);

describe('savings goals page', () => {
  it('shows progress and the monthly amount, and adds a goal with its accounts', async () => {
    const fake = renderSignedIn(GoalsPage, '/goals', {
      'GET /api/v1/goals': { status: 200, body: { today: '2026-11-20', goals: [goal] } },
      'GET /api/v1/accounts': { status: 200, body: { accounts: [account] } },
      'POST /api/v1/goals': { status: 201, body: goal },
    });
    const list = await screen.findByRole('region', { name: 'Your goals' });
    expect(list.textContent).toContain('Behind');
    expect(list.textContent).toContain('$2,500.00 of $8,500.00 (29%) by May 20, 2027');
    expect(list.textContent).toContain('Save $1,000.00 a month for 6 months to reach it.');
    expect(list.textContent).toContain('The plan expected $2,600.00 by now.');
    expect(
      screen.getByRole('progressbar', { name: 'Emergency fund saved' }).getAttribute('aria-valuenow'),
    ).toBe('29');

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Car' } });
    fireEvent.change(screen.getByLabelText('Target'), { target: { value: '4,000.50' } });
    fireEvent.change(screen.getByLabelText('By'), { target: { value: '2027-06-01' } });
    fireEvent.click(screen.getByLabelText('Savings'));
    fireEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(fake.calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Car',
      targetMinor: 4000_50,
      targetDate: '2027-06-01',
      accountIds: [SAVINGS],
      alertsEnabled: false,
    });
  });
});
