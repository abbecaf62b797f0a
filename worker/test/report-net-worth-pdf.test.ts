import { buildReportSummary, reportPeriod, sampleReportInput } from '@finsync/shared/reports';
import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '../src/reports/pdf/render-report-pdf.ts';
import { pdfText } from './pdf-artifacts.ts';

const asOf = new Date('2026-11-02T12:00:00Z');

describe('report PDF: net worth change', () => {
  it('shows net worth at both ends of the month and the change, saying when it is estimated', async () => {
    const input = sampleReportInput(reportPeriod('monthly', asOf, 'UTC'), asOf);
    // The sample: checking 5,000.00 and card 300.00 owed on 30 Sep; 9,000.00 and 450.00 on 31 Oct.
    const reported = buildReportSummary(input);
    expect(reported.balances.netWorthChange).toEqual({
      fromDate: '2026-09-30',
      toDate: '2026-10-31',
      openingMinor: 4700_00,
      closingMinor: 8550_00,
      changeMinor: 3850_00,
      estimated: false,
    });
    const text = pdfText('net-worth-month', (await renderReportPdf(reported, { locale: 'en-US' })).pdf);
    expect(text).toContain('Net worth change');
    expect(text).toMatch(/End of Sep 30, 2026\s+\$4,700\.00/);
    expect(text).toMatch(/End of Oct 31, 2026\s+\$8,550\.00/);
    expect(text).toMatch(/Up\s+\+\$3,850\.00/);
    expect(text).not.toContain('Estimated:');

    const estimated = buildReportSummary({
      ...input,
      snapshots: input.snapshots.map((s) => (s.date === '2026-09-30' ? { ...s, estimated: true } : s)),
    });
    const estimatedText = pdfText(
      'net-worth-estimated',
      (await renderReportPdf(estimated, { locale: 'en-US' })).pdf,
    );
    expect(estimatedText).toContain('Estimated: some balances were worked back');
  });

  it('has no net worth change without balances at both ends', async () => {
    const input = sampleReportInput(reportPeriod('monthly', asOf, 'UTC'), asOf);
    const summary = buildReportSummary({
      ...input,
      snapshots: input.snapshots.filter((s) => s.date !== '2026-09-30'),
    });
    expect(summary.balances.netWorthChange).toBeNull();
    expect(
      pdfText('net-worth-none', (await renderReportPdf(summary, { locale: 'en-US' })).pdf),
    ).not.toContain('Net worth change');
  });
});
