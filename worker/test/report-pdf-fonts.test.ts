import { buildReportSummary, reportPeriod, sampleReportInput } from '@finsync/shared/reports';
import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '../src/reports/pdf/render-report-pdf.ts';

describe('report PDF fonts', () => {
  it('documents share the parsed font without sharing what they embed: a render is the same after another', async () => {
    const asOf = new Date('2026-11-02T12:00:00Z');
    const period = reportPeriod('monthly', asOf, 'America/New_York');
    const input = sampleReportInput(period, asOf);
    const summary = buildReportSummary(input);
    // Other glyphs (Cyrillic, Greek) in the document rendered in between.
    const other = buildReportSummary({
      ...input,
      transactions: input.transactions.map((t, i) => ({
        ...t,
        name: i % 2 ? 'Пекарня Жар' : 'Καφενείο Ωμέγα',
      })),
    });
    const first = await renderReportPdf(summary, { locale: 'en-US' });
    const between = await renderReportPdf(other, { locale: 'de-DE' });
    const again = await renderReportPdf(summary, { locale: 'en-US' });
    expect(between.pdf.equals(first.pdf)).toBe(false);
    expect(again.pdf.equals(first.pdf)).toBe(true);
  });
});
