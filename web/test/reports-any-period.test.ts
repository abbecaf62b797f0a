// @vitest-environment happy-dom
import { buildReportSummary, reportPeriod, sampleReportInput } from '@finsync/shared/reports';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ReportsPage from '../src/reports/reports-page.tsx';
import type { RecordedCall } from './fake-api-server.ts';
import { renderSignedIn } from './render-signed-in.ts';

// happy-dom has no canvas: the charts are chart.js's business (and the e2e sweep's), not this test's.
vi.mock('../src/reports/report-charts.tsx', () => ({
  GroupDonut: () => null,
  MonthlyTotals: () => null,
  NetWorthLine: () => null,
}));

const asOf = new Date('2026-11-02T12:00:00Z');
const summary = buildReportSummary(sampleReportInput(reportPeriod('monthly', asOf, 'UTC'), asOf));

const asked = (calls: RecordedCall[]) =>
  calls
    .filter((c) => c.url.includes('/reports/summary?'))
    .map((c) => {
      const q = new URL(c.url, 'http://x').searchParams;
      return `${q.get('start')} ${q.get('end')}`;
    });

afterEach(cleanup);

describe('reports page: any period', () => {
  it('shows the report of this month, of a custom range, and steps that range with ‹', async () => {
    const fake = renderSignedIn(ReportsPage, '/reports', {
      'GET /api/v1/reports': { status: 200, body: { reports: [] } },
      'GET /api/v1/reports/summary': (call) => {
        const q = new URL(call.url, 'http://x').searchParams;
        return {
          status: 200,
          body: { periodStart: q.get('start'), periodEnd: q.get('end'), currency: 'USD', summary },
        };
      },
    });
    const section = await screen.findByRole('region', { name: 'Any period' });
    await waitFor(() => expect(asked(fake.calls)).toHaveLength(1));
    expect(asked(fake.calls)[0]).toMatch(/^\d{4}-\d{2}-01 \d{4}-\d{2}-\d{2}$/);
    await waitFor(() => expect(section.querySelector('[data-report-figure="spent"]')).not.toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-05' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-02-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(asked(fake.calls).at(-1)).toBe('2026-01-05 2026-02-10'));
    expect(section.querySelector('[data-period-label]')?.textContent).toMatch(/^Jan 5\s*–\s*Feb 10, 2026$/);

    fireEvent.click(screen.getByRole('button', { name: 'Previous period' }));
    await waitFor(() => expect(asked(fake.calls).at(-1)).toBe('2025-11-29 2026-01-04'));
  });

  it('refuses a range that ends before it starts, saying so, without asking the server', async () => {
    const fake = renderSignedIn(ReportsPage, '/reports', {
      'GET /api/v1/reports': { status: 200, body: { reports: [] } },
      'GET /api/v1/reports/summary': {
        status: 200,
        body: { periodStart: '', periodEnd: '', currency: 'USD', summary },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-01' } });
    expect(screen.getByRole('alert').textContent).toBe('The start is after the end.');
    expect((screen.getByRole('button', { name: 'Show' }) as HTMLButtonElement).disabled).toBe(true);
    expect(asked(fake.calls).every((a) => !a.startsWith('2026-03'))).toBe(true);
  });
});
