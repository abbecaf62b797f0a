// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetWorthHistory } from '../src/api/contract-types.ts';
import NetWorthPage from '../src/net-worth/net-worth-page.tsx';
import { renderSignedIn } from './render-signed-in.ts';

const CHECKING = '00000000-0000-4000-8000-0000000000c1';
const CARD = '00000000-0000-4000-8000-0000000000c2';
const history: NetWorthHistory = {
  from: '2026-11-27',
  to: '2026-11-29',
  today: '2026-11-29',
  estimated: true,
  accounts: [
    {
      accountId: CHECKING,
      name: 'Checking',
      type: 'depository',
      side: 'asset',
      currency: 'USD',
      points: [
        { date: '2026-11-27', balanceMinor: 900_00, estimated: true },
        { date: '2026-11-28', balanceMinor: 950_00, estimated: true },
        { date: '2026-11-29', balanceMinor: 1000_00, estimated: false },
      ],
    },
    {
      accountId: CARD,
      name: 'Card',
      type: 'credit',
      side: 'liability',
      currency: 'USD',
      points: [
        { date: '2026-11-27', balanceMinor: 100_00, estimated: true },
        { date: '2026-11-28', balanceMinor: 100_00, estimated: true },
        { date: '2026-11-29', balanceMinor: 250_50, estimated: false },
      ],
    },
  ],
  totals: [
    {
      currency: 'USD',
      points: [
        {
          date: '2026-11-27',
          assetsMinor: 900_00,
          liabilitiesMinor: 100_00,
          netMinor: 800_00,
          estimated: true,
        },
        {
          date: '2026-11-28',
          assetsMinor: 950_00,
          liabilitiesMinor: 100_00,
          netMinor: 850_00,
          estimated: true,
        },
        {
          date: '2026-11-29',
          assetsMinor: 1000_00,
          liabilitiesMinor: 250_50,
          netMinor: 749_50,
          estimated: false,
        },
      ],
    },
  ],
};

afterEach(cleanup);

describe('net worth page', () => {
  it('shows the latest net worth with debts negative, the change, the chart with its table, and each account', async () => {
    renderSignedIn(NetWorthPage, '/net-worth', {
      'GET /api/v1/net-worth': { status: 200, body: history },
    });
    const card = await screen.findByRole('region', { name: 'Net worth in USD' });
    expect(card.textContent).toContain('$749.50');
    expect(card.textContent).toContain('Assets $1,000.00 · debts -$250.50 · down $50.50 since');
    const figure = document.querySelector('[data-chart="net-worth"]')!;
    expect(figure.querySelector('[role="img"]')?.getAttribute('aria-label')).toContain('Net worth on 3 days');
    const rows = [...figure.querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('$749.50');
    expect(rows[0]).toContain('reported');
    expect(rows[2]).toContain('estimated');
    const accounts = screen.getByRole('region', { name: 'Accounts' });
    expect(accounts.textContent).toContain('Card debt-$250.50 (was -$100.00)');
    expect(accounts.textContent).toContain('Checking$1,000.00 (was $900.00)');
  });

  it('says what to do when there is no account yet', async () => {
    renderSignedIn(NetWorthPage, '/net-worth', {
      'GET /api/v1/net-worth': {
        status: 200,
        body: { ...history, estimated: false, accounts: [], totals: [] },
      },
    });
    expect(await screen.findByText('No balances yet')).toBeTruthy();
  });
});
