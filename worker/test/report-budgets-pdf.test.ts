import { type BudgetLine, paceOf } from '@finsync/shared/budgets';
import { buildReportSummary, reportPeriod, sampleReportInput } from '@finsync/shared/reports';
import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '../src/reports/pdf/render-report-pdf.ts';
import { pdfText } from './pdf-artifacts.ts';

const asOf = new Date('2026-11-20T12:00:00Z');

const line = (over: Partial<BudgetLine>): BudgetLine => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  kind: 'spending',
  categoryId: '00000000-0000-4000-8000-0000000000c1',
  name: 'Dining',
  isGroup: false,
  rollover: 'none',
  alertsEnabled: false,
  month: '2026-11',
  limitMinor: 300_00,
  carryInMinor: 0,
  availableMinor: 300_00,
  actualMinor: 240_00,
  remainingMinor: 60_00,
  pace: paceOf('2026-11', '2026-11-15', 300_00, 240_00),
  ...over,
});

describe('report PDF: budget section', () => {
  it('lists the month’s budgets with spent, available, share used and pace; none without budgets', async () => {
    const input = sampleReportInput(reportPeriod('weekly', asOf, 'UTC', 1), asOf);
    const budgets = [
      line({ kind: 'income', categoryId: null, name: 'Income', limitMinor: 4000_00, actualMinor: 3000_00 }),
      line({}),
      line({
        id: '00000000-0000-4000-8000-0000000000b2',
        name: 'Food',
        isGroup: true,
        actualMinor: 310_00,
        pace: paceOf('2026-11', '2026-11-15', 300_00, 310_00),
      }),
    ];
    const rendered = await renderReportPdf(buildReportSummary({ ...input, budgets }), { locale: 'en-US' });
    const text = pdfText('budgets-week', rendered.pdf);
    expect(text).toContain('Budgets for 2026-11');
    expect(text).toMatch(/Income \(received \/ planned\)\s+\$3,000\.00\s+\$4,000\.00/);
    expect(text).toMatch(/Dining\s+\$240\.00\s+\$300\.00\s+80%\s+Over pace/);
    expect(text).toMatch(/Food \(group\)\s+\$310\.00\s+\$300\.00\s+103%\s+Over budget/);

    const without = await renderReportPdf(buildReportSummary(input), { locale: 'en-US' });
    expect(pdfText('budgets-none', without.pdf)).not.toContain('Budgets for');
  });
});
