import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../money/minor-units.ts';
import { parseCsvStatement } from './parse-csv-statement.ts';
import { parseQif } from './parse-qif.ts';
import { PLAIN_CSV_MAPPING, serializeCsvStatement } from './serialize-csv-statement.ts';
import { serializeQif } from './serialize-qif.ts';
import type { StatementTransaction } from './statement.ts';

const day = fc
  .integer({ min: 0, max: 365 * 60 })
  .map((d) => new Date(Date.UTC(1990, 0, 1 + d)).toISOString().slice(0, 10));
// Text as banks write it: no control characters, no padding (cells are trimmed on reading).
const words = fc
  .string({ minLength: 1, maxLength: 30 })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced.
  .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim())
  .filter((s) => s.length > 0);
const minor = fc.integer({ min: -100_000_000, max: 100_000_000 });

const csvRow = fc.record({
  date: day,
  amount: minor.map((m) => toDecimalString(m, 'USD')),
  currency: fc.constantFrom('USD', 'EUR'),
  payee: fc.option(words, { nil: null }),
  memo: fc.option(words, { nil: null }),
  fitid: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), { nil: null }),
});

describe('serialize → parse → serialize is stable', () => {
  it('for CSV', () => {
    fc.assert(
      fc.property(fc.array(csvRow, { maxLength: 20 }), (rows) => {
        const text = serializeCsvStatement(rows.map((r) => ({ ...r, account: 'default', source: '' })));
        const parsed = parseCsvStatement(text, PLAIN_CSV_MAPPING);
        expect(parsed.transactions.map(({ source: _s, account: _a, ...rest }) => rest)).toEqual(rows);
        expect(serializeCsvStatement(parsed.transactions)).toBe(text);
      }),
    );
  });

  it('for QIF, splits included', () => {
    const qifRow = fc
      .record({
        date: day,
        parts: fc.array(minor, { minLength: 0, maxLength: 3 }),
        total: minor,
        payee: fc.option(words, { nil: null }),
        memo: fc.option(words, { nil: null }),
        categories: fc.array(fc.option(words, { nil: null }), { minLength: 3, maxLength: 3 }),
      })
      .map(({ date, parts, total, payee, memo, categories }): StatementTransaction => {
        const amount = parts.length ? parts.reduce((a, b) => a + b, 0) : total;
        const row = {
          date,
          amount: toDecimalString(amount, 'USD'),
          currency: null,
          payee,
          memo,
          fitid: null,
          account: 'default',
          source: '',
        };
        if (!parts.length) return row;
        return {
          ...row,
          splits: parts.map((p, i) => ({
            amount: toDecimalString(p, 'USD'),
            category: categories[i]!,
            memo: null,
          })),
        };
      });
    fc.assert(
      fc.property(fc.array(qifRow, { minLength: 1, maxLength: 15 }), (rows) => {
        const text = serializeQif(rows);
        const parsed = parseQif(text).transactions;
        expect(parsed.map(({ source: _s, ...rest }) => rest)).toEqual(
          rows.map(({ source: _s, ...rest }) => rest),
        );
        expect(serializeQif(parsed)).toBe(text);
      }),
    );
  });
});
