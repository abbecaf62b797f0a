import { readFileSync } from 'node:fs';
import * as contract from '@finsync/shared/contract';
import { describe, expect, it } from 'vitest';
import { multipart } from './support/multipart.ts';
import { fileUnderRule } from './support/rule-payloads.ts';
import { signedInLedger } from './support/test-app.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../shared/src/statements/fixtures/${name}`, import.meta.url));

// The f.seeded Plaid account holds synced rows: PAYROLL ACME -250.00 on 11-10, COFFEE SHOP 1 20.00 on 11-11,
// COFFEE SHOP 2 30.00 on 11-12 (Plaid sign: positive = money out).
const FIRST = [
  'Date,Description,Amount',
  '2026-11-11,COFFEE SHOP 1,-20.00',
  '2026-11-13,COFFEE SHOP 2,-30.00',
  '2026-11-14,BOOKSTORE,-15.99',
  '2026-11-15,"=HYPERLINK(""http://x.example"",""y"")",-1.00',
].join('\n');
const OVERLAP = [
  'Date,Description,Amount',
  '2026-11-14,BOOKSTORE,-15.99',
  '2026-11-15,"=HYPERLINK(""http://x.example"",""y"")",-1.00',
  '2026-11-16,GROCER,-42.10',
].join('\n');

describe('statement import', () => {
  const f = signedInLedger(3);

  describe('against a synced account', () => {
    const upload = async (
      content: string | Uint8Array,
      fields: Record<string, string>,
      name = 'statement.csv',
    ) => {
      const body = multipart(fields, { name, content });
      return f.client.request({ method: 'POST', url: '/api/v1/imports', ...body });
    };
    const preview = async (
      content: string,
      fields: Record<string, string> = { accountId: f.seeded.accountId },
    ) => {
      const res = await upload(content, fields);
      expect(res.statusCode, res.body).toBe(201);
      return contract.ImportPreview.parse(res.json());
    };
    /** A manual account (filled from statement files), made through the API. */
    const manualAccount = async (name: string, type: string, currency: string) => {
      const res = await f.client.request({
        method: 'POST',
        url: '/api/v1/accounts',
        payload: { name, type, currency },
      });
      expect(res.statusCode, res.body).toBe(201);
      return contract.Account.parse(res.json());
    };
    const commit = async (id: string, payload: object = {}) => {
      const res = await f.client.request({ method: 'POST', url: `/api/v1/imports/${id}/commit`, payload });
      expect(res.statusCode, res.body).toBe(200);
      return contract.StatementImport.parse(res.json());
    };
    const accountRows = async () => {
      const res = await f.client.request({
        method: 'GET',
        url: `/api/v1/transactions?accountId=${f.seeded.accountId}&limit=500`,
      });
      return contract.TransactionPage.parse(res.json()).transactions;
    };
    const spent = async () => {
      const res = await f.client.request({
        method: 'GET',
        url: '/api/v1/dashboard/summary?from=2026-11-01&to=2026-11-30',
      });
      return contract.DashboardSummary.parse(res.json()).spentMinor;
    };

    let firstId = '';

    it('previews every row with its status: synced duplicates, a suspect a day apart, and new rows', async () => {
      const p = await preview(FIRST);
      expect(p.format).toBe('csv');
      expect(p.csv?.source).toBe('guessed');
      expect(p.rows.map((r) => [r.date, r.amount, r.status, r.match?.reason ?? null])).toEqual([
        ['2026-11-11', '20.00', 'duplicate', 'same-day'],
        ['2026-11-13', '30.00', 'suspect', 'near-date'],
        ['2026-11-14', '15.99', 'new', null],
        ['2026-11-15', '1.00', 'new', null],
      ]);
      expect(p.rows[0]!.match?.transactionId).toBe(f.seeded.transactionIds[1]);
      expect(p.counts).toEqual({ rows: 4, new: 2, duplicate: 1, suspect: 1, imported: 0 });
      expect(await accountRows()).toHaveLength(3); // a preview stores no transaction
      firstId = p.id;
    });

    it('commits the new rows in one go; they show in the ledger and the dashboard like synced ones', async () => {
      const before = await spent();
      const done = await commit(firstId);
      expect(done.counts).toMatchObject({ rows: 4, new: 2, duplicate: 1, suspect: 1, imported: 2 });
      expect(done.status).toBe('committed');
      const rows = await accountRows();
      expect(rows).toHaveLength(5);
      const formula = rows.find((r) => r.rawName.startsWith('='));
      expect(formula?.rawName).toBe('=HYPERLINK("http://x.example","y")');
      expect(formula?.itemId).toBe(f.seeded.itemId);
      expect(await spent()).toBe(before + 15_99 + 1_00);
      // Stored as text, defused when exported to a spreadsheet.
      const csv = (await f.client.request({ method: 'GET', url: '/api/v1/export?format=csv' })).body;
      expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""y"")"`);
      expect(csv).not.toMatch(/(^|,)"=HYPERLINK/m);
    });

    it('re-importing the same file adds nothing', async () => {
      const again = await preview(FIRST);
      expect(again.sameFileAs).toBe(firstId);
      expect(again.counts).toEqual({ rows: 4, new: 0, duplicate: 3, suspect: 1, imported: 0 });
      const done = await commit(again.id);
      expect(done.counts.imported).toBe(0);
      expect(await accountRows()).toHaveLength(5);
    });

    let overlapId = '';

    it('an overlapping file adds only its new row', async () => {
      const p = await preview(OVERLAP);
      expect(p.csv?.source).toBe('saved');
      expect(p.rows.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'new']);
      overlapId = (await commit(p.id)).id;
      expect(await accountRows()).toHaveLength(6);
    });

    it('accepting a suspect imports it; a row that is no suspect is refused naming the index', async () => {
      const p = await preview(FIRST);
      const suspect = p.rows.find((r) => r.status === 'suspect')!;
      const bad = await f.client.request({
        method: 'POST',
        url: `/api/v1/imports/${p.id}/commit`,
        payload: { acceptSuspects: [0] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details).toEqual([
        { path: 'body.acceptSuspects.0', message: 'row 0 is not a suspect in this preview' },
      ]);
      const done = await commit(p.id, { acceptSuspects: [suspect.index] });
      expect(done.counts.imported).toBe(1);
      expect(await accountRows()).toHaveLength(7);
    });

    it('undo removes exactly the rows of that import', async () => {
      const res = await f.client.request({ method: 'DELETE', url: `/api/v1/imports/${firstId}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true, removed: 2 });
      const rows = await accountRows();
      expect(rows.map((r) => r.rawName).sort()).toEqual(
        ['COFFEE SHOP 1', 'COFFEE SHOP 2', 'COFFEE SHOP 2', 'GROCER', 'PAYROLL ACME'].sort(),
      );
      const gone = await f.client.request({ method: 'GET', url: `/api/v1/imports/${firstId}` });
      expect(gone.statusCode).toBe(404);
      // Rows of later imports stay (GROCER, the accepted suspect); the first file's own two rows are new again.
      const again = await preview(FIRST);
      expect(again.rows.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'new', 'new']);
      const overlap = contract.ImportPreview.parse(
        (await f.client.request({ method: 'GET', url: `/api/v1/imports/${overlapId}` })).json(),
      );
      expect(overlap.counts).toMatchObject({ rows: 3, new: 1, duplicate: 2, imported: 1 });
    });

    it('creates a manual account from the upload form and imports a QIF with splits into it', async () => {
      const p = await preview(fixture('qif-splits.qif').toString('utf8'), {
        newAccountName: 'Credit union',
        newAccountType: 'checking',
        newAccountCurrency: 'USD',
        newAccountOpeningBalance: '1000.00',
      });
      expect(p.counts).toMatchObject({ rows: 3, new: 3 });
      await commit(p.id);
      const accounts = contract.AccountList.parse(
        (await f.client.request({ method: 'GET', url: '/api/v1/accounts' })).json(),
      ).accounts;
      const manual = accounts.find((a) => a.id === p.accountId)!;
      expect(manual).toMatchObject({ source: 'manual', itemId: null, openingBalanceMinor: 100_000 });
      // 1000.00 - 120.00 + 1500.00 - 9.99
      expect(manual.currentMinor).toBe(100_000 - 12_000 + 150_000 - 999);
      // GROCERY OUTLET's split lines are its splits: "Groceries" is one of the user's categories, "Household" not.
      const splits = await f.h.t.db
        .selectFrom('transaction_splits as s')
        .innerJoin('transactions as t', 't.id', 's.transaction_id')
        .leftJoin('categories as c', 'c.id', 's.category_id')
        .select(['s.amount_minor', 'c.name', 's.notes'])
        .where('t.account_id', '=', p.accountId)
        .orderBy('s.amount_minor', 'desc')
        .execute();
      expect(splits).toEqual([
        { amount_minor: 10_000, name: 'Groceries', notes: 'Food' },
        { amount_minor: 2_000, name: null, notes: 'Household' },
      ]);
    });

    it("imported rows go through the user's rules and are paired as transfers with synced rows", async () => {
      const rule = await f.client.request({
        method: 'POST',
        url: '/api/v1/rules',
        payload: fileUnderRule('books', 'LIBRAIRIE', f.seeded.categoryId, { enabled: true }),
      });
      expect(rule.statusCode, rule.body).toBe(201);
      const savings = await manualAccount('Savings union', 'savings', 'USD');
      // The synced PAYROLL ACME row is 250.00 into checking on 11-10; 250.00 leaving savings that day is its pair.
      const p = await preview(
        'Date,Description,Amount\n2026-11-10,To checking,-250.00\n2026-11-11,LIBRAIRIE DU COIN,-12.00\n',
        {
          accountId: savings.id,
        },
      );
      await commit(p.id);
      const rows = contract.TransactionPage.parse(
        (
          await f.client.request({ method: 'GET', url: `/api/v1/transactions?accountId=${savings.id}` })
        ).json(),
      ).transactions;
      const books = rows.find((r) => r.rawName === 'LIBRAIRIE DU COIN')!;
      expect([books.categoryId, books.categorySource]).toEqual([f.seeded.categoryId, 'rule']);
      const transfer = rows.find((r) => r.rawName === 'To checking')!;
      expect(transfer.isTransfer).toBe(true);
      const partner = await f.h.t.db
        .selectFrom('transactions')
        .select(['id', 'is_transfer', 'transfer_pair_id'])
        .where('id', '=', f.seeded.transactionIds[0]!)
        .executeTakeFirstOrThrow();
      expect(partner).toEqual({
        id: f.seeded.transactionIds[0],
        is_transfer: true,
        transfer_pair_id: transfer.id,
      });
      // Undoing the import unpairs the synced side.
      await f.client.request({ method: 'DELETE', url: `/api/v1/imports/${p.id}` });
      const after = await f.h.t.db
        .selectFrom('transactions')
        .select(['is_transfer', 'transfer_pair_id'])
        .where('id', '=', f.seeded.transactionIds[0]!)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ is_transfer: false, transfer_pair_id: null });
    });

    it('a layout the guess cannot read is imported with a mapping given at upload, then read with the saved one', async () => {
      const odd = await manualAccount('Odd bank', 'checking', 'USD');
      const file = 'Wann;Wer;Wert\n02.11.2026;Kiosk;-3,50\n';
      const guessed = await upload(file, { accountId: odd.id });
      expect(guessed.statusCode).toBe(400);
      expect(guessed.json().error.details).toMatchObject({ field: 'date' });
      const mapping = {
        delimiter: ';',
        headerLine: 1,
        dateColumn: 'Wann',
        dateOrder: 'dmy',
        amount: { kind: 'signed', column: 'Wert' },
        sign: 'negative-is-out',
        decimalSeparator: ',',
        payeeColumn: 'Wer',
        memoColumn: null,
        idColumn: null,
        currencyColumn: null,
      };
      const chosen = await preview(file, { accountId: odd.id, csvMapping: JSON.stringify(mapping) });
      expect(chosen.csv?.source).toBe('chosen');
      expect(chosen.rows.map((r) => [r.date, r.amount, r.payee])).toEqual([['2026-11-02', '3.50', 'Kiosk']]);
      await commit(chosen.id);
      const next = await preview('Wann;Wer;Wert\n03.11.2026;Kiosk;-2,00\n', { accountId: odd.id });
      expect(next.csv?.source).toBe('saved');
      expect(next.rows.map((r) => [r.date, r.amount])).toEqual([['2026-11-03', '2.00']]);
      const bad = await upload(file, { accountId: odd.id, csvMapping: '{"delimiter":"x"}' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('body.csvMapping');
    });

    it('commits more rows than one query can take parameters for (66,000 > 65,535)', async () => {
      const old = await manualAccount('Old history', 'checking', 'USD');
      const day = (i: number) =>
        new Date(Date.UTC(2015, 0, 1) + (i % 1500) * 86_400_000).toISOString().slice(0, 10);
      const rows = Array.from(
        { length: 66_000 },
        (_, i) => `${day(i)},SHOP ${i},-1.${String(i % 100).padStart(2, '0')}`,
      );
      const p = await preview(`Date,Description,Amount\n${rows.join('\n')}\n`, { accountId: old.id });
      expect(p.counts).toMatchObject({ rows: 66_000, new: 66_000 });
      const done = await commit(p.id);
      expect(done.counts.imported).toBe(66_000);
    }, 120_000);

    it('a multi-account OFX previews one of its accounts at a time', async () => {
      const card = await manualAccount('Carte', 'credit card', 'EUR');
      const p = await preview(fixture('ofx2-bank-and-card.ofx').toString('utf8'), { accountId: card.id });
      expect(p.statementAccounts.map((a) => a.key)).toEqual([
        '30004/FR7630004000031234567890143',
        '5500000000000004',
      ]);
      const patched = await f.client.request({
        method: 'PATCH',
        url: `/api/v1/imports/${p.id}`,
        payload: { statementAccount: '5500000000000004' },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(
        contract.ImportPreview.parse(patched.json()).rows.map((r) => [r.amount, r.payee, r.fitid]),
      ).toEqual([
        ['59.99', 'Libraire', 'SAME'],
        ['-200.00', 'Payment received', 'P-1'],
      ]);
    });
  });

  describe('bad input is refused and nothing is stored', () => {
    const stored = async () => {
      const imports = await f.h.t.db.selectFrom('statement_imports').select('id').execute();
      const accounts = await f.h.t.db.selectFrom('accounts').select('id').execute();
      const transactions = await f.h.t.db.selectFrom('transactions').select('id').execute();
      return { imports: imports.length, accounts: accounts.length, transactions: transactions.length };
    };
    const send = (
      content: string | Uint8Array,
      fields: Record<string, string> = { accountId: f.seeded.accountId },
    ) => f.client.request({ method: 'POST', url: '/api/v1/imports', ...multipart(fields, { content }) });
    const newAccount = { newAccountName: 'Union', newAccountType: 'savings', newAccountCurrency: 'USD' };

    it.each([
      ['binary content', fixture('garbage.bin'), { line: 3 }, /binary content/],
      [
        'truncated XML',
        fixture('truncated.camt.xml'),
        { line: 5, element: 'Document/BkToCstmrStmt/Stmt/Ntry' },
        /truncated/,
      ],
      ['truncated OFX', fixture('truncated.ofx'), { line: 16 }, /file ends inside <STMTTRN>/],
      ['a missing amount column', fixture('csv-missing-amount.csv'), { field: 'amount' }, /no amount column/],
      ['an XML bomb', fixture('billion-laughs.ofx'), { line: 2 }, /DOCTYPE.*refused/],
      ['an external entity', fixture('xxe.camt.xml'), { line: 2 }, /DOCTYPE.*refused/],
      [
        'an unreadable amount',
        'Date,Payee,Amount\n2026-10-01,A,1.00\n2026-10-02,B,lots\n',
        { line: 3, field: 'Amount' },
        /"lots" is not an amount/,
      ],
    ])(
      '%s → 400 naming where, nothing stored (not even the new account)',
      async (_what, content, where, message) => {
        const before = await stored();
        for (const fields of [{ accountId: f.seeded.accountId }, newAccount]) {
          const res = await send(content, fields);
          expect(res.statusCode, res.body).toBe(400);
          const error = res.json().error;
          expect(error.code).toBe('STATEMENT_UNREADABLE');
          expect(error.message).toMatch(message);
          expect(error.details).toMatchObject(where);
        }
        expect(await stored()).toEqual(before);
      },
    );

    it('a file over 10 MB → 413, nothing stored', async () => {
      const before = await stored();
      const big = Buffer.alloc(10 * 1024 * 1024 + 10, 'a');
      const res = await send(big);
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await stored()).toEqual(before);
    });

    it('form problems name the field', async () => {
      const noFile = await f.client.request({
        method: 'POST',
        url: '/api/v1/imports',
        ...multipart({ accountId: f.seeded.accountId }),
      });
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().error.details).toEqual([{ path: 'body.file', message: 'required' }]);
      const both = await send('Date,Payee,Amount\n2026-10-01,A,1\n', {
        accountId: f.seeded.accountId,
        ...newAccount,
      });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.details[0].path).toBe('body.accountId');
      const half = await send('Date,Payee,Amount\n2026-10-01,A,1\n', { newAccountName: 'X' });
      expect(half.json().error.details.map((d: { path: string }) => d.path)).toEqual([
        'body.newAccountType',
        'body.newAccountCurrency',
      ]);
      const badId = await send('Date,Payee,Amount\n2026-10-01,A,1\n', { accountId: 'not-a-uuid' });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error.details[0].path).toBe('body.accountId');
      const unknown = await send('Date,Payee,Amount\n2026-10-01,A,1\n', {
        accountId: f.seeded.accountId,
        sneaky: '1',
      });
      expect(unknown.json().error.details[0].path).toBe('body.sneaky');
      const nul = await send('Date,Payee,Amount\n2026-10-01,A,1\n', {
        ...newAccount,
        newAccountName: 'a\u0000b',
      });
      expect(nul.json().error.details[0].path).toBe('body.newAccountName');
      const badDate = await send('Date,Payee,Amount\n2026-10-01,A,1\n', {
        accountId: f.seeded.accountId,
        dateFormat: 'soon',
      });
      expect(badDate.json().error.details[0].path).toBe('body.dateFormat');
    });

    it('JSON instead of a form → 400 naming body.file, a bare CSV body → 415; a second file part → 413', async () => {
      const json = await f.client.request({
        method: 'POST',
        url: '/api/v1/imports',
        payload: { accountId: f.seeded.accountId },
      });
      expect(json.statusCode, json.body).toBe(400);
      expect(json.json().error.details).toEqual([{ path: 'body.file', message: expect.any(String) }]);
      const bare = await f.client.request({
        method: 'POST',
        url: '/api/v1/imports',
        payload: 'Date,Payee,Amount',
        headers: { 'content-type': 'text/csv' },
      });
      expect(bare.statusCode, bare.body).toBe(415);
      expect(bare.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const csv = 'Date,Payee,Amount\n2026-10-01,A,1\n';
      const one = multipart({ accountId: f.seeded.accountId }, { content: csv });
      const boundary = one.headers['content-type']!.split('boundary=')[1]!;
      const extra = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.csv"\r\n\r\n${csv}\r\n`;
      const body = one.payload.toString().replace(`--${boundary}--`, `${extra}--${boundary}--`);
      const before = await stored();
      const twice = await f.client.request({
        method: 'POST',
        url: '/api/v1/imports',
        payload: body,
        headers: one.headers,
      });
      expect(twice.statusCode, twice.body).toBe(413);
      expect(await stored()).toEqual(before);
    });

    it('a currency other than the account’s is refused naming the line', async () => {
      const res = await send('Date,Payee,Amount,Currency\n2026-10-01,A,1.00,EUR\n');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toMatchObject({ line: 2 });
    });

    it('a wrong CSV mapping in PATCH names the missing column; a committed import cannot be committed twice', async () => {
      const res = await send('Date,Payee,Amount\n2026-10-01,A,1.00\n');
      const id = res.json().id as string;
      const mapping = { ...res.json().csv.mapping, dateColumn: 'Booked' };
      const patched = await f.client.request({
        method: 'PATCH',
        url: `/api/v1/imports/${id}`,
        payload: { csvMapping: mapping },
      });
      expect(patched.statusCode).toBe(400);
      expect(patched.json().error.details).toMatchObject({ line: 1, field: 'Booked' });
      const first = await f.client.request({
        method: 'POST',
        url: `/api/v1/imports/${id}/commit`,
        payload: {},
      });
      expect(first.statusCode, first.body).toBe(200);
      const second = await f.client.request({
        method: 'POST',
        url: `/api/v1/imports/${id}/commit`,
        payload: {},
      });
      expect(second.statusCode).toBe(409);
    });
  });
});
