import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { categorizeTransactions } from '../categorize-service/categorize-transactions.ts';
import { matchTransfers } from '../categorize-service/transfer-commands.ts';
import type {
  ImportPreview as ImportPreviewSchema,
  StatementImport as StatementImportSchema,
} from '../contract/imports.ts';
import type { UserDb } from '../db/create-database.ts';
import type { Database, Row } from '../db/database.ts';
import { userRow } from '../db/user-row.ts';
import { DomainError, NotFoundError } from '../errors/domain-error.ts';
import { toMinor } from '../money/minor-units.ts';
import type { CsvMapping } from '../statements/csv-mapping.ts';
import { decodeStatementBytes } from '../statements/decode-statement-bytes.ts';
import { detectFormat } from '../statements/detect-format.ts';
import {
  type ExistingRow,
  importKeys,
  matchDuplicates,
  type RowMatch,
} from '../statements/match-duplicates.ts';
import { parseStatement, type StatementParse } from '../statements/parse-statement.ts';
import { StatementError, type StatementFormat, type StatementSplit } from '../statements/statement.ts';
import type { DateOrder } from '../statements/statement-date.ts';
import { insertTransactions } from '../tables/transactions.ts';
import { importStore } from './import-store.ts';
import {
  createManualAccount,
  type ManualAccountInput,
  refreshManualBalance,
  statementTypeOf,
} from './manual-accounts.ts';

type Executor = Kysely<Database>;
type ImportPreview = import('zod').infer<typeof ImportPreviewSchema>;
type StatementImportView = import('zod').infer<typeof StatementImportSchema>;

/** Days apart two dates of the same bank row may be (posting vs. value date) for the fuzzy match. */
export const DUPLICATE_WINDOW_DAYS = 3;
const CATEGORIZE_SLICE = 10_000;

export interface StartImportInput {
  readonly accountId?: string;
  readonly newAccount?: ManualAccountInput;
  readonly fileName: string | null;
  readonly bytes: Buffer;
  readonly format?: StatementFormat;
  readonly dateOrder?: DateOrder;
  /** A CSV mapping chosen up front (a layout the guess cannot read); else the account's saved one or a guess. */
  readonly csvMapping?: CsvMapping;
}

/**
 * Stores an uploaded statement as a preview (nothing reaches transactions yet) and returns every parsed row
 * with its status. A file that cannot be read is refused before anything is stored.
 */
export async function startImport(
  db: UserDb,
  userId: string,
  input: StartImportInput,
): Promise<ImportPreview> {
  if ((input.accountId === undefined) === (input.newAccount === undefined)) {
    throw new DomainError('VALIDATION_FAILED', 'give either accountId or a new manual account', [
      {
        path: 'body.accountId',
        message: 'give either accountId or newAccountName/newAccountType/newAccountCurrency',
      },
    ]);
  }
  const format = input.format ?? detectFormat(decodeStatementBytes(input.bytes));
  // Parse once before storing, so garbage is a 400 with nothing stored (not even a new account).
  let account: Row<'accounts'> | null = null;
  if (input.accountId) account = await findAccount(db, userId, input.accountId);
  await readStatement(db, {
    bytes: input.bytes,
    format,
    dateOrder: input.dateOrder ?? null,
    chosenMapping: input.csvMapping ?? null,
    accountId: account?.id ?? null,
    currency: account?.currency ?? input.newAccount?.currency ?? null,
    accountType: account ? statementTypeOf(account) : (input.newAccount?.type ?? null),
  });
  const accountId = input.accountId ?? (await createManualAccount(db, userId, input.newAccount!));
  account ??= await findAccount(db, userId, accountId);
  const row = await importStore.insert(db, {
    userId,
    accountId,
    format,
    fileName: input.fileName,
    fileSha256: createHash('sha256').update(input.bytes).digest('hex'),
    content: input.bytes,
  });
  if (input.dateOrder || input.csvMapping) {
    await importStore.update(db, row.id, {
      ...(input.dateOrder ? { date_order: input.dateOrder } : {}),
      ...(input.csvMapping ? { csv_mapping: input.csvMapping } : {}),
    });
  }
  return refreshPreview(db, userId, row.id);
}

export interface ImportPatchInput {
  readonly csvMapping?: CsvMapping;
  readonly dateOrder?: DateOrder;
  readonly statementAccount?: string;
}

/** Changes how a previewed file is read (CSV mapping, day order, which of its accounts) and previews again. */
export async function patchImport(
  db: Executor,
  userId: string,
  importId: string,
  patch: ImportPatchInput,
): Promise<ImportPreview> {
  const row = await requirePreview(db, userId, importId);
  if (patch.csvMapping && row.format !== 'csv') {
    throw new DomainError('VALIDATION_FAILED', 'a CSV mapping applies only to CSV files', [
      { path: 'body.csvMapping', message: `this import is ${row.format.toUpperCase()}, not CSV` },
    ]);
  }
  await importStore.update(db, row.id, {
    ...(patch.csvMapping ? { csv_mapping: patch.csvMapping } : {}),
    ...(patch.dateOrder ? { date_order: patch.dateOrder } : {}),
    ...(patch.statementAccount ? { statement_account: patch.statementAccount } : {}),
  });
  return refreshPreview(db, userId, row.id);
}

/** The preview of an import still open, or the record of a committed one (rows no longer kept). */
export async function getImport(db: Executor, userId: string, importId: string): Promise<ImportPreview> {
  const row = await importStore.find(db, userId, importId);
  if (!row) throw new NotFoundError('import', importId);
  if (row.status === 'preview') return refreshPreview(db, userId, row.id);
  return {
    ...importView(row),
    statementAccounts: [],
    statementAccount: row.statement_account,
    csv: null,
    dateOrder: row.date_order,
    skipped: 0,
    sameFileAs: await importStore.sameFile(db, row.account_id, row.file_sha256, row.id),
    rows: [],
  };
}

export async function listImports(db: Executor, userId: string, limit = 50): Promise<StatementImportView[]> {
  return (await importStore.list(db, userId, limit)).map(importView);
}

/**
 * Imports the new rows (and the suspects the person accepted) in the caller's transaction: inserts them,
 * categorizes them, pairs transfers, saves the CSV mapping for the account, records the counts and drops the
 * file. Duplicates and other suspects are skipped; re-running the same file finds them all as duplicates.
 */
export async function commitImport(
  db: Executor,
  userId: string,
  importId: string,
  options: { acceptSuspects?: readonly number[]; now?: Date } = {},
): Promise<StatementImportView> {
  const row = await requirePreview(db, userId, importId, true);
  const account = await findAccount(db, userId, row.account_id);
  const built = await buildPreview(db, row, account);
  const accepted = new Set(options.acceptSuspects ?? []);
  for (const [i, index] of [...accepted].entries()) {
    if (built.preview.rows[index]?.status !== 'suspect') {
      throw new DomainError('VALIDATION_FAILED', 'acceptSuspects names a row that is not a suspect', [
        { path: `body.acceptSuspects.${i}`, message: `row ${index} is not a suspect in this preview` },
      ]);
    }
  }
  const chosen = built.preview.rows.filter((r) => r.status === 'new' || accepted.has(r.index));
  const now = options.now ?? new Date();
  const ids = await insertTransactions(
    db,
    chosen.map((r) => ({
      user_id: userId,
      item_id: account.item_id,
      account_id: account.id,
      plaid_transaction_id: null,
      amount_minor: r.amountMinor,
      currency: r.currency,
      date: r.date,
      raw_name: (r.payee ?? r.memo ?? 'Statement entry').slice(0, 500),
      notes: r.payee && r.memo ? r.memo : null,
      import_id: row.id,
      import_key: built.keys[r.index]!,
      fitid: r.fitid,
      created_at: now,
      updated_at: now,
    })),
  );
  await saveSplits(
    db,
    userId,
    chosen.map((r, i) => ({ id: ids[i]!, currency: r.currency, splits: built.splits.get(r.index) })),
  );
  // In slices: the categorizer reads its rows by id, and one query takes at most 65,535 parameters.
  for (let i = 0; i < ids.length; i += CATEGORIZE_SLICE) {
    await categorizeTransactions(db, userId, ids.slice(i, i + CATEGORIZE_SLICE), { now });
  }
  await pairTransfersAfterBulkInsert(db, userId, now);
  if (built.parse.csv) await importStore.saveMapping(db, userId, account.id, built.parse.csv.mapping);
  await importStore.update(db, row.id, {
    status: 'committed',
    committed_at: now,
    content: null,
    row_count: built.preview.counts.rows,
    new_count: built.preview.counts.new,
    duplicate_count: built.preview.counts.duplicate,
    suspect_count: built.preview.counts.suspect,
    imported_count: ids.length,
  });
  await refreshManualBalance(db, account.id);
  const stored = await importStore.find(db, userId, row.id);
  return importView(stored!);
}

/** Undoes a whole import: its rows go (transfer pairs with them are undone), or a preview is discarded. */
export async function undoImport(
  db: Executor,
  userId: string,
  importId: string,
): Promise<{ removed: number }> {
  const row = await importStore.find(db, userId, importId, true);
  if (!row) throw new NotFoundError('import', importId);
  const { count } = await db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('import_id', '=', row.id)
    .executeTakeFirstOrThrow();
  await importStore.remove(db, row.id);
  if (Number(count) > 0) {
    await pairTransfersAfterBulkInsert(db, userId, new Date());
    await refreshManualBalance(db, row.account_id);
  }
  return { removed: Number(count) };
}

/**
 * QIF split lines become the transaction's splits. A split's category is the user's category of that name
 * (the last part of a QIF "Parent:Child"), or none with the file's name kept in the notes.
 */
async function saveSplits(
  db: Executor,
  userId: string,
  rows: ReadonlyArray<{ id: string; currency: string | null; splits: readonly StatementSplit[] | undefined }>,
): Promise<void> {
  const split = rows.filter((r) => r.splits?.length);
  if (split.length === 0) return;
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'name'])
    .where('user_id', '=', userId)
    .where('is_group', '=', false)
    .execute();
  const byName = new Map(categories.map((c) => [c.name.trim().toLowerCase(), c.id]));
  const values = split.flatMap((r) =>
    r.splits!.map((line) => {
      const name = line.category?.split(':').at(-1)?.trim().toLowerCase() ?? '';
      const categoryId = byName.get(name) ?? null;
      const notes = [categoryId ? null : line.category, line.memo].filter(Boolean).join(' — ') || null;
      return {
        user_id: userId,
        transaction_id: r.id,
        category_id: categoryId,
        amount_minor: toMinor(line.amount, r.currency ?? 'USD'),
        notes,
      };
    }),
  );
  for (let i = 0; i < values.length; i += 1000) {
    await db
      .insertInto('transaction_splits')
      .values(values.slice(i, i + 1000))
      .execute();
  }
}

/**
 * Transfer pairing right after thousands of rows were written in this same transaction: the planner's
 * statistics still describe the table before them, so it would pick a nested loop that compares every new row
 * with every other (a 5,000-row import spent 17 s there). Off for this step only, the opposite-amount check
 * becomes a hash join.
 */
async function pairTransfersAfterBulkInsert(db: Executor, userId: string, now: Date): Promise<void> {
  await sql`SET LOCAL enable_nestloop = off`.execute(db);
  await matchTransfers(db, userId, { now });
  await sql`SET LOCAL enable_nestloop = on`.execute(db);
}

async function findAccount(db: Executor, userId: string, accountId: string): Promise<Row<'accounts'>> {
  const account = await userRow(db, 'accounts', userId, accountId).selectAll().executeTakeFirst();
  if (!account) throw new NotFoundError('account', accountId);
  return account;
}

async function requirePreview(db: Executor, userId: string, importId: string, lock = false) {
  const row = await importStore.find(db, userId, importId, lock);
  if (!row) throw new NotFoundError('import', importId);
  if (row.status !== 'preview' || !row.content) {
    throw new DomainError('CONFLICT', 'this import is already committed; undo it to import the file again');
  }
  return row;
}

async function refreshPreview(db: Executor, userId: string, importId: string): Promise<ImportPreview> {
  const row = (await importStore.find(db, userId, importId))!;
  const account = await findAccount(db, userId, row.account_id);
  const { preview } = await buildPreview(db, row, account);
  const counts = preview.counts;
  await importStore.update(db, row.id, {
    statement_account: preview.statementAccount,
    row_count: counts.rows,
    new_count: counts.new,
    duplicate_count: counts.duplicate,
    suspect_count: counts.suspect,
  });
  return preview;
}

interface BuiltPreview {
  readonly preview: ImportPreview;
  readonly parse: StatementParse;
  readonly keys: readonly string[];
  /** QIF split lines per row index. */
  readonly splits: ReadonlyMap<number, readonly StatementSplit[]>;
}

async function buildPreview(
  db: Executor,
  row: Row<'statement_imports'>,
  account: Row<'accounts'>,
): Promise<BuiltPreview> {
  const { parse, source } = await parseForAccount(db, row, account);
  const statement = parse.statement;
  const chosen = row.statement_account ?? statement.accounts[0]?.key ?? null;
  if (chosen !== null && !statement.accounts.some((a) => a.key === chosen)) {
    throw new DomainError('VALIDATION_FAILED', `the file has no account "${chosen}"`, [
      {
        path: 'body.statementAccount',
        message: `one of: ${statement.accounts.map((a) => a.key).join(', ')}`,
      },
    ]);
  }
  const parsed = statement.transactions.filter((t) => t.account === chosen);
  const rows = parsed.map((t) => {
    const currency = t.currency ?? account.currency;
    if (account.currency && currency && currency !== account.currency) {
      throw new StatementError(`currency ${currency} differs from the account's ${account.currency}`, {
        ...(t.source.startsWith('line ') ? { line: Number(t.source.slice(5)) } : { element: t.source }),
      });
    }
    return { ...t, currency, amountMinor: toMinor(t.amount, currency ?? 'USD') };
  });
  const keys = importKeys(rows);
  const existing = await existingRows(
    db,
    account.id,
    rows.map((r) => r.date),
  );
  const matches = matchDuplicates(
    rows.map((r, i) => ({
      date: r.date,
      amountMinor: r.amountMinor,
      payee: r.payee,
      fitid: r.fitid,
      importKey: keys[i]!,
    })),
    existing,
    { windowDays: DUPLICATE_WINDOW_DAYS },
  );
  const byId = new Map(existing.map((e) => [e.id, e]));
  const previewRows = rows.map((r, index) => ({
    index,
    source: r.source,
    date: r.date,
    amount: r.amount,
    amountMinor: r.amountMinor,
    currency: r.currency,
    payee: r.payee,
    memo: r.memo,
    fitid: r.fitid,
    status: matches[index]!.status,
    match: matchView(matches[index]!, byId),
  }));
  const count = (status: string) => previewRows.filter((r) => r.status === status).length;
  const preview: ImportPreview = {
    ...importView(row),
    counts: {
      rows: previewRows.length,
      new: count('new'),
      duplicate: count('duplicate'),
      suspect: count('suspect'),
      imported: row.imported_count,
    },
    statementAccounts: statement.accounts.map((a) => ({ key: a.key, type: a.type, currency: a.currency })),
    statementAccount: chosen,
    csv: parse.csv
      ? {
          mapping: parse.csv.mapping,
          columns: [...(statement.columns ?? [])],
          source,
          ambiguousDateOrder: parse.csv.ambiguous.dateOrder,
        }
      : null,
    dateOrder: row.date_order,
    skipped: statement.skipped,
    sameFileAs: await importStore.sameFile(db, account.id, row.file_sha256, row.id),
    rows: previewRows,
  };
  const splits = new Map<number, readonly StatementSplit[]>();
  rows.forEach((r, i) => {
    if (r.splits?.length) splits.set(i, r.splits);
  });
  return { preview, parse, keys, splits };
}

/** The import's own mapping if the person chose one, else the account's saved one if it reads the file, else a guess. */
async function parseForAccount(
  db: Executor,
  row: Row<'statement_imports'>,
  account: Row<'accounts'>,
): Promise<{ parse: StatementParse; source: 'guessed' | 'saved' | 'chosen' }> {
  return readStatement(db, {
    bytes: row.content!,
    format: row.format,
    dateOrder: row.date_order,
    chosenMapping: (row.csv_mapping as CsvMapping | null) ?? null,
    accountId: account.id,
    currency: account.currency,
    accountType: statementTypeOf(account),
  });
}

async function readStatement(
  db: Executor,
  input: {
    bytes: Uint8Array;
    format: StatementFormat;
    dateOrder: DateOrder | null;
    chosenMapping: CsvMapping | null;
    accountId: string | null;
    currency: string | null;
    accountType: ReturnType<typeof statementTypeOf>;
  },
): Promise<{ parse: StatementParse; source: 'guessed' | 'saved' | 'chosen' }> {
  const { bytes } = input;
  const base = {
    format: input.format,
    ...(input.dateOrder ? { dateOrder: input.dateOrder } : {}),
    currency: input.currency,
    accountType: input.accountType,
  };
  if (input.format !== 'csv') return { parse: parseStatement(bytes, base), source: 'guessed' };
  if (input.chosenMapping) {
    return { parse: parseStatement(bytes, { ...base, csvMapping: input.chosenMapping }), source: 'chosen' };
  }
  const saved = input.accountId
    ? ((await importStore.savedMapping(db, input.accountId)) as CsvMapping | null)
    : null;
  if (saved) {
    try {
      return { parse: parseStatement(bytes, { ...base, csvMapping: saved }), source: 'saved' };
    } catch (error) {
      // The bank changed its layout: the saved mapping no longer reads the file, so guess afresh.
      if (!(error instanceof StatementError)) throw error;
    }
  }
  return { parse: parseStatement(bytes, base), source: 'guessed' };
}

async function existingRows(
  db: Executor,
  accountId: string,
  dates: readonly string[],
): Promise<ExistingRow[]> {
  if (dates.length === 0) return [];
  const sorted = [...dates].sort();
  const shift = (day: string, days: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('transactions')
    .select(['id', 'date', 'amount_minor', 'payee', 'merchant_name', 'raw_name', 'fitid', 'import_key'])
    .where('account_id', '=', accountId)
    .where('pending', '=', false)
    .where('date', '>=', shift(sorted[0]!, -DUPLICATE_WINDOW_DAYS))
    .where('date', '<=', shift(sorted.at(-1)!, DUPLICATE_WINDOW_DAYS))
    .orderBy('date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    amountMinor: r.amount_minor,
    // The bank's own text is what a statement shows; Plaid's merchant name and the cleaned payee may match too.
    payee: r.raw_name,
    fitid: r.fitid,
    importKey: r.import_key,
    otherNames: [r.merchant_name, r.payee].filter((n): n is string => !!n && n !== r.raw_name),
  }));
}

function matchView(match: RowMatch, byId: Map<string, ExistingRow>): ImportPreview['rows'][number]['match'] {
  if (match.status === 'new') return null;
  const row = byId.get(match.existingId)!;
  const reason =
    match.status === 'duplicate' ? match.reason : match.days > 0 ? 'near-date' : 'same-day-other-payee';
  return { transactionId: row.id, date: row.date, amountMinor: row.amountMinor, payee: row.payee, reason };
}

function importView(row: Row<'statement_imports'>): StatementImportView {
  return {
    id: row.id,
    accountId: row.account_id,
    status: row.status,
    format: row.format,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    byteSize: row.byte_size,
    counts: {
      rows: row.row_count,
      new: row.new_count,
      duplicate: row.duplicate_count,
      suspect: row.suspect_count,
      imported: row.imported_count,
    },
    createdAt: row.created_at.toISOString(),
    committedAt: row.committed_at?.toISOString() ?? null,
  };
}
