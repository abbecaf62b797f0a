import { formatPeriod } from '@finsync/shared/presentation';
import type { ReportListItem } from '../api/contract-types.ts';

/** Basis points (1234 = 12.34 %) as a signed percent in the locale; null when there was nothing to compare. */
export function formatBps(bps: number | null, locale: string | undefined): string | null {
  if (bps === null) return null;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(bps / 10_000);
}

/** "Weekly report, 3–9 Mar 2026" in the locale; the period's days are calendar dates, not instants. */
export function reportTitle(
  report: Pick<ReportListItem, 'kind' | 'periodStart' | 'periodEnd'>,
  locale: string | undefined,
): string {
  const kind = { weekly: 'Weekly', monthly: 'Monthly', custom: 'Custom' }[report.kind];
  return `${kind} report, ${formatPeriod(report.periodStart, report.periodEnd, locale)}`;
}

/** A Blob saved under its name through a temporary link (the browser's own download). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
