/** A parsed row about to be imported into one account. */
export interface IncomingRow {
  readonly date: string;
  readonly amountMinor: number;
  readonly payee: string | null;
  readonly fitid: string | null;
  /** From importKeys: stable across files for the same bank row. */
  readonly importKey: string;
}

/** A row the account already holds: synced from Plaid (importKey null) or imported before. */
export interface ExistingRow {
  readonly id: string;
  readonly date: string;
  readonly amountMinor: number;
  readonly payee: string | null;
  readonly fitid: string | null;
  readonly importKey: string | null;
  /** Other names of the row (Plaid's cleaned merchant name beside the bank's text); any may match. */
  readonly otherNames?: readonly string[];
}

export type RowMatch =
  | { readonly status: 'new' }
  | { readonly status: 'duplicate'; readonly existingId: string; readonly reason: 'same-id' | 'same-day' }
  | { readonly status: 'suspect'; readonly existingId: string; readonly days: number };

export interface MatchOptions {
  /** How far apart two dates of the same bank row may be (posting vs. value date, pending → posted). */
  readonly windowDays?: number;
}

/**
 * Keys that identify a bank row across files: the FITID/AcctSvcrRef when the file has one, else date, amount
 * and payee. A per-file occurrence index keeps two identical coffees on one day apart (and a FITID a bank
 * reuses apart), while the same file, or an overlapping one, yields the same keys again.
 */
export function importKeys(
  rows: ReadonlyArray<{ date: string; amountMinor: number; payee: string | null; fitid: string | null }>,
): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base = row.fitid
      ? `id:${row.fitid}`
      : `row:${row.date}|${row.amountMinor}|${payeeTokens(row.payee).join(' ')}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}#${n}`;
  });
}

/**
 * Classifies each incoming row against the account's rows, one-to-one:
 * - duplicate by id: the same import key (same FITID, or same content and occurrence) already imported;
 * - otherwise the closest unmatched row with the same amount within ±windowDays: the same day and a similar
 *   payee is a duplicate; a similar payee on another day, or another payee on the same day, is a suspect a
 *   person reviews; two rows with different bank ids never match (the bank says they differ).
 * Pure and deterministic: pairs are taken best first (similar payee, then fewest days, then file order).
 */
export function matchDuplicates(
  incoming: readonly IncomingRow[],
  existing: readonly ExistingRow[],
  options: MatchOptions = {},
): RowMatch[] {
  const windowDays = options.windowDays ?? 3;
  const result: RowMatch[] = incoming.map(() => ({ status: 'new' }));
  const used = new Set<string>();
  const byKey = new Map<string, ExistingRow>();
  for (const row of existing) if (row.importKey) byKey.set(row.importKey, row);
  const open: number[] = [];
  incoming.forEach((row, i) => {
    const hit = byKey.get(row.importKey);
    if (hit && !used.has(hit.id)) {
      used.add(hit.id);
      result[i] = { status: 'duplicate', existingId: hit.id, reason: 'same-id' };
    } else open.push(i);
  });
  const byAmount = new Map<number, ExistingRow[]>();
  for (const row of existing) {
    if (used.has(row.id)) continue;
    const list = byAmount.get(row.amountMinor) ?? [];
    list.push(row);
    byAmount.set(row.amountMinor, list);
  }
  const pairs: Array<{ i: number; row: ExistingRow; days: number; similar: boolean }> = [];
  for (const i of open) {
    const mine = incoming[i]!;
    for (const row of byAmount.get(mine.amountMinor) ?? []) {
      if (mine.fitid && row.fitid && mine.fitid !== row.fitid) continue;
      const days = Math.abs(dayNumber(mine.date) - dayNumber(row.date));
      if (days > windowDays) continue;
      const similar =
        similarPayee(mine.payee, row.payee) ||
        (row.otherNames ?? []).some((name) => similarPayee(mine.payee, name));
      if (!similar && days > 0) continue;
      pairs.push({ i, row, days, similar });
    }
  }
  pairs.sort(
    (a, b) =>
      Number(b.similar) - Number(a.similar) || a.days - b.days || a.i - b.i || (a.row.id < b.row.id ? -1 : 1),
  );
  const matched = new Set<number>();
  for (const pair of pairs) {
    if (matched.has(pair.i) || used.has(pair.row.id)) continue;
    matched.add(pair.i);
    used.add(pair.row.id);
    result[pair.i] =
      pair.similar && pair.days === 0
        ? { status: 'duplicate', existingId: pair.row.id, reason: 'same-day' }
        : { status: 'suspect', existingId: pair.row.id, days: pair.days };
  }
  return result;
}

function dayNumber(day: string): number {
  return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 86_400_000;
}

const NOISE = new Set([
  'POS',
  'CARD',
  'PURCHASE',
  'DEBIT',
  'CREDIT',
  'PAYMENT',
  'THE',
  'AND',
  'INC',
  'LLC',
  'LTD',
  'GMBH',
  'SA',
]);

function payeeTokens(payee: string | null): string[] {
  if (!payee) return [];
  return payee
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((t) => t.length > 1 && !/^\d+$/.test(t) && !NOISE.has(t));
}

/** Payees are similar when one's words contain the other's first word, or half their words are shared. */
export function similarPayee(a: string | null, b: string | null): boolean {
  const x = payeeTokens(a);
  const y = payeeTokens(b);
  if (x.length === 0 || y.length === 0) return x.length === 0 && y.length === 0;
  const ys = new Set(y);
  const shared = x.filter((t) => ys.has(t)).length;
  if (shared * 2 >= Math.min(x.length, y.length)) return true;
  const joinedX = x.join('');
  const joinedY = y.join('');
  return joinedX.includes(joinedY) || joinedY.includes(joinedX);
}
