import fastifyMultipart from '@fastify/multipart';
import { DomainError, toMinor } from '@finsync/shared';
import {
  CsvMapping,
  CurrencyCode,
  ImportCommit,
  ImportList,
  ImportPatch,
  ImportPreview,
  ImportUndone,
  ManualAccountType,
  StatementFormat,
  StatementImport,
  text,
} from '@finsync/shared/contract';
import {
  commitImport,
  getImport,
  listImports,
  patchImport,
  startImport,
  undoImport,
} from '@finsync/shared/imports';
import { dateOrderFromName, STATEMENT_LIMITS } from '@finsync/shared/statements';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { queueReportRefresh } from './queue-report-refresh.ts';
import { USER_ERRORS, userRoutes } from './user-routes.ts';

/** An import's state decides what may happen to it next: a wrong step is a 409. */
const IMPORT_ERRORS = [...USER_ERRORS, 409] as const;

/** The text fields of the upload form; the file is the part named `file`. */
const UploadFields = z
  .object({
    accountId: z.uuid().optional(),
    newAccountName: text().trim().min(1).max(100).optional(),
    newAccountType: ManualAccountType.optional(),
    newAccountCurrency: CurrencyCode.optional(),
    /** Decimal string in the account's currency, e.g. "1250.00". */
    newAccountOpeningBalance: text()
      .regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'expected a decimal like 1250.00')
      .optional(),
    format: StatementFormat.optional(),
    /** JSON of a CSV mapping, for a layout the guess cannot read (the same shape PATCH takes). */
    csvMapping: text()
      .max(4000)
      .transform((value, ctx) => {
        try {
          const parsed = CsvMapping.safeParse(JSON.parse(value));
          if (parsed.success) return parsed.data;
          ctx.addIssue({
            code: 'custom',
            message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          });
        } catch {
          ctx.addIssue({ code: 'custom', message: 'expected a JSON CSV mapping' });
        }
        return z.NEVER;
      })
      .optional(),
    dateFormat: text()
      .refine((v) => dateOrderFromName(v) !== null, 'expected DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD')
      .optional(),
  })
  .strict();

/** The form as OpenAPI documents it (multipart bodies are read in the handler, so validation is there). */
const UploadForm = UploadFields.extend({
  file: z
    .string()
    .meta({ format: 'binary', description: 'The statement file (OFX/QFX, QIF, CSV, CAMT.053)' }),
}).nullish(); // a multipart body reaches the validator as null

const UPLOAD_DESCRIPTION = [
  'multipart/form-data with a part `file` (OFX/QFX, QIF, CSV or CAMT.053, at most 10 MB and 100k rows; the format',
  'is detected from the content) and either `accountId` or a new manual account (`newAccountName`,',
  '`newAccountType`, `newAccountCurrency`, optional `newAccountOpeningBalance`). Optional: `format`, `dateFormat`.',
  'Answers a preview of every row (new / duplicate / suspect); nothing reaches the ledger until commit.',
  'A file that cannot be read is a 400 STATEMENT_UNREADABLE whose details name the line, element or field.',
].join(' ');

/**
 * Statement import: upload → preview → (mapping changes) → commit in one transaction; delete undoes it.
 * A thin transport over @finsync/shared/imports.
 */
export const importRoutes = userRoutes(
  async ({ inTransaction, withoutTransaction }, ctx, app) => {
    await app.register(fastifyMultipart, {
      limits: {
        fileSize: STATEMENT_LIMITS.maxBytes,
        files: 1,
        fields: 10,
        fieldSize: 1024,
        parts: 12,
        headerPairs: 50,
      },
    });
    // The file is read before the transaction opens: no transaction waits on an upload.
    withoutTransaction(
      'POST /imports',
      {
        bodyLimit: STATEMENT_LIMITS.maxBytes + 64 * 1024,
        summary: 'Upload a statement file and preview its rows',
        description: UPLOAD_DESCRIPTION,
        consumes: ['multipart/form-data'],
        body: UploadForm,
        response: ImportPreview,
        status: 201,
        errors: [...IMPORT_ERRORS, 413, 415],
      },
      async ({ userId, request, asUser }) => {
        const upload = await readUpload(request);
        const fields = upload.fields;
        const newAccount =
          fields.newAccountName || fields.newAccountType || fields.newAccountCurrency
            ? manualAccountFrom(fields)
            : undefined;
        return asUser((trx) =>
          startImport(trx, userId, {
            ...(fields.accountId ? { accountId: fields.accountId } : {}),
            ...(newAccount ? { newAccount } : {}),
            fileName: upload.fileName,
            bytes: upload.bytes,
            ...(fields.format ? { format: fields.format } : {}),
            ...(fields.csvMapping ? { csvMapping: fields.csvMapping } : {}),
            ...(fields.dateFormat ? { dateOrder: dateOrderFromName(fields.dateFormat)! } : {}),
          }),
        );
      },
    );
    inTransaction(
      'GET /imports',
      { summary: 'Recent statement imports', response: ImportList },
      async (trx, { userId }) => ({
        imports: await listImports(trx, userId),
      }),
    );
    inTransaction(
      'GET /imports/:id',
      { summary: 'The preview of an open import, or the record of a committed one', response: ImportPreview },
      (trx, { userId, params }) => getImport(trx, userId, params.id),
    );
    inTransaction(
      'PATCH /imports/:id',
      {
        summary:
          'Change how the file is read (CSV mapping, day order, which account of the file) and preview again',
        body: ImportPatch,
        response: ImportPreview,
      },
      (trx, { userId, params, body: { csvMapping, dateOrder, statementAccount } }) =>
        patchImport(trx, userId, params.id, {
          ...(csvMapping ? { csvMapping } : {}),
          ...(dateOrder ? { dateOrder } : {}),
          ...(statementAccount ? { statementAccount } : {}),
        }),
    );
    // The stored reports' refresh is queued once the ledger change is committed.
    withoutTransaction(
      'POST /imports/:id/commit',
      {
        summary:
          'Import the new rows (and accepted suspects) in one transaction; categorized like synced rows',
        body: ImportCommit.optional(),
        response: StatementImport,
      },
      async ({ userId, params, body, asUser }) => {
        const acceptSuspects = body?.acceptSuspects ?? [];
        const committed = await asUser((trx) => commitImport(trx, userId, params.id, { acceptSuspects }));
        await queueReportRefresh(ctx.queue, userId);
        return committed;
      },
    );
    withoutTransaction(
      'DELETE /imports/:id',
      { summary: 'Undo a whole import (its rows are removed), or discard a preview', response: ImportUndone },
      async ({ userId, params, asUser }) => {
        const { removed } = await asUser((trx) => undoImport(trx, userId, params.id));
        if (removed > 0) await queueReportRefresh(ctx.queue, userId);
        return { ok: true as const, removed };
      },
    );
  },
  { errors: IMPORT_ERRORS },
);

function manualAccountFrom(fields: z.infer<typeof UploadFields>) {
  const missing = (['newAccountName', 'newAccountType', 'newAccountCurrency'] as const).filter(
    (k) => !fields[k],
  );
  if (missing.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'a new manual account needs a name, type and currency',
      missing.map((k) => ({ path: `body.${k}`, message: 'required for a new account' })),
    );
  }
  const currency = fields.newAccountCurrency!;
  let openingBalanceMinor = 0;
  try {
    openingBalanceMinor = toMinor(fields.newAccountOpeningBalance ?? '0', currency);
  } catch (error) {
    throw new DomainError('VALIDATION_FAILED', 'opening balance is not an amount in the account currency', [
      {
        path: 'body.newAccountOpeningBalance',
        message: error instanceof Error ? error.message : String(error),
      },
    ]);
  }
  return { name: fields.newAccountName!, type: fields.newAccountType!, currency, openingBalanceMinor };
}

/** Reads the multipart form: exactly one `file` part plus text fields, within the limits. */
async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'send the statement as multipart/form-data with a part named file',
    );
  }
  const raw: Record<string, string> = {};
  let bytes: Buffer | null = null;
  let fileName: string | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        throw new DomainError('VALIDATION_FAILED', 'unexpected file part', [
          { path: `body.${part.fieldname}`, message: 'the statement goes in the part named file' },
        ]);
      }
      bytes = await part.toBuffer();
      if (part.file.truncated) {
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `the file is larger than ${STATEMENT_LIMITS.maxBytes / 1024 / 1024} MB`,
        );
      }
      fileName = part.filename ? part.filename.slice(0, 255) : null;
    } else {
      raw[part.fieldname] = String(part.value);
    }
  }
  if (!bytes) {
    throw new DomainError('VALIDATION_FAILED', 'no file uploaded', [
      { path: 'body.file', message: 'required' },
    ]);
  }
  const parsed = UploadFields.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'request does not match the schema',
      parsed.error.issues.map((issue) => ({
        path: [
          'body',
          ...issue.path.map(String),
          ...('keys' in issue ? [(issue.keys as string[])[0]] : []),
        ].join('.'),
        message: issue.message,
      })),
    );
  }
  return {
    bytes,
    fileName: fileName && /\S/.test(fileName) ? fileName.split(String.fromCharCode(0)).join('') : null,
    fields: parsed.data,
  };
}
