import { seriesStateAsOf } from '../categorize/detect-recurring.ts';
import type { PriceChange, RecurringDue, ReportSummary } from '../contract/report-summary.ts';
import { storedPriceChange } from '../recurring/price-change.ts';
import { changeOf } from './exact-ratio.ts';
import { addDays, daysBetween, type LocalDate } from './local-date.ts';
import type { ReportInput, ReportRecurringSeries } from './report-input.ts';
import { nextPeriod } from './report-period.ts';

interface Payment {
  date: LocalDate;
  amountMinor: number;
  /** A card or loan payment: its amount follows the balance owed, so it never "changes price". */
  paysDebt: boolean;
}

interface BillState {
  series: ReportRecurringSeries;
  nextExpectedDate: LocalDate;
  late: boolean;
  /** The last payment on or before the period's end, and the ones before it (oldest first). */
  last: Payment;
  previous: Payment[];
  /** Whether the payments come from the report's own transactions (else the stored series' state). */
  fromTransactions: boolean;
}

/**
 * The bills section of a report, as it stood at the end of the report's own period: for each outgoing
 * recurring series, its last payment on or before that day (found among the report's transactions by the
 * series key; debt payments count although they are transfers) decides the next expected date, and the bill
 * is late or missed only if that date passed (plus the cadence's grace) by the period's end with no payment
 * of the series. A series that had not started by then is left out; one that changed price is a price
 * change, never a missed bill. Without matching transactions (hand-made inputs) the stored series' state is
 * used, and only when it lies in this period's past.
 */
export function reportBills(input: ReportInput): ReportSummary['recurring'] {
  const { period } = input;
  // Payments are gathered only for the keys of series a bill can come from (most rows are of no series).
  const billKeys = new Set(
    input.recurring.flatMap((s) => (s.direction === 'outflow' && s.seriesKey ? [s.seriesKey] : [])),
  );
  const paymentsByKey = new Map<string, Payment[]>();
  for (const t of input.billPayments ?? input.transactions) {
    if (!t.seriesKey || !billKeys.has(t.seriesKey) || t.pending || t.date > period.end) continue;
    if (t.isTransfer && !t.paysDebt) continue;
    const list = paymentsByKey.get(t.seriesKey) ?? [];
    list.push({ date: t.date, amountMinor: Math.abs(t.amountMinor), paysDebt: t.paysDebt === true });
    paymentsByKey.set(t.seriesKey, list);
  }
  const bills: BillState[] = [];
  for (const series of input.recurring) {
    if (series.direction !== 'outflow') continue;
    if (series.currency !== null && series.currency.toUpperCase() !== input.currency.toUpperCase()) continue;
    const payments = series.seriesKey ? paymentsByKey.get(series.seriesKey) : undefined;
    if (payments?.length) {
      payments.sort((a, b) => a.date.localeCompare(b.date));
      const last = payments.at(-1)!;
      const state = seriesStateAsOf(series.cadence, last.date, period.end);
      if (state.status === 'ended') continue;
      bills.push({
        series,
        nextExpectedDate: state.nextExpectedDate,
        late: state.status === 'late' || state.status === 'missed',
        last,
        previous: payments.slice(-4, -1),
        fromTransactions: true,
      });
    } else if (series.lastDate <= period.end && series.status !== 'ended') {
      const asOf = addDays(period.end, 1);
      bills.push({
        series,
        nextExpectedDate: series.nextExpectedDate,
        late:
          series.status === 'missed' ||
          series.status === 'late' ||
          daysBetween(series.nextExpectedDate, asOf) > graceDays(series.cadence),
        last: { date: series.lastDate, amountMinor: series.lastAmountMinor, paysDebt: false },
        previous: [],
        fromTransactions: false,
      });
    }
  }
  const next = nextPeriod(period);
  const due = (b: BillState): RecurringDue => ({
    seriesId: b.series.id,
    payee: b.series.payee,
    cadence: b.series.cadence,
    date: b.nextExpectedDate,
    expectedMinor: b.series.typicalAmountMinor,
  });
  const byDate = (a: { date: string; payee: string }, b: { date: string; payee: string }) =>
    a.date.localeCompare(b.date) || a.payee.localeCompare(b.payee);
  const missed = bills
    .filter((b) => b.late)
    .map(due)
    .sort(byDate);
  const dueNext = bills
    .filter((b) => !b.late && b.nextExpectedDate >= next.start && b.nextExpectedDate <= next.end)
    .map(due)
    .sort(byDate);
  const priceChanges: PriceChange[] = [];
  for (const b of bills) {
    if (b.last.date < period.start) continue;
    const change = priceChangeOf(b);
    if (!change) continue;
    const c = changeOf(change.currentMinor, change.previousMinor);
    priceChanges.push({
      seriesId: b.series.id,
      payee: b.series.payee,
      cadence: b.series.cadence,
      date: b.last.date,
      previousMinor: change.previousMinor,
      currentMinor: change.currentMinor,
      deltaMinor: c.deltaMinor,
      changeBps: c.bps,
    });
  }
  return { dueNext, missed, priceChanges: priceChanges.sort(byDate) };
}

/**
 * A steady price that moved on the last payment (the same rule as detectRecurringSeries). A bill whose
 * amount varies anyway (water, power, a card's balance) or a debt payment is never a price change.
 */
function priceChangeOf(b: BillState): { previousMinor: number; currentMinor: number } | null {
  const current = b.last.amountMinor;
  if (b.last.paysDebt) return null;
  if (!b.fromTransactions) return storedPriceChange(b.series.typicalAmountMinor, current);
  const prev = b.previous.map((p) => p.amountMinor);
  const steady = prev.length >= 2 && prev.every((a) => a === prev[0]);
  return steady && current !== prev[0] ? { previousMinor: prev[0]!, currentMinor: current } : null;
}

function graceDays(cadence: string): number {
  return cadence === 'weekly' ? 2 : cadence === 'biweekly' ? 3 : 5;
}
