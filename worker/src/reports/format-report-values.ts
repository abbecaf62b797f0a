import {
  formatBasisPoints,
  formatDate,
  formatMoney,
  formatPeriod,
  monthName,
} from '@finsync/shared/presentation';

/**
 * The report's figures as text for a person, in one locale and currency: money and dates through the shared
 * presentation module (exact decimal strings, never a float), basis points as percentages by integer arithmetic.
 */
export interface ReportFormatter {
  money(minor: number): string;
  signedMoney(minor: number): string;
  /** Short money for chart axes ("$12K"). */
  axisMoney(minor: number): string;
  percent(bps: number | null): string;
  signedPercent(bps: number | null): string;
  date(date: string): string;
  month(month: string): string;
  period(start: string, end: string): string;
}

export function reportFormatter(locale: string, currency: string): ReportFormatter {
  return {
    money: (minor) => formatMoney(minor, currency, locale),
    signedMoney: (minor) => formatMoney(minor, currency, locale, { signDisplay: 'exceptZero' }),
    axisMoney: (minor) => formatMoney(Math.round(minor), currency, locale, { compact: true }),
    percent: (bps) => (bps === null ? '—' : formatBasisPoints(bps)),
    signedPercent: (bps) => (bps === null ? '—' : formatBasisPoints(bps, { signDisplay: 'exceptZero' })),
    date: (date) => formatDate(date, locale),
    month: (month) => monthName(month, locale),
    period: (start, end) => formatPeriod(start, end, locale),
  };
}
