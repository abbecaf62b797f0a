import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyField } from '../db/bulk-copy.ts';
import { databaseColumns } from '../db/columns.ts';
import type { StagedTransaction } from '../sync/precategorize.ts';
import { stagedCopyChunks, stagedCopyLine, stagedRow } from './sync-staged-transactions.ts';

/*
 * On PostgreSQL a run's rows are staged by COPY, each written straight as a line of COPY's text format; on the
 * embedded database they are inserted as stagedRow builds them. The line must be exactly what COPY writes for
 * stagedRow's values, column by column in the table's order, for any row: categorized or not, nulls, text
 * that needs escaping, tags with quotes.
 */

const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    'plain',
    'back\\slash',
    'tab\there',
    'new\nline',
    'cr\rhere',
    '"quoted"',
    '\\N',
    'Café',
  ),
);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
/** A timestamp as Plaid may send it: COPY writes it as the Date stagedRow makes of it. */
const plaidTime = fc.oneof(
  fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
    .map((ms) => new Date(ms).toISOString()),
  fc.constantFrom('2026-03-01T10:15:00Z', '2026-03-01T10:15:00+02:00'),
);

const stagedArb: fc.Arbitrary<StagedTransaction> = fc.record({
  txn: fc.record({
    plaidTransactionId: text,
    plaidAccountId: text,
    amountMinor: fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
    currency: nullable(fc.constantFrom('USD', 'EUR', 'JPY')),
    unofficialCurrency: nullable(fc.constantFrom('BTC', 'DOGE')),
    date: fc.constantFrom('2026-01-31', '2025-12-01'),
    authorizedDate: nullable(fc.constant('2026-01-30')),
    datetime: nullable(plaidTime),
    authorizedDatetime: nullable(plaidTime),
    rawName: text,
    merchantName: nullable(text),
    pending: fc.boolean(),
    pendingTransactionId: nullable(text),
    paymentChannel: nullable(fc.constantFrom('online', 'in store', 'other')),
    pfcPrimary: nullable(text),
    pfcDetailed: nullable(text),
    pfcConfidence: nullable(fc.constantFrom('VERY_HIGH', 'LOW')),
  }),
  categorized: nullable(
    fc.record({
      id: fc.uuid(),
      fields: fc.record({
        payee: nullable(text),
        notes: nullable(text),
        tags: fc.array(text, { maxLength: 3 }),
        isTransfer: fc.boolean(),
        excludedFromReports: fc.boolean(),
        categoryId: nullable(fc.uuid()),
        categorySource: fc.constantFrom('none', 'plaid', 'rule', 'learned', 'user'),
        categoryRuleId: nullable(fc.uuid()),
        categoryConfidence: nullable(fc.double({ min: 0, max: 1, noNaN: true })),
        needsReview: fc.boolean(),
      }),
    }),
  ),
}) as fc.Arbitrary<StagedTransaction>;

describe('stagedCopyLine', () => {
  it("is COPY's text line of stagedRow's values, in the staged table's columns", () => {
    const run = { runId: '0b9c6f1e-0000-4000-8000-000000000001', itemId: 'item\twith\\specials' };
    const prefix = `${copyField(run.runId)}\t${copyField(run.itemId)}\t`;
    fc.assert(
      fc.property(stagedArb, (staged) => {
        const row = stagedRow(run, staged);
        const expected = databaseColumns.sync_staged_transactions
          .map((c) => copyField(row[c] ?? null))
          .join('\t');
        expect(stagedCopyLine(prefix, staged)).toBe(`${expected}\n`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('stagedCopyChunks', () => {
  it("is the rows' lines, UTF-8 encoded, 2,000 to a chunk, however long the lines", () => {
    const run = { runId: '0b9c6f1e-0000-4000-8000-000000000001', itemId: 'i1' };
    const prefix = `${run.runId}\t${run.itemId}\t`;
    fc.assert(
      fc.property(
        fc.array(stagedArb, { minLength: 0, maxLength: 30 }),
        // Long, multi-byte and astral names: the chunk's buffer must grow past its first guess.
        fc.array(fc.oneof(fc.constant('é'), fc.constant('😀'), fc.constant('a')), { maxLength: 3 }),
        fc.integer({ min: 0, max: 2000 }),
        (rows, pieces, repeat) => {
          const long = rows.map((r) => ({
            ...r,
            txn: { ...r.txn, rawName: `${r.txn.rawName}${pieces.join('').repeat(repeat)}` },
          }));
          const chunks = [...stagedCopyChunks(run, long)];
          expect(chunks).toHaveLength(long.length === 0 ? 0 : 1);
          const text = Buffer.concat(chunks).toString('utf8');
          expect(text).toBe(long.map((r) => stagedCopyLine(prefix, r)).join(''));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('splits a long run into chunks of 2,000 whole lines', () => {
    const row = fc.sample(stagedArb, { numRuns: 1, seed: 1 })[0] as StagedTransaction;
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      ...row,
      txn: { ...row.txn, plaidTransactionId: `t${i}`, rawName: i % 7 === 0 ? 'Café Ünïcode 😀' : 'Plain' },
    }));
    const chunks = [...stagedCopyChunks({ runId: 'r', itemId: 'i' }, rows)].map((c) => c.toString('utf8'));
    expect(chunks.map((c) => c.split('\n').length - 1)).toEqual([2000, 2000, 500]);
    expect(chunks.join('')).toBe(rows.map((r) => stagedCopyLine('r\ti\t', r)).join(''));
  });
});
