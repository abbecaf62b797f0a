import { DomainError, type ErrorCode } from '@finsync/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/**
 * HTTP status of each expected failure code. Exhaustive: a code added to ErrorCode does not compile until it
 * has a status here (see error-codes.typecheck.ts).
 */
export const statusOf: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  JSON_TOO_DEEP: 400,
  MONEY_INVALID: 400,
  CATEGORY_NOT_FOUND: 400,
  CATEGORY_CYCLE: 400,
  RULE_INVALID: 400,
  RULE_INVALID_REGEX: 400,
  SPLIT_EXCEEDS_TOTAL: 400,
  CLASSIFIER_MODEL_INVALID: 400,
  STATEMENT_UNREADABLE: 400,
  PASSKEY_INVALID: 400,
  // Expired, used or forged: one answer, so the link's state is not revealed.
  SIGNUP_LINK_INVALID: 400,
  WEBHOOK_UNVERIFIED: 400,
  SYNC_ABORTED: 400,
  SYNC_CONFLICT: 400,
  // Plaid item codes other than a login are reported as the request's fault, as before.
  PENDING_EXPIRATION: 400,
  PENDING_DISCONNECT: 400,
  USER_PERMISSION_REVOKED: 400,
  ACCESS_NOT_GRANTED: 400,
  ITEM_NOT_FOUND: 400,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  LINK_INVALID: 403,
  LINK_EXPIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ITEM_LOGIN_REQUIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_BUDGET_EXCEEDED: 422,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  LOGIN_THROTTLED: 429,
  PLAID_ERROR: 502,
  JOBS_UNAVAILABLE: 503,
  REPORT_UPDATING: 503,
  CONFIG_INVALID: 500,
  TOKEN_DECRYPT_FAILED: 500,
};

/** Codes only this handler sends, for refusals that never become a DomainError (Fastify's own, a crash). */
type TransportCode = 'INTERNAL' | 'BAD_REQUEST' | 'METHOD_NOT_ALLOWED' | 'NOT_ACCEPTABLE' | 'URI_TOO_LONG';
/** Every `error.code` an answer can carry: a closed list. */
export type ResponseErrorCode = ErrorCode | TransportCode;

const fastifyCodes: Record<number, ResponseErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Expected failures with a Retry-After (rate limits, lockouts) carry it in details.retryAfterSeconds. */
export class RetryLaterError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(code: 'RATE_LIMITED' | 'LOGIN_THROTTLED', message: string, retryAfterSeconds: number) {
    super(code, message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Fixed messages for Fastify's own refusals: theirs quote the input (a JSON parser's excerpt of the body, the
 * content type, the URL), and a refusal never echoes input.
 */
const fastifyMessages: Record<string, [number, ResponseErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'unsupported content type; send application/json',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'request body too large'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'VALIDATION_FAILED', 'body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'VALIDATION_FAILED', 'body is empty; send JSON or no content type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', 'content-length does not match the body'],
  FST_ERR_BAD_URL: [400, 'BAD_REQUEST', 'the URL is not valid'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG', 'a path parameter is too long'],
};

const genericMessages: Record<number, string> = {
  400: 'the request is not valid',
  404: 'not found',
  405: 'method not allowed',
  406: 'not acceptable',
  413: 'request body too large',
  414: 'the URL is too long',
  415: 'unsupported content type',
};

/** A field name that a refusal may repeat back: an identifier, as every field of the API is named. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const send = (
  reply: FastifyReply,
  status: number,
  code: ResponseErrorCode,
  message: string,
  details?: unknown,
) => reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/**
 * The one place errors become HTTP: `{ error: { code, message, details } }`. Validation failures list field
 * paths; anything unexpected is logged once with the request id and answered as a bare 500.
 */
export function installErrorHandler(app: FastifyInstance, opts: { exposeInternals: boolean }): void {
  app.setErrorHandler(
    (error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = (error as { validationContext?: string }).validationContext;
        const details = error.validation.flatMap((issue) => {
          const path = [where, ...issue.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.');
          // A field the operation does not take (refuse-unknown-fields.ts): one detail each, at its own path
          // when its name is a plain one (what a typo looks like); another name is not repeated back.
          const unknown =
            issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : null;
          if (Array.isArray(unknown))
            return unknown.map((key) =>
              PLAIN_NAME.test(String(key))
                ? { path: `${path}.${String(key)}`, message: 'unknown field' }
                : { path, message: 'unknown field (its name is not shown)' },
            );
          return [{ path, message: issue.message ?? 'invalid' }];
        });
        return send(reply, 400, 'VALIDATION_FAILED', 'request does not match the schema', details);
      }
      if (error instanceof RetryLaterError) reply.header('retry-after', String(error.retryAfterSeconds));
      if (error instanceof DomainError) {
        const status = statusOf[error.code];
        if (status >= 500) request.log.error({ err: error }, 'domain error answered as server error');
        return send(reply, status, error.code, error.message, error.details);
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error }, 'response does not match its schema');
        return send(reply, 500, 'INTERNAL', 'internal error');
      }
      const fe = error as FastifyError;
      if (fe.code === 'FST_CSRF_MISSING_SECRET' || fe.code === 'FST_CSRF_INVALID_TOKEN') {
        return send(reply, 403, 'CSRF_INVALID', 'missing or invalid CSRF token; send x-csrf-token');
      }
      const known = fe.code ? fastifyMessages[fe.code] : undefined;
      if (known) return send(reply, known[0], known[1], known[2]);
      const status = fe.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // A JSON syntax error (or prototype poisoning) from the body parser quotes the body: say less.
        const message =
          error instanceof SyntaxError
            ? 'body is not valid JSON'
            : (genericMessages[status] ?? 'the request was refused');
        return send(reply, status, fastifyCodes[status] ?? 'BAD_REQUEST', message);
      }
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, 500, 'INTERNAL', opts.exposeInternals ? error.message : 'internal error');
    },
  );

  app.setNotFoundHandler((_request, reply) => send(reply, 404, 'NOT_FOUND', 'no such route'));

  // Authenticated answers (and the session answers that carry CSRF tokens) are never stored by a cache.
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.url.startsWith('/api/') &&
      !request.url.startsWith('/api/docs') &&
      !reply.hasHeader('cache-control')
    )
      reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Fastify's routing refusals (a path parameter over maxParamLength: 414, a malformed URL: 400), in the one shape. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = fastifyMessages[error.code];
  if (known) {
    send(reply, known[0], known[1], known[2]);
    return;
  }
  send(
    reply,
    error.statusCode && error.statusCode < 500 ? error.statusCode : 500,
    'BAD_REQUEST',
    'the request was refused',
  );
}
