import { z } from 'zod';
import { MANUAL_ACCOUNT_TYPES } from '../presentation/account-kinds.ts';
import { CurrencyCode, Id, IsoDate, MinorUnits, Timestamp } from './common.ts';
import { text } from './text.ts';

/** Statement import (issue 19): manual accounts and files in OFX/QFX, QIF, CSV or CAMT.053. Browser-safe. */

export const ManualAccountType = z.enum(MANUAL_ACCOUNT_TYPES);

export const ManualAccountCreate = z
  .object({
    name: text().trim().min(1).max(100),
    type: ManualAccountType,
    currency: CurrencyCode,
    /** The balance before the first imported row, in minor units (what is owed, for a card or loan). */
    openingBalanceMinor: MinorUnits.default(0),
  })
  .strict();

export const DateOrder = z.enum(['ymd', 'dmy', 'mdy']);
export const StatementFormat = z.enum(['ofx', 'qif', 'csv', 'camt']);

const column = text().trim().min(1).max(200);

export const CsvMapping = z
  .object({
    delimiter: z.enum([',', ';', '\t', '|']),
    headerLine: z.number().int().min(1).max(1000),
    dateColumn: column,
    dateOrder: DateOrder,
    amount: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('signed'), column }).strict(),
      z.object({ kind: z.literal('debit-credit'), debitColumn: column, creditColumn: column }).strict(),
    ]),
    sign: z.enum(['negative-is-out', 'positive-is-out']),
    decimalSeparator: z.enum(['.', ',']),
    payeeColumn: column.nullable(),
    memoColumn: column.nullable(),
    idColumn: column.nullable(),
    currencyColumn: column.nullable(),
  })
  .strict();

export const ImportPatch = z
  .object({
    csvMapping: CsvMapping.optional(),
    dateOrder: DateOrder.optional(),
    /** Which of the file's accounts to import (an OFX file can hold a bank and a card statement). */
    statementAccount: text().min(1).max(300).optional(),
  })
  .strict();

export const ImportCommit = z
  .object({
    /** Row indexes of suspects to import anyway; other suspects and all duplicates are skipped. */
    acceptSuspects: z.array(z.number().int().min(0).max(100_000)).max(100_000).default([]),
  })
  .strict();

export const ImportRowStatus = z.enum(['new', 'duplicate', 'suspect']);

export const ImportPreviewRow = z.object({
  index: z.number().int(),
  /** Where the row is in the file: a line or an element path. */
  source: z.string(),
  date: IsoDate,
  /** Decimal string, positive = money out (Plaid's sign). */
  amount: z.string(),
  amountMinor: MinorUnits,
  currency: z.string().nullable(),
  payee: z.string().nullable(),
  memo: z.string().nullable(),
  fitid: z.string().nullable(),
  status: ImportRowStatus,
  /** The account's row it duplicates or may duplicate. */
  match: z
    .object({
      transactionId: Id,
      date: IsoDate,
      amountMinor: MinorUnits,
      payee: z.string().nullable(),
      reason: z.enum(['same-id', 'same-day', 'near-date', 'same-day-other-payee']),
    })
    .nullable(),
});

export const ImportCounts = z.object({
  rows: z.number().int(),
  new: z.number().int(),
  duplicate: z.number().int(),
  suspect: z.number().int(),
  imported: z.number().int(),
});

export const StatementImport = z.object({
  id: Id,
  accountId: Id,
  status: z.enum(['preview', 'committed']),
  format: StatementFormat,
  fileName: z.string().nullable(),
  fileSha256: z.string(),
  byteSize: z.number().int(),
  counts: ImportCounts,
  createdAt: Timestamp,
  committedAt: Timestamp.nullable(),
});

export const ImportPreview = StatementImport.extend({
  /** Accounts the file describes; `statementAccount` is the one whose rows are shown. */
  statementAccounts: z.array(
    z.object({ key: z.string(), type: ManualAccountType.nullable(), currency: z.string().nullable() }),
  ),
  statementAccount: z.string().nullable(),
  /** For CSV: the mapping used, whether it was guessed or saved for this account, and what to confirm. */
  csv: z
    .object({
      mapping: CsvMapping,
      /** The header's column names, to choose from. */
      columns: z.array(z.string()),
      source: z.enum(['guessed', 'saved', 'chosen']),
      ambiguousDateOrder: z.boolean(),
    })
    .nullable(),
  dateOrder: DateOrder.nullable(),
  /** Rows the file lists but are not booked (CAMT pending) and footer lines of a CSV. */
  skipped: z.number().int(),
  /** An earlier import of this same file into this account. */
  sameFileAs: Id.nullable(),
  rows: z.array(ImportPreviewRow),
});

export const ImportList = z.object({ imports: z.array(StatementImport) });

export const ImportUndone = z.object({ ok: z.literal(true), removed: z.number().int() });
