import { describe, expect, it } from 'vitest';
import { manualBillState } from './manual-bill-state.ts';

/*
 * A bill added by hand has no detected payments to go by: finsync looks for the payee's payments around each
 * expected date. Paid (within the cadence's tolerance) moves it to the next date; not paid by the expected date
 * plus the grace makes it late, then missed, then ended — the same thresholds detection uses.
 */
describe('manualBillState', () => {
  const bill = { cadence: 'monthly' as const, nextExpectedDate: '2026-11-10' };

  it('is active before its date and within the grace, late after the grace when nothing was paid', () => {
    expect(manualBillState(bill, [], '2026-11-01')).toEqual({
      nextExpectedDate: '2026-11-10',
      status: 'active',
      lastPayment: null,
    });
    expect(manualBillState(bill, [], '2026-11-15').status).toBe('active');
    expect(manualBillState(bill, [], '2026-11-16').status).toBe('late');
    expect(manualBillState(bill, [], '2026-11-26').status).toBe('missed');
    expect(manualBillState(bill, [], '2027-02-10').status).toBe('ended');
  });

  it('a payment within the tolerance of the date pays that occurrence and moves to the next one', () => {
    const paid = [{ date: '2026-11-08', amountMinor: 50_00 }];
    expect(manualBillState(bill, paid, '2026-11-20')).toEqual({
      nextExpectedDate: '2026-12-10',
      status: 'active',
      lastPayment: { date: '2026-11-08', amountMinor: 50_00 },
    });
    // Paid in November only: December's occurrence is late by 16 December.
    expect(manualBillState(bill, paid, '2026-12-16')).toMatchObject({
      nextExpectedDate: '2026-12-10',
      status: 'late',
    });
  });

  it('a payment long before the date (an earlier period) or in the future does not count', () => {
    const early = [{ date: '2026-10-20', amountMinor: 50_00 }];
    expect(manualBillState(bill, early, '2026-11-20')).toMatchObject({
      nextExpectedDate: '2026-11-10',
      status: 'late',
    });
    const later = [{ date: '2026-11-25', amountMinor: 50_00 }];
    expect(manualBillState(bill, later, '2026-11-20').status).toBe('late');
  });

  it('a late payment still pays its occurrence; each payment pays one occurrence only', () => {
    const payments = [
      { date: '2026-11-18', amountMinor: 50_00 },
      { date: '2026-12-09', amountMinor: 50_00 },
    ];
    expect(manualBillState(bill, payments, '2026-12-20')).toEqual({
      nextExpectedDate: '2027-01-10',
      status: 'active',
      lastPayment: { date: '2026-12-09', amountMinor: 50_00 },
    });
    expect(manualBillState(bill, payments.slice(0, 1), '2026-12-20')).toMatchObject({
      nextExpectedDate: '2026-12-10',
      status: 'late',
    });
  });
});
