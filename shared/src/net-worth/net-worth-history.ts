import { NET_WORTH_MAX_DAYS } from '../contract/net-worth.ts';
import type { Db } from '../db/create-database.ts';
import { DomainError } from '../errors/domain-error.ts';
import { accountSide } from '../presentation/account-kinds.ts';
import { addDays, daysBetween, type LocalDate, localDateOf } from '../reports/local-date.ts';
import { userAccounts } from '../tables/accounts.ts';
import { balanceSnapshotsFrom } from '../tables/balance-snapshots.ts';
import { firstPostedDate, postedDailyFlows } from '../tables/transactions.ts';
import { userRepository } from '../users/user-repository.ts';
import { netWorthTotals, reconstructBalances } from './reconstruct-balances.ts';

export interface NetWorthRange {
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
}

/**
 * The user's net worth per day, per visible account and in total: from the day before the oldest posted
 * transaction (the opening balance; today when there is none) to today unless a range is given. A new user has
 * this history from the first sync on: it is walked back from the current balances.
 */
export async function netWorthHistory(db: Db, userId: string, range: NetWorthRange, now: Date) {
  const user = await userRepository.zoneAndCurrency(db, userId);
  const today = localDateOf(now, user.timezone);
  const first = range.from === undefined ? await firstPostedDate(db, userId) : null;
  const to = range.to ?? today;
  const opening = first !== null && first <= today ? addDays(first, -1) : today;
  // Without a `from`, a `to` before the opening day asks for that one day.
  const from = range.from ?? [opening, to].sort()[0]!;
  if (from > to)
    throw new DomainError('VALIDATION_FAILED', 'from must not be after to', [
      { path: 'from', message: 'from must not be after to' },
    ]);
  if (daysBetween(from, to) >= NET_WORTH_MAX_DAYS)
    throw new DomainError('VALIDATION_FAILED', `at most ${NET_WORTH_MAX_DAYS} days`, [
      { path: 'to', message: `at most ${NET_WORTH_MAX_DAYS} days` },
    ]);
  const [accounts, flows, snapshots] = await Promise.all([
    userAccounts(db, userId),
    postedDailyFlows(db, userId, from),
    balanceSnapshotsFrom(db, userId, from),
  ]);
  const counted = accounts.filter((a) => !a.hidden && a.current_minor !== null);
  const histories = reconstructBalances({
    accounts: counted.map((a) => ({
      id: a.id,
      side: accountSide(a.type),
      currency: a.currency ?? a.unofficial_currency ?? user.currency,
      currentMinor: a.current_minor!,
      asOf: today,
    })),
    flows,
    snapshots: snapshots.flatMap((s) =>
      s.currentMinor === null ? [] : [{ accountId: s.accountId, date: s.date, currentMinor: s.currentMinor }],
    ),
    from,
    to,
  });
  const byId = new Map(counted.map((a) => [a.id, a]));
  const totals = netWorthTotals(histories);
  return {
    from,
    to,
    today,
    estimated: histories.some((h) => h.points.some((p) => p.estimated)),
    accounts: histories.map((h) => ({
      accountId: h.accountId,
      name: byId.get(h.accountId)!.name,
      type: byId.get(h.accountId)!.type,
      side: h.side,
      currency: h.currency,
      points: h.points,
    })),
    totals,
  };
}
