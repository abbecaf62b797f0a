import type { ReportInput, ReportTransaction } from './report-input.ts';
import type { ReportPeriod } from './report-period.ts';

/**
 * A small, fixed household in America/New_York whose every report figure is worked out by hand in
 * build-report-summary.test.ts. Also used to render sample PDFs and emails in the worker's tests.
 * The week of 2026-10-26..11-01 ends on the night US daylight time ends.
 */
export function sampleReportInput(period: ReportPeriod, generatedAt: Date): ReportInput {
  const txn = (
    id: string,
    date: string,
    amountMinor: number,
    name: string,
    categoryId: string | null,
    extra: Partial<ReportTransaction> = {},
  ): ReportTransaction => ({
    id,
    accountId: 'a-chk',
    amountMinor,
    currency: 'USD',
    date,
    datetime: null,
    name,
    categoryId,
    isTransfer: false,
    excludedFromReports: false,
    pending: false,
    ...extra,
  });
  return {
    period,
    currency: 'USD',
    generatedAt,
    categories: [
      { id: 'g-food', name: 'Food & Drink', parentId: null, kind: 'expense', isGroup: true },
      { id: 'c-groceries', name: 'Groceries', parentId: 'g-food', kind: 'expense', isGroup: false },
      { id: 'c-dining', name: 'Restaurants & Cafés', parentId: 'g-food', kind: 'expense', isGroup: false },
      { id: 'c-rent', name: 'Rent', parentId: null, kind: 'expense', isGroup: false },
      { id: 'c-salary', name: 'Salary', parentId: null, kind: 'income', isGroup: false },
      { id: 'c-transfer', name: 'Transfers', parentId: null, kind: 'transfer', isGroup: false },
    ],
    accounts: [
      { id: 'a-chk', name: 'Everyday Checking', type: 'depository', currency: 'USD' },
      { id: 'a-cc', name: 'Crédit Visa Signature', type: 'credit', currency: 'USD' },
    ],
    transactions: [
      txn('t1', '2026-10-27', 8437, 'Whole Foods', 'c-groceries', { accountId: 'a-cc' }),
      // Sunday 2026-11-01 23:30 in New York (EST) is already Monday in UTC.
      txn('t2', '2026-11-02', 2350, 'Café Olé', 'c-dining', { datetime: new Date('2026-11-02T04:30:00Z') }),
      txn('t3', '2026-11-02', 1500, 'Late Night Diner', 'c-dining', {
        datetime: new Date('2026-11-02T05:30:00Z'),
      }),
      txn('t4', '2026-10-30', -250000, 'ACME Payroll', 'c-salary'),
      txn('t5', '2026-10-28', 50000, 'Transfer to Savings', null, { isTransfer: true }),
      txn('t6', '2026-10-29', -1000, 'Whole Foods', 'c-groceries'),
      txn('t7', '2026-10-29', 9999, 'Reimbursable Hotel', 'c-dining', { excludedFromReports: true }),
      txn('t8', '2026-11-01', 4200, 'Pending Gas', null, { pending: true }),
      txn('t9', '2026-10-31', 1234, 'Mystery Shop', null),
      txn('t10', '2026-10-30', 15000, 'Target', null, {
        splits: [
          { categoryId: 'c-groceries', amountMinor: 10000 },
          { categoryId: 'c-dining', amountMinor: 5000 },
        ],
      }),
      txn('t11', '2026-10-28', 2000, 'Boulangerie Paris', 'c-dining', { currency: 'EUR' }),
      // Monday 00:15 EDT opens the week; Sunday 23:45 EDT belongs to the week before.
      txn('t12', '2026-10-26', 725, 'Bäckerei Müller', 'c-dining', {
        datetime: new Date('2026-10-26T04:15:00Z'),
      }),
      txn('t13', '2026-10-26', 900, 'Bäckerei Müller', 'c-dining', {
        datetime: new Date('2026-10-26T03:45:00Z'),
      }),
      txn('t14', '2026-10-20', 5000, 'Whole Foods', 'c-groceries'),
      txn('t15', '2026-10-01', 120000, 'Landlord LLC', 'c-rent'),
      txn('t16', '2026-10-02', -250000, 'ACME Payroll', 'c-salary'),
      txn('t17', '2026-10-14', 6000, 'Whole Foods', 'c-groceries'),
      txn('t18', '2026-09-01', 120000, 'Landlord LLC', 'c-rent'),
      txn('t19', '2026-09-15', -250000, 'ACME Payroll', 'c-salary'),
      txn('t20', '2026-08-01', 120000, 'Landlord LLC', 'c-rent'),
      txn('t21', '2026-08-15', 30000, 'Whole Foods', 'c-groceries'),
      txn('t22', '2026-07-01', 115000, 'Landlord LLC', 'c-rent'),
    ],
    snapshots: [
      { accountId: 'a-chk', date: '2026-09-30', currentMinor: 500000 },
      { accountId: 'a-chk', date: '2026-10-25', currentMinor: 700000 },
      { accountId: 'a-chk', date: '2026-10-31', currentMinor: 900000 },
      { accountId: 'a-chk', date: '2026-11-01', currentMinor: 910000 },
      { accountId: 'a-cc', date: '2026-09-30', currentMinor: 30000 },
      { accountId: 'a-cc', date: '2026-10-31', currentMinor: 45000 },
    ],
    recurring: [
      series('r1', 'Netflix', 1549, 1799, '2026-10-15', '2026-11-15', 'active'),
      series('r2', 'Gym Fitnéss', 4000, 4000, '2026-09-03', '2026-10-03', 'late'),
      series('r3', 'Spotify', 1099, 1099, '2026-10-05', '2026-11-05', 'active'),
      series('r4', 'Landlord LLC', 120000, 120000, '2026-10-01', '2026-11-01', 'active'),
      {
        ...series('r5', 'ACME Payroll', -250000, -250000, '2026-10-30', '2026-11-13', 'active'),
        direction: 'inflow',
      },
      series('r6', 'Old Magazine', 999, 1299, '2026-10-10', '2026-11-10', 'ended'),
    ],
  };
}

function series(
  id: string,
  payee: string,
  typicalAmountMinor: number,
  lastAmountMinor: number,
  lastDate: string,
  nextExpectedDate: string,
  status: ReportInput['recurring'][number]['status'],
): ReportInput['recurring'][number] {
  return {
    id,
    payee,
    cadence: 'monthly',
    direction: 'outflow',
    typicalAmountMinor,
    lastAmountMinor,
    currency: 'USD',
    lastDate,
    nextExpectedDate,
    status,
  };
}
