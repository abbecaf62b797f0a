import { cadenceTolerance, nextDate, overdueStatus } from '../categorize/detect-recurring.ts';
import type { Cadence } from '../db/database.ts';
import type { Minor } from '../money/minor-units.ts';
import { addDays, type LocalDate } from '../reports/local-date.ts';

/** A payment to a bill's payee (posted, outgoing), as the bill's state reads it. */
export interface BillPayment {
  date: LocalDate;
  amountMinor: Minor;
}

export interface ManualBillState {
  /** The first occurrence not paid yet. */
  nextExpectedDate: LocalDate;
  /** How late that occurrence is on the day asked (detection's thresholds). */
  status: 'active' | 'late' | 'missed' | 'ended';
  /** The payment that paid the last occurrence paid here, if any. */
  lastPayment: BillPayment | null;
}

/**
 * The state of a bill added by hand on `today`: from its next expected date, each occurrence is paid by the
 * first payment between the cadence's tolerance before it and the tolerance before the occurrence after it
 * (so a late payment still pays it; one payment pays one occurrence), and the first unpaid occurrence is late
 * once its grace has passed, as detection judges a detected series. Payments after `today` are not counted.
 */
export function manualBillState(
  bill: { cadence: Cadence; nextExpectedDate: LocalDate },
  payments: readonly BillPayment[],
  today: LocalDate,
): ManualBillState {
  const tolerance = cadenceTolerance(bill.cadence);
  const sorted = payments.filter((p) => p.date <= today).sort((a, b) => a.date.localeCompare(b.date));
  let due = bill.nextExpectedDate;
  let lastPayment: BillPayment | null = null;
  let from = 0;
  // Bounded: at most one occurrence per payment.
  while (from < sorted.length) {
    const next = nextDate(due, bill.cadence);
    const opens = addDays(due, -tolerance);
    const closes = addDays(next, -tolerance);
    const index = sorted.findIndex((p, i) => i >= from && p.date >= opens && p.date < closes);
    if (index < 0) break;
    lastPayment = sorted[index]!;
    from = index + 1;
    due = next;
  }
  return { nextExpectedDate: due, status: overdueStatus(bill.cadence, due, today), lastPayment };
}
