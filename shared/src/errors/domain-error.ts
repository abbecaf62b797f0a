/**
 * Expected failures carry a stable code. Apps map codes to transport (HTTP status, job outcome) in one place;
 * the union is closed so that a new code does not compile until that place gives it a status.
 */
export type ErrorCode =
  // request and session
  | 'VALIDATION_FAILED'
  | 'JSON_TOO_DEEP'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'MFA_REQUIRED'
  | 'PASSKEY_INVALID'
  | 'FORBIDDEN'
  | 'CSRF_INVALID'
  | 'LINK_INVALID'
  | 'LINK_EXPIRED'
  | 'SIGNUP_LINK_INVALID'
  | 'RATE_LIMITED'
  | 'ACCOUNT_LOCKED'
  | 'LOGIN_THROTTLED'
  // resources
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'MONEY_INVALID'
  // categories and rules
  | 'CATEGORY_NOT_FOUND'
  | 'CATEGORY_CYCLE'
  | 'RULE_INVALID'
  | 'RULE_INVALID_REGEX'
  | 'RULE_BUDGET_EXCEEDED'
  | 'SPLIT_EXCEEDS_TOTAL'
  | 'CLASSIFIER_MODEL_INVALID'
  | 'STATEMENT_UNREADABLE'
  // Plaid and sync
  | 'WEBHOOK_UNVERIFIED'
  | 'PLAID_ERROR'
  | PlaidItemErrorCode
  | 'SYNC_ABORTED'
  | 'SYNC_CONFLICT'
  // the service itself
  | 'JOBS_UNAVAILABLE'
  | 'REPORT_UPDATING'
  | 'CONFIG_INVALID'
  | 'TOKEN_DECRYPT_FAILED';

/** Plaid's item error codes that mean the connection needs its owner (see classify-plaid-error.ts). */
export type PlaidItemErrorCode =
  | 'ITEM_LOGIN_REQUIRED'
  | 'PENDING_EXPIRATION'
  | 'PENDING_DISCONNECT'
  | 'USER_PERMISSION_REVOKED'
  | 'ACCESS_NOT_GRANTED'
  | 'ITEM_NOT_FOUND';

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
