import { type Minor, sumMinor } from '../money/minor-units.ts';
import type { AccountSide } from '../presentation/account-kinds.ts';
import { addDays, type LocalDate } from '../reports/local-date.ts';

/** An account as balance history needs it: its side and the balance Plaid (or the ledger) reports now. */
export interface BalanceAccount {
  id: string;
  side: AccountSide;
  currency: string;
  /** The current balance: money held for an asset, money owed for a card or loan. */
  currentMinor: Minor;
  /** The day `currentMinor` was true at the end of (the user's today when it was read). */
  asOf: LocalDate;
}

/** Posted movements on one account and day, in Plaid's sign: positive is money out of the account. */
export interface DayFlow {
  accountId: string;
  date: LocalDate;
  amountMinor: Minor;
}

/** A balance the bank reported at the end of a day (balance_snapshots). */
export interface RecordedBalance {
  accountId: string;
  date: LocalDate;
  currentMinor: Minor;
}

export interface BalancePoint {
  date: LocalDate;
  balanceMinor: Minor;
  /** True when walked back through transactions; false on a day the bank reported the balance. */
  estimated: boolean;
}

export interface AccountHistory {
  accountId: string;
  side: AccountSide;
  currency: string;
  points: BalancePoint[];
}

export interface NetWorthDay {
  date: LocalDate;
  assetsMinor: Minor;
  /** What is owed on cards and loans, as a positive amount. */
  liabilitiesMinor: Minor;
  netMinor: Minor;
  estimated: boolean;
}

export interface NetWorthTotal {
  currency: string;
  points: NetWorthDay[];
}

/**
 * How a movement changes a balance. A positive amount (money out) lowers what an asset holds and raises what
 * is owed on a card or loan; a negative one (money in, a payment to the card) does the opposite.
 */
export function balanceEffect(side: AccountSide, amountMinor: Minor): Minor {
  return side === 'liability' ? amountMinor : -amountMinor;
}

/**
 * Each account's end-of-day balance on every day of [from, to], walked backwards from the latest known
 * balance: the balance at the end of day D is the balance at the end of D+1 less the effect of D+1's posted
 * movements. A day the bank reported a balance (a snapshot) takes that balance, not estimated, and the walk
 * goes on from it, so real snapshots replace the estimate as they accumulate. Days after an account's
 * `asOf` (and after its last movement) are left out: nothing is known of them yet.
 */
export function reconstructBalances(input: {
  accounts: readonly BalanceAccount[];
  flows: readonly DayFlow[];
  snapshots: readonly RecordedBalance[];
  from: LocalDate;
  to: LocalDate;
}): AccountHistory[] {
  const flowsByAccount = groupByAccountAndDate(input.flows, (f) => f.amountMinor, true);
  const snapsByAccount = groupByAccountAndDate(input.snapshots, (s) => s.currentMinor, false);
  return input.accounts.map((account) => {
    const flows = flowsByAccount.get(account.id) ?? new Map<LocalDate, Minor>();
    const snaps = snapsByAccount.get(account.id) ?? new Map<LocalDate, Minor>();
    // The current balance already counts a movement dated after `asOf` (a later time zone, a bank's date).
    let end = account.asOf;
    for (const date of flows.keys()) if (date > end) end = date;
    const points: BalancePoint[] = [];
    let balance = account.currentMinor;
    let estimated = false;
    for (let date = end; date >= input.from; ) {
      const reported = snaps.get(date);
      if (reported !== undefined) {
        balance = reported;
        estimated = false;
      }
      if (date <= input.to) points.push({ date, balanceMinor: balance, estimated });
      const moved = flows.get(date) ?? 0;
      balance = sumMinor([balance, -balanceEffect(account.side, moved)]);
      estimated = true;
      date = addDays(date, -1);
    }
    points.reverse();
    return { accountId: account.id, side: account.side, currency: account.currency, points };
  });
}

/**
 * Assets, liabilities and net worth per day and currency (currencies are never added together), the currency
 * with the most accounts first. A day counts an account from its first point on; the day is estimated when any
 * balance in it is.
 */
export function netWorthTotals(histories: readonly AccountHistory[]): NetWorthTotal[] {
  const byCurrency = new Map<string, Map<LocalDate, NetWorthDay>>();
  const accountCount = new Map<string, number>();
  for (const h of histories) {
    accountCount.set(h.currency, (accountCount.get(h.currency) ?? 0) + 1);
    const days = byCurrency.get(h.currency) ?? new Map<LocalDate, NetWorthDay>();
    byCurrency.set(h.currency, days);
    for (const p of h.points) {
      const day = days.get(p.date) ?? {
        date: p.date,
        assetsMinor: 0,
        liabilitiesMinor: 0,
        netMinor: 0,
        estimated: false,
      };
      if (h.side === 'liability') day.liabilitiesMinor = sumMinor([day.liabilitiesMinor, p.balanceMinor]);
      else day.assetsMinor = sumMinor([day.assetsMinor, p.balanceMinor]);
      day.netMinor = sumMinor([day.assetsMinor, -day.liabilitiesMinor]);
      day.estimated ||= p.estimated;
      days.set(p.date, day);
    }
  }
  return [...byCurrency]
    .map(([currency, days]) => ({
      currency,
      points: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    }))
    .sort(
      (a, b) =>
        accountCount.get(b.currency)! - accountCount.get(a.currency)! || a.currency.localeCompare(b.currency),
    );
}

function groupByAccountAndDate<T extends { accountId: string; date: LocalDate }>(
  rows: readonly T[],
  value: (row: T) => Minor,
  add: boolean,
): Map<string, Map<LocalDate, Minor>> {
  const out = new Map<string, Map<LocalDate, Minor>>();
  for (const row of rows) {
    const days = out.get(row.accountId) ?? new Map<LocalDate, Minor>();
    out.set(row.accountId, days);
    days.set(row.date, add ? sumMinor([days.get(row.date) ?? 0, value(row)]) : value(row));
  }
  return out;
}
