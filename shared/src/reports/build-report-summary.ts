import type {
  AccountBalance,
  Anomaly,
  CashFlow,
  NetWorthPoint,
  ReportSummary,
  Trends,
} from '../contract/report-summary.ts';
import { type CashFlowRules, type CountedLine, countedDay, countTransaction } from '../figures/cash-flow.ts';
import { currencyExponent } from '../money/currency.ts';
import type { Minor } from '../money/minor-units.ts';
import { accountSide } from '../presentation/account-kinds.ts';
import { changeOf, divideRounded, ratioBps, sharesBps } from './exact-ratio.ts';
import { firstInOrder } from './first-in-order.ts';
import { addDays, addMonths, type LocalDate, lastDayOfMonth, monthOf } from './local-date.ts';
import { reportBills } from './report-bills.ts';
import type { ReportCategory, ReportInput, ReportTrailingTotals, ReportTransaction } from './report-input.ts';
import { previousPeriod, type ReportPeriod } from './report-period.ts';

const UNCATEGORIZED = 'Uncategorized';
const TREND_MONTHS = 12;
const ROLLING_WINDOW = 3;
const TOP_PAYEES = 10;
const LARGEST = 10;
const MAX_ANOMALIES = 5;

/** How many earlier periods the trailing average (and the anomaly baseline) spans. */
export function trailingPeriodCount(kind: ReportPeriod['kind']): number {
  return kind === 'weekly' ? 4 : 3;
}

/**
 * The trailing periods, latest first: the period before `period` (periodBefore's rule, through previousPeriod),
 * the one before that, and so on, trailingPeriodCount of them. A month or a week to date is compared like for
 * like, so its trailing periods may leave days between them (1–15 October against 1–15 September, August and
 * July): those days are in none of them.
 */
export function reportTrailingPeriods(period: ReportPeriod): ReportPeriod[] {
  const trailing: ReportPeriod[] = [];
  for (let i = 0; i < trailingPeriodCount(period.kind); i++) {
    trailing.push(previousPeriod(trailing.at(-1) ?? period));
  }
  return trailing;
}

/** The first day of the earliest trailing period (the average and the anomaly baseline reach back to it). */
export function reportTrailingStart(period: ReportPeriod): LocalDate {
  return (reportTrailingPeriods(period).at(-1) ?? period).start;
}

/** The first day of the trends' first month. */
export function reportTrendStart(period: ReportPeriod): LocalDate {
  return addMonths(period.end, -(TREND_MONTHS - 1));
}

/** The first local date whose transactions can change a report for this period (trends reach back a year). */
export function reportHistoryStart(period: ReportPeriod): LocalDate {
  const trailingStart = reportTrailingStart(period);
  const trendStart = reportTrendStart(period);
  return trailingStart < trendStart ? trailingStart : trendStart;
}

interface Bucket {
  spent: Minor;
  income: Minor;
  byCategory: Map<string, Minor>;
  byPayee: Map<string, Minor>;
}

/** Adds one counted line to a bucket (its payee's spending too). */
function addLine(b: Bucket, line: CountedLine, payeeKey: string): void {
  b.spent += line.spentMinor;
  b.income += line.incomeMinor;
  if (line.spentMinor !== 0) {
    add(b.byCategory, line.categoryKey, line.spentMinor);
    add(b.byPayee, payeeKey, line.spentMinor);
  }
}

/**
 * The trailing periods as the trailing average and the anomaly baseline read them: spending and income per
 * period, and spending per category and per payee over all of them (the baseline is its average).
 */
interface TrailingFigures {
  periods: { spent: Minor; income: Minor }[];
  byCategory: Map<string, Minor>;
  byPayee: Map<string, Minor>;
}

/** Adds one counted line of a row in trailing period `p`. */
function addTrailingLine(
  t: TrailingFigures,
  p: TrailingFigures['periods'][number],
  line: CountedLine,
  payeeKey: string,
) {
  p.spent += line.spentMinor;
  p.income += line.incomeMinor;
  if (line.spentMinor !== 0) {
    add(t.byCategory, line.categoryKey, line.spentMinor);
    add(t.byPayee, payeeKey, line.spentMinor);
  }
}

/** The trailing figures summed by the loader (ReportTrailingTotals), the days placed in their periods. */
function addTrailingTotals(
  t: TrailingFigures,
  trailing: ReportPeriod[],
  totals: ReportTrailingTotals,
  payeeKeyOf: (name: string) => string,
): void {
  for (const d of totals.days) {
    const p = trailingBucketOn(trailing, t.periods, d.day);
    if (!p) continue;
    p.spent += d.spentMinor;
    p.income += d.incomeMinor;
  }
  for (const c of totals.spentByCategory) add(t.byCategory, c.categoryKey, c.spentMinor);
  for (const p of totals.spentByPayeeName) add(t.byPayee, payeeKeyOf(p.name), p.spentMinor);
}

/** The bucket of the trailing period `date` falls in, if any. */
function trailingBucketOn<B>(trailing: ReportPeriod[], buckets: B[], date: LocalDate): B | undefined {
  for (let i = 0; i < trailing.length; i++) {
    if (date >= trailing[i]!.start && date <= trailing[i]!.end) return buckets[i];
  }
  return undefined;
}

const emptyBucket = (): Bucket => ({ spent: 0, income: 0, byCategory: new Map(), byPayee: new Map() });
const add = (map: Map<string, Minor>, key: string, value: Minor) => map.set(key, (map.get(key) ?? 0) + value);
const cashFlow = (b: Pick<Bucket, 'spent' | 'income'>): CashFlow => ({
  spentMinor: b.spent,
  incomeMinor: b.income,
  netMinor: b.income - b.spent,
});

/**
 * The report for one period, computed from rows passed in. Which transactions count, on which day and in
 * which category is the one cash-flow definition (figures/cash-flow.ts); rows it leaves out are only counted.
 */
export function buildReportSummary(input: ReportInput): ReportSummary {
  const { period, currency } = input;
  const categories = new Map(input.categories.map((c) => [c.id, c]));
  const accountsById = new Map(input.accounts.map((a) => [a.id, a]));
  const exponentUnit = 10 ** currencyExponent(currency);
  const rules: CashFlowRules = { currency, categories };

  const trailing = reportTrailingPeriods(period);
  const months = Array.from({ length: TREND_MONTHS }, (_, i) =>
    monthOf(addMonths(period.end, i - (TREND_MONTHS - 1))),
  );
  const monthIndex = new Map(months.map((m, i) => [m, i]));

  const current = emptyBucket();
  const trailingFigures: TrailingFigures = {
    periods: trailing.map(() => ({ spent: 0, income: 0 })),
    byCategory: new Map(),
    byPayee: new Map(),
  };
  const monthBuckets = months.map(emptyBucket);
  const excluded = { transfers: 0, excludedByUser: 0, pending: 0, otherCurrency: 0 };
  let transactionCount = 0;
  const largest: { txn: ReportTransaction; date: LocalDate; categoryName: string }[] = [];
  // The name shown for a payee: the spelling of its earliest counted row in the period (by day, then id),
  // whatever order the rows come in and whatever rows of other periods were loaded.
  const payeeNames = new Map<string, { spelling: string; date: LocalDate; id: string }>();
  const payeeName = (key: string) => payeeNames.get(key)!.spelling.trim();
  const categoryCounts = new Map<string, number>();
  const payeeCounts = new Map<string, number>();

  // The trend months from the rollups when the caller read them (only spending and income per category are
  // trended), else from the rows below.
  const monthTotals = input.monthTotals;
  if (monthTotals) {
    for (const total of monthTotals) {
      const m = monthIndex.get(total.month);
      if (m === undefined) continue;
      const b = monthBuckets[m]!;
      b.spent += total.spentMinor;
      b.income += total.incomeMinor;
      if (total.spentMinor !== 0) add(b.byCategory, total.categoryKey, total.spentMinor);
    }
  }
  const historyStart = reportHistoryStart(period);
  // A payee is its name trimmed and lower-cased, for rows and the loader's trailing totals alike. A loaded
  // month has thousands of rows and a few thousand payees: each payee text is keyed once.
  const payeeKeys = new Map<string, string>();
  const payeeKeyOf = (name: string): string => {
    let key = payeeKeys.get(name);
    if (key === undefined) {
      key = name.trim().toLowerCase();
      payeeKeys.set(name, key);
    }
    return key;
  };
  const trailingTotals = input.trailingTotals;
  if (trailingTotals) addTrailingTotals(trailingFigures, trailing, trailingTotals, payeeKeyOf);
  for (const txn of input.transactions) {
    const date = countedDay(txn, period.timezone);
    if (date < historyStart || date > period.end) continue;
    const inPeriod = date >= period.start;
    const lines = included(txn, rules, inPeriod ? excluded : undefined);
    if (!lines) continue;
    const payeeKey = payeeKeyOf(txn.name);
    if (inPeriod) {
      const shown = payeeNames.get(payeeKey);
      if (shown === undefined) payeeNames.set(payeeKey, { spelling: txn.name, date, id: txn.id });
      else if (date < shown.date || (date === shown.date && txn.id < shown.id)) {
        shown.spelling = txn.name;
        shown.date = date;
        shown.id = txn.id;
      }
    }

    // The buckets the row counts in: the period itself, the trailing period it falls in (unless the loader
    // summed those), its trend month.
    const inTrailing =
      inPeriod || trailingTotals ? undefined : trailingBucketOn(trailing, trailingFigures.periods, date);
    const inMonth = monthTotals ? undefined : monthBuckets[monthIndex.get(monthOf(date)) ?? -1];
    let spends = true;
    let spendsAny = false;
    for (const line of lines) {
      if (inPeriod) addLine(current, line, payeeKey);
      if (inTrailing) addTrailingLine(trailingFigures, inTrailing, line, payeeKey);
      if (inMonth) addLine(inMonth, line, payeeKey);
      if (line.spentMinor !== 0) {
        spendsAny = true;
        if (inPeriod) add(categoryCounts, line.categoryKey, 1);
      }
      if (line.incomeMinor !== 0) spends = false;
    }
    if (inPeriod) {
      transactionCount++;
      if (spendsAny) add(payeeCounts, payeeKey, 1);
      if (spends && txn.amountMinor > 0) {
        const categoryName = txn.splits?.length
          ? 'Split'
          : (categoryName0(categories, lines[0]!.categoryKey) ?? UNCATEGORIZED);
        largest.push({ txn, date, categoryName });
      }
    }
  }

  const headline = cashFlow(current);
  const trailingPeriods = trailingFigures.periods;
  const previous = cashFlow(trailingPeriods[0]!);
  const periods = trailing.length;
  const trailingAverage: CashFlow = {
    spentMinor: divideRounded(sum(trailingPeriods.map((b) => b.spent)), periods),
    incomeMinor: divideRounded(sum(trailingPeriods.map((b) => b.income)), periods),
    netMinor: divideRounded(sum(trailingPeriods.map((b) => b.income - b.spent)), periods),
  };

  const categoryRows = [...current.byCategory]
    .filter(([, v]) => v !== 0)
    .sort(byAmountThenName((k) => categoryName0(categories, k) ?? UNCATEGORIZED));
  const categoryShares = sharesBps(categoryRows.map(([, v]) => v));
  const byCategory = categoryRows.map(([key, spentMinor], i) => ({
    categoryId: key || null,
    name: categoryName0(categories, key) ?? UNCATEGORIZED,
    groupName: groupOf(categories, key).name,
    spentMinor,
    shareBps: categoryShares[i]!,
    count: categoryCounts.get(key) ?? 0,
  }));

  const groupTotals = new Map<string, { name: string; spent: Minor }>();
  for (const [key, spent] of current.byCategory) {
    const g = groupOf(categories, key);
    const entry = groupTotals.get(g.key) ?? { name: g.name, spent: 0 };
    entry.spent += spent;
    groupTotals.set(g.key, entry);
  }
  const groupRows = [...groupTotals]
    .filter(([, g]) => g.spent !== 0)
    .sort((a, b) => b[1].spent - a[1].spent || a[1].name.localeCompare(b[1].name));
  const groupShares = sharesBps(groupRows.map(([, g]) => g.spent));
  const byGroup = groupRows.map(([key, g], i) => ({
    groupId: key || null,
    name: g.name,
    spentMinor: g.spent,
    shareBps: groupShares[i]!,
  }));

  const topPayees = firstInOrder(
    [...current.byPayee].filter(([, v]) => v > 0),
    TOP_PAYEES,
    byAmountThenName((k) => k),
  ).map(([key, spentMinor]) => ({
    name: payeeName(key),
    spentMinor,
    count: payeeCounts.get(key) ?? 0,
  }));

  const largestTransactions = firstInOrder(
    largest,
    LARGEST,
    (a, b) =>
      b.txn.amountMinor - a.txn.amountMinor ||
      a.date.localeCompare(b.date) ||
      a.txn.id.localeCompare(b.txn.id),
  ).map(({ txn, date, categoryName }) => ({
    id: txn.id,
    date,
    name: txn.name.trim(),
    categoryName,
    accountName: accountsById.get(txn.accountId)?.name ?? '',
    amountMinor: txn.amountMinor,
  }));

  const anomalies = [
    ...findAnomalies(
      'category',
      current.byCategory,
      trailingFigures.byCategory,
      periods,
      exponentUnit,
      (k) => categoryName0(categories, k) ?? UNCATEGORIZED,
    ),
    ...findAnomalies('payee', current.byPayee, trailingFigures.byPayee, periods, exponentUnit, payeeName),
  ]
    .sort((a, b) => b.excessMinor - a.excessMinor || a.name.localeCompare(b.name))
    .slice(0, MAX_ANOMALIES);

  return {
    version: 1,
    kind: period.kind,
    period: { start: period.start, end: period.end, timezone: period.timezone },
    currency,
    generatedAt: input.generatedAt.toISOString(),
    headline: { ...headline, transactionCount },
    previous: { ...previous, start: trailing[0]!.start, end: trailing[0]!.end },
    trailingAverage: { ...trailingAverage, periods },
    change: {
      spentVsPrevious: changeOf(headline.spentMinor, previous.spentMinor),
      incomeVsPrevious: changeOf(headline.incomeMinor, previous.incomeMinor),
      netVsPrevious: changeOf(headline.netMinor, previous.netMinor),
      spentVsAverage: changeOf(headline.spentMinor, trailingAverage.spentMinor),
      incomeVsAverage: changeOf(headline.incomeMinor, trailingAverage.incomeMinor),
      netVsAverage: changeOf(headline.netMinor, trailingAverage.netMinor),
    },
    byCategory,
    byGroup,
    topPayees,
    largestTransactions,
    trends: trends(months, monthBuckets, period, categories),
    anomalies,
    recurring: reportBills(input),
    balances: balances(input, months),
    excluded,
    ...(input.budgets?.length ? { budgets: [...input.budgets] } : {}),
  };
}

/** The counted lines of a transaction (the one cash-flow definition), or undefined when it is left out. */
function included(
  txn: ReportTransaction,
  rules: CashFlowRules,
  excluded: ReportSummary['excluded'] | undefined,
): CountedLine[] | undefined {
  const counting = countTransaction(txn, rules);
  if (counting.counted) return counting.lines;
  if (excluded) excluded[counting.reason]++;
  return undefined;
}

function categoryName0(categories: Map<string, ReportCategory>, key: string): string | undefined {
  return key ? categories.get(key)?.name : undefined;
}

function groupOf(categories: Map<string, ReportCategory>, key: string): { key: string; name: string } {
  const category = key ? categories.get(key) : undefined;
  if (!category) return { key: '', name: UNCATEGORIZED };
  const parent = category.parentId ? categories.get(category.parentId) : undefined;
  return parent ? { key: parent.id, name: parent.name } : { key: category.id, name: category.name };
}

function sum(values: readonly Minor[]): Minor {
  return values.reduce((a, b) => a + b, 0);
}

function byAmountThenName(name: (key: string) => string) {
  return (a: [string, Minor], b: [string, Minor]) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0]));
}

function findAnomalies(
  scope: Anomaly['scope'],
  currentTotals: Map<string, Minor>,
  trailingTotals: Map<string, Minor>,
  periods: number,
  unit: number,
  name: (key: string) => string,
): Anomaly[] {
  const found: Anomaly[] = [];
  for (const [key, currentMinor] of currentTotals) {
    const baselineMinor = divideRounded(trailingTotals.get(key) ?? 0, periods);
    const excessMinor = currentMinor - baselineMinor;
    // "Well above usual": at least 1.5× a baseline of 20+ currency units, and 25+ units more.
    if (baselineMinor < 20 * unit || currentMinor * 2 < baselineMinor * 3 || excessMinor < 25 * unit)
      continue;
    found.push({
      scope,
      name: name(key),
      currentMinor,
      baselineMinor,
      excessMinor,
      changeBps: ratioBps(excessMinor, baselineMinor)!,
    });
  }
  return found;
}

function trends(
  months: string[],
  buckets: Bucket[],
  period: ReportPeriod,
  categories: Map<string, ReportCategory>,
): Trends {
  const rolling = (series: Minor[]) =>
    series.map((_, i) => {
      const window = series.slice(Math.max(0, i - ROLLING_WINDOW + 1), i + 1);
      return divideRounded(sum(window), window.length);
    });
  const spentSeries = buckets.map((b) => b.spent);
  const spentRolling = rolling(spentSeries);
  const keys = new Set(buckets.flatMap((b) => [...b.byCategory.keys()]));
  const byCategory = [...keys]
    .map((key) => {
      const monthlyMinor = buckets.map((b) => b.byCategory.get(key) ?? 0);
      return {
        categoryId: key || null,
        name: categoryName0(categories, key) ?? UNCATEGORIZED,
        monthlyMinor,
        rollingAverageMinor: rolling(monthlyMinor),
        total: sum(monthlyMinor),
      };
    })
    .filter((c) => c.monthlyMinor.some((v) => v !== 0))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
    .map(({ total: _total, ...rest }) => rest);
  return {
    months,
    lastMonthPartial: period.end !== lastDayOfMonth(period.end),
    rollingWindow: ROLLING_WINDOW,
    totals: buckets.map((b, i) => ({
      month: months[i]!,
      ...cashFlow(b),
      spentRollingAverageMinor: spentRolling[i]!,
    })),
    byCategory,
  };
}

function balances(input: ReportInput, months: string[]): ReportSummary['balances'] {
  const { period } = input;
  const accounts = input.accounts.filter(
    (a) => a.currency === null || a.currency.toUpperCase() === input.currency.toUpperCase(),
  );
  const history = new Map<string, { date: LocalDate; minor: Minor; estimated: boolean }[]>();
  for (const s of input.snapshots) {
    if (s.currentMinor === null) continue;
    const list = history.get(s.accountId) ?? [];
    list.push({ date: s.date, minor: s.currentMinor, estimated: s.estimated ?? false });
    history.set(s.accountId, list);
  }
  for (const list of history.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  /** The last balance on or before `date`, and whether it was walked back through transactions. */
  const balanceOn = (accountId: string, date: LocalDate): { minor: Minor; estimated: boolean } | null => {
    const list = history.get(accountId);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    let found: { minor: Minor; estimated: boolean } | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.date <= date) {
        found = list[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const balanceAt = (accountId: string, date: LocalDate): Minor | null =>
    balanceOn(accountId, date)?.minor ?? null;
  const sideOf = (type: string): AccountBalance['side'] => accountSide(type);
  const rows: AccountBalance[] = accounts
    .map((a) => ({
      accountId: a.id,
      name: a.name,
      type: a.type,
      side: sideOf(a.type),
      openingMinor: balanceAt(a.id, addDays(period.start, -1)),
      closingMinor: balanceAt(a.id, period.end),
    }))
    .filter((r) => r.openingMinor !== null || r.closingMinor !== null)
    .sort(
      (a, b) =>
        a.side.localeCompare(b.side) ||
        a.name.localeCompare(b.name) ||
        a.accountId.localeCompare(b.accountId),
    );
  const netWorthOn = (date: LocalDate, only?: ReadonlySet<string>): NetWorthPoint | null => {
    let assetsMinor = 0;
    let liabilitiesMinor = 0;
    let seen = false;
    let estimated = false;
    for (const a of accounts) {
      if (only && !only.has(a.id)) continue;
      const b = balanceOn(a.id, date);
      if (b === null) continue;
      seen = true;
      estimated ||= b.estimated;
      if (sideOf(a.type) === 'liability') liabilitiesMinor += b.minor;
      else assetsMinor += b.minor;
    }
    if (!seen) return null;
    return {
      date,
      assetsMinor,
      liabilitiesMinor,
      netWorthMinor: assetsMinor - liabilitiesMinor,
      ...(estimated ? { estimated } : {}),
    };
  };
  const netWorth: NetWorthPoint[] = [];
  for (const month of months) {
    const monthEnd = lastDayOfMonth(`${month}-01`);
    const point = netWorthOn(monthEnd < period.end ? monthEnd : period.end);
    if (point) netWorth.push(point);
  }
  // The change over the period, on the accounts with a balance at both ends (an account opened midway would
  // otherwise count as growth).
  const both = new Set(
    rows.filter((r) => r.openingMinor !== null && r.closingMinor !== null).map((r) => r.accountId),
  );
  const opening = both.size > 0 ? netWorthOn(addDays(period.start, -1), both) : null;
  const closing = both.size > 0 ? netWorthOn(period.end, both) : null;
  const netWorthChange =
    opening && closing
      ? {
          fromDate: opening.date,
          toDate: closing.date,
          openingMinor: opening.netWorthMinor,
          closingMinor: closing.netWorthMinor,
          changeMinor: closing.netWorthMinor - opening.netWorthMinor,
          estimated: (opening.estimated ?? false) || (closing.estimated ?? false),
        }
      : null;
  return { accounts: rows, netWorth, netWorthChange };
}
