import { describe, expect, it } from 'vitest';
import { buildReportSummary } from '../reports/build-report-summary.ts';
import { reportPeriod } from '../reports/report-period.ts';
import { sampleReportInput } from '../reports/sample-report-input.ts';
import { ReportSummary } from './report-summary.ts';

const asOf = new Date('2026-11-02T12:00:00Z');

describe('the report summary schema', () => {
  it.each(['weekly', 'monthly'] as const)('reads back a stored %s summary unchanged', (kind) => {
    const summary = buildReportSummary(sampleReportInput(reportPeriod(kind, asOf, 'America/New_York'), asOf));
    const stored: unknown = JSON.parse(JSON.stringify(summary));
    expect(ReportSummary.parse(stored)).toEqual(stored);
  });

  it('refuses a summary of another shape (a float amount, a missing section)', () => {
    const summary = buildReportSummary(sampleReportInput(reportPeriod('weekly', asOf, 'UTC'), asOf));
    const float = { ...summary, headline: { ...summary.headline, spentMinor: 12.5 } };
    expect(ReportSummary.safeParse(float).success).toBe(false);
    const { trends: _trends, ...withoutTrends } = summary;
    expect(ReportSummary.safeParse(withoutTrends).success).toBe(false);
  });
});
