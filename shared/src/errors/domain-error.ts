/**
 * Expected failures carry a stable code. Apps map codes to transport (HTTP status, job outcome) in one place.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'TOKEN_DECRYPT_FAILED'
  | 'MONEY_INVALID'
  | 'ITEM_LOGIN_REQUIRED'
  | 'PLAID_ERROR'
  | (string & {});

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super('NOT_FOUND', `${what} not found`, id === undefined ? undefined : { id });
    this.name = 'NotFoundError';
  }
}
