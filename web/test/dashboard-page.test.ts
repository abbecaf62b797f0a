// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../src/api/contract-types.ts';
import DashboardPage from '../src/dashboard/dashboard-page.tsx';
import { renderSignedIn } from './render-signed-in.ts';

afterEach(cleanup);

const summary: DashboardSummary = {
  period: { from: '2026-11-01', to: '2026-11-30' },
  currency: 'USD',
  spentMinor: 120_00,
  incomeMinor: 300_00,
  netMinor: 180_00,
  transactionCount: 4,
  byCategory: [],
  trend: { granularity: 'day', points: [] },
};

describe('dashboard page', () => {
  it("headlines the period's spent, income and net, in that order", async () => {
    renderSignedIn(DashboardPage, '/', {
      'GET /api/v1/dashboard/summary': { status: 200, body: summary },
      'GET /api/v1/accounts': { status: 200, body: { accounts: [] } },
      'GET /api/v1/reports/summary': { status: 404, body: { error: { code: 'NOT_FOUND', message: 'none' } } },
    });
    await waitFor(() => expect(document.querySelectorAll('[data-stat]')).toHaveLength(3));
    const cards = [...document.querySelectorAll('[data-stat]')].map((card) => [
      card.getAttribute('data-stat'),
      card.querySelector('.muted')?.textContent,
      card.querySelector('.figure-value')?.textContent,
    ]);
    expect(cards).toEqual([
      ['spentMinor', 'Spent', '$120.00'],
      ['incomeMinor', 'Income', '$300.00'],
      ['netMinor', 'Net', '$180.00'],
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Dashboard');
  });
});
