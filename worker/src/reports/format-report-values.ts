import { toDecimalString } from '@finsync/shared';

/**
 * Turns exact report figures into text for a person: money through Intl with the decimal string (never a
 * float), basis points as percentages by string arithmetic, dates in the user's locale.
 */
export interface ReportFormatter {
  money(minor: number): string;
  signedMoney(minor: number): string;
  percent(bps: number | null): string;
  signedPercent(bps: number | null): string;
  date(date: string): string;
  month(month: string): string;
  period(start: string, end: string): string;
}

export function reportFormatter(locale: string, currency: string): ReportFormatter {
  const safeLocale = Intl.NumberFormat.supportedLocalesOf([locale]).length ? locale : 'en-US';
  const money = new Intl.NumberFormat(safeLocale, { style: 'currency', currency });
  const dateFormat = new Intl.DateTimeFormat(safeLocale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthFormat = new Intl.DateTimeFormat(safeLocale, { month: 'short', timeZone: 'UTC' });
  const asDecimal = (minor: number) => toDecimalString(minor, currency) as unknown as number;
  const percent = (bps: number) => {
    const abs = Math.abs(bps);
    const tenths = Math.floor((abs + 5) / 10);
    const text = `${Math.floor(tenths / 10)}.${tenths % 10}`;
    return `${bps < 0 ? '−' : ''}${text} %`;
  };
  return {
    money: (minor) => money.format(asDecimal(minor)),
    signedMoney: (minor) =>
      minor > 0 ? `+${money.format(asDecimal(minor))}` : money.format(asDecimal(minor)),
    percent: (bps) => (bps === null ? '—' : percent(bps)),
    signedPercent: (bps) => (bps === null ? '—' : bps > 0 ? `+${percent(bps)}` : percent(bps)),
    date: (date) => dateFormat.format(new Date(`${date}T12:00:00Z`)),
    month: (month) => monthFormat.format(new Date(`${month}-15T12:00:00Z`)),
    period: (start, end) =>
      dateFormat.formatRange(new Date(`${start}T12:00:00Z`), new Date(`${end}T12:00:00Z`)),
  };
}
