import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ExistingRow,
  type IncomingRow,
  importKeys,
  matchDuplicates,
  similarPayee,
} from './match-duplicates.ts';

type Row = { date: string; amountMinor: number; payee: string | null; fitid: string | null };

const incoming = (rows: Row[]): IncomingRow[] => {
  const keys = importKeys(rows);
  return rows.map((r, i) => ({ ...r, importKey: keys[i]! }));
};

/** What a commit does: every new row becomes an existing row carrying its import key. */
const commit = (rows: IncomingRow[], existing: ExistingRow[], prefix: string): ExistingRow[] => {
  const matches = matchDuplicates(rows, existing);
  return [
    ...existing,
    ...rows.flatMap((r, i) => (matches[i]!.status === 'new' ? [{ ...r, id: `${prefix}${i}` }] : [])),
  ];
};

const synced = (id: string, date: string, amountMinor: number, payee: string): ExistingRow => ({
  id,
  date,
  amountMinor,
  payee,
  fitid: null,
  importKey: null,
});

describe('matchDuplicates', () => {
  it('re-importing the same file finds every row, including two identical coffees on one day', () => {
    const file = incoming([
      { date: '2026-10-01', amountMinor: 350, payee: 'COFFEE', fitid: null },
      { date: '2026-10-01', amountMinor: 350, payee: 'COFFEE', fitid: null },
      { date: '2026-10-02', amountMinor: 900, payee: 'LUNCH', fitid: null },
    ]);
    const first = matchDuplicates(file, []);
    expect(first.map((m) => m.status)).toEqual(['new', 'new', 'new']);
    const after = commit(file, [], 'a');
    expect(matchDuplicates(file, after).map((m) => m.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
  });

  it('an overlapping file adds only the rows the first did not have', () => {
    const january = incoming([
      { date: '2026-01-30', amountMinor: 350, payee: 'COFFEE', fitid: null },
      { date: '2026-01-31', amountMinor: 1200, payee: 'BOOKS', fitid: null },
    ]);
    const overlap = incoming([
      { date: '2026-01-31', amountMinor: 1200, payee: 'BOOKS', fitid: null },
      { date: '2026-02-01', amountMinor: 350, payee: 'COFFEE', fitid: null },
    ]);
    const existing = commit(january, [], 'j');
    expect(matchDuplicates(overlap, existing).map((m) => m.status)).toEqual(['duplicate', 'suspect']);
  });

  it('matches by FITID even when the bank changed the date and payee, and never fuzzily across two FITIDs', () => {
    const before = incoming([{ date: '2026-10-01', amountMinor: 500, payee: 'SHOP', fitid: 'F1' }]);
    const existing = commit(before, [], 'x');
    const again = incoming([
      { date: '2026-10-03', amountMinor: 500, payee: 'Shop Inc', fitid: 'F1' },
      { date: '2026-10-01', amountMinor: 500, payee: 'SHOP', fitid: 'F2' },
    ]);
    expect(matchDuplicates(again, existing)).toEqual([
      { status: 'duplicate', existingId: 'x0', reason: 'same-id' },
      { status: 'new' },
    ]);
  });

  it('matches Plaid-synced rows one-to-one: same day and payee is a duplicate, a day apart is a suspect', () => {
    const existing = [
      synced('p1', '2026-10-01', 350, 'Starbucks'),
      synced('p2', '2026-10-05', 4000, 'Shell Oil'),
      synced('p3', '2026-10-09', 999, 'Netflix'),
    ];
    const file = incoming([
      { date: '2026-10-01', amountMinor: 350, payee: 'STARBUCKS STORE 1234', fitid: 'A' },
      { date: '2026-10-01', amountMinor: 350, payee: 'STARBUCKS STORE 1234', fitid: 'B' },
      { date: '2026-10-06', amountMinor: 4000, payee: 'SHELL OIL 5744', fitid: 'C' },
      { date: '2026-10-09', amountMinor: 999, payee: 'Spotify', fitid: 'D' },
      { date: '2026-10-20', amountMinor: 999, payee: 'Netflix', fitid: 'E' },
    ]);
    expect(matchDuplicates(file, existing)).toEqual([
      { status: 'duplicate', existingId: 'p1', reason: 'same-day' },
      { status: 'new' },
      { status: 'suspect', existingId: 'p2', days: 1 },
      { status: 'suspect', existingId: 'p3', days: 0 },
      { status: 'new' },
    ]);
  });

  it("matches a synced row by Plaid's merchant name as well as the bank's text", () => {
    const existing = [
      { ...synced('p1', '2026-09-03', 5070, 'AMZN Mktp US*XP5AU7YA4'), otherNames: ['Amazon'] },
    ];
    const byMerchant = incoming([
      { date: '2026-09-03', amountMinor: 5070, payee: 'Amazon.com', fitid: null },
    ]);
    expect(matchDuplicates(byMerchant, existing)).toEqual([
      { status: 'duplicate', existingId: 'p1', reason: 'same-day' },
    ]);
  });

  it('prefers the nearest date when two synced rows could match', () => {
    const existing = [synced('far', '2026-10-04', 700, 'Cafe'), synced('near', '2026-10-02', 700, 'Cafe')];
    const file = incoming([{ date: '2026-10-01', amountMinor: 700, payee: 'CAFE', fitid: null }]);
    expect(matchDuplicates(file, existing)).toEqual([{ status: 'suspect', existingId: 'near', days: 1 }]);
  });

  const row = fc.record({
    date: fc
      .integer({ min: 0, max: 40 })
      .map((d) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10)),
    amountMinor: fc.integer({ min: -5, max: 5 }).map((n) => n * 100),
    payee: fc.option(fc.constantFrom('Coffee', 'COFFEE SHOP', 'Books', 'Rent', 'Shell'), { nil: null }),
    fitid: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: null }),
  });

  it('is idempotent: after committing a file, importing it again adds nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 25 }), fc.array(row, { maxLength: 25 }), (plaid, file) => {
        const existing = plaid.map((r, i) => ({ ...r, fitid: null, id: `p${i}`, importKey: null }));
        const rows = incoming(file);
        const after = commit(rows, existing, 'i');
        const again = matchDuplicates(rows, after);
        expect(again.filter((m) => m.status === 'new')).toEqual([]);
        expect(commit(rows, after, 'k')).toEqual(after);
      }),
    );
  });

  it('never matches two incoming rows to the same existing row (property)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 25 }), fc.array(row, { maxLength: 25 }), (old, file) => {
        const existing = commit(incoming(old), [], 'e');
        const ids = matchDuplicates(incoming(file), existing).flatMap((m) =>
          'existingId' in m ? [m.existingId] : [],
        );
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});

describe('similarPayee', () => {
  it.each([
    ['STARBUCKS STORE 1234', 'Starbucks', true],
    ['SHELL OIL 5744', 'Shell Oil', true],
    ['Café Münster', 'CAFE MUNSTER', true],
    ['Spotify', 'Netflix', false],
    ['POS PURCHASE AMAZON', 'Amazon.com', true],
    [null, null, true],
    [null, 'Shop', false],
  ])('%s ~ %s is %s', (a, b, similar) => {
    expect(similarPayee(a, b)).toBe(similar);
  });
});
