import { type Day, dayFromIso, isoFromDay } from '../data/calendar-day.ts';
import type { PersonalFinanceCategory, Transaction } from '../plaid/plaid-objects.ts';
import { SeededRandom } from '../random/seeded-random.ts';

type Frequency = 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY' | 'ANNUALLY';

export interface TransactionStream {
  account_id: string;
  stream_id: string;
  category: null;
  category_id: null;
  description: string;
  merchant_name: string | null;
  first_date: string;
  last_date: string;
  predicted_next_date: string | null;
  frequency: Frequency;
  transaction_ids: string[];
  average_amount: { amount: number; iso_currency_code: string | null; unofficial_currency_code: null };
  last_amount: { amount: number; iso_currency_code: string | null; unofficial_currency_code: null };
  is_active: boolean;
  status: 'MATURE' | 'EARLY_DETECTION';
  personal_finance_category: PersonalFinanceCategory;
  is_user_modified: false;
}

const PERIODS: readonly [Frequency, number, number][] = [
  ['WEEKLY', 6, 8],
  ['BIWEEKLY', 13, 15],
  ['MONTHLY', 27, 32],
  ['ANNUALLY', 360, 370],
];

/** Detects recurring streams (payroll, rent, bills, subscriptions) in posted transactions. */
export function recurringStreams(
  transactions: readonly Transaction[],
  accountIds: readonly string[] | undefined,
  today: Day,
): { inflow: TransactionStream[]; outflow: TransactionStream[] } {
  const groups = new Map<string, Transaction[]>();
  for (const t of transactions) {
    if (t.pending || (accountIds && !accountIds.includes(t.account_id))) continue;
    const key = `${t.account_id}|${t.amount < 0 ? 'in' : 'out'}|${t.merchant_name ?? t.name.replace(/[\d#*]+/g, '').trim()}`;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const inflow: TransactionStream[] = [];
  const outflow: TransactionStream[] = [];
  for (const [key, list] of groups) {
    if (list.length < 3) continue;
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const gaps = list.slice(1).map((t, i) => dayFromIso(t.date) - dayFromIso(list[i]!.date));
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
    const period = PERIODS.find(([, lo, hi]) => median >= lo && median <= hi);
    if (!period) continue;
    const regular = gaps.filter((g) => g >= period[1] - 3 && g <= period[2] + 3).length / gaps.length;
    if (regular < 0.8) continue;
    const last = list[list.length - 1]!;
    const lastDay = dayFromIso(last.date);
    const step = Math.round((period[1] + period[2]) / 2);
    const totalCents = list.reduce((s, t) => s + Math.round(t.amount * 100), 0);
    const currency = last.iso_currency_code;
    const stream: TransactionStream = {
      account_id: last.account_id,
      stream_id: new SeededRandom(`stream:${key}`).id(),
      category: null,
      category_id: null,
      description: last.name,
      merchant_name: last.merchant_name,
      first_date: list[0]!.date,
      last_date: last.date,
      predicted_next_date: isoFromDay(lastDay + step),
      frequency: period[0],
      transaction_ids: list.map((t) => t.transaction_id),
      average_amount: {
        amount: Math.round(totalCents / list.length) / 100,
        iso_currency_code: currency,
        unofficial_currency_code: null,
      },
      last_amount: { amount: last.amount, iso_currency_code: currency, unofficial_currency_code: null },
      is_active: today - lastDay <= step * 2,
      status: list.length >= 3 ? 'MATURE' : 'EARLY_DETECTION',
      personal_finance_category: last.personal_finance_category,
      is_user_modified: false,
    };
    (last.amount < 0 ? inflow : outflow).push(stream);
  }
  return { inflow, outflow };
}
