import fastifyMultipart from '@fastify/multipart';
import { DomainError, toMinor, withUser } from '@finsync/shared';
import {
  CsvMapping,
  CurrencyCode,
  ErrorBody,
  IdParams,
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
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';
import { queueReportRefresh } from './queue-report-refresh.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

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
export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
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
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);
    const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[2]) => withUser(ctx.db, userId, fn);

    app.post(
      '/imports',
      {
        bodyLimit: STATEMENT_LIMITS.maxBytes + 64 * 1024,
        schema: {
          tags: ['imports'],
          summary: 'Upload a statement file and preview its rows',
          description: UPLOAD_DESCRIPTION,
          consumes: ['multipart/form-data'],
          body: UploadForm,
          response: { 201: ImportPreview, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const upload = await readUpload(request);
        const fields = upload.fields;
        const newAccount =
          fields.newAccountName || fields.newAccountType || fields.newAccountCurrency
            ? manualAccountFrom(fields)
            : undefined;
        const preview = await asUser(userId, (trx) =>
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
        return reply.code(201).send(preview);
      },
    );

    app.get(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Recent statement imports',
          response: { 200: ImportList, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return { imports: await asUser(userId, (trx) => listImports(trx, userId)) };
      },
    );

    app.get(
      '/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'The preview of an open import, or the record of a committed one',
          params: IdParams,
          response: { 200: ImportPreview, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        return asUser(userId, (trx) => getImport(trx, userId, request.params.id));
      },
    );

    app.patch(
      '/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Change how the file is read (CSV mapping, day order, which account of the file) and preview again',
          params: IdParams,
          body: ImportPatch,
          response: { 200: ImportPreview, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { csvMapping, dateOrder, statementAccount } = request.body;
        return asUser(userId, (trx) =>
          patchImport(trx, userId, request.params.id, {
            ...(csvMapping ? { csvMapping } : {}),
            ...(dateOrder ? { dateOrder } : {}),
            ...(statementAccount ? { statementAccount } : {}),
          }),
        );
      },
    );

    app.post(
      '/imports/:id/commit',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Import the new rows (and accepted suspects) in one transaction; categorized like synced rows',
          params: IdParams,
          body: ImportCommit.optional(),
          response: { 200: StatementImport, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const acceptSuspects = request.body?.acceptSuspects ?? [];
        const committed = await asUser(userId, (trx) =>
          commitImport(trx, userId, request.params.id, { acceptSuspects }),
        );
        await queueReportRefresh(ctx.queue, userId);
        return committed;
      },
    );

    app.delete(
      '/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'Undo a whole import (its rows are removed), or discard a preview',
          params: IdParams,
          response: { 200: ImportUndone, ...errors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { removed } = await asUser(userId, (trx) => undoImport(trx, userId, request.params.id));
        if (removed > 0) await queueReportRefresh(ctx.queue, userId);
        return { ok: true as const, removed };
      },
    );
  };
}

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
