/** Plaid's error object, as the whole body of a non-2xx answer (and inside items and webhooks). */
export interface PlaidErrorBody {
  error_type: string;
  error_code: string;
  error_code_reason: string | null;
  error_message: string;
  display_message: string | null;
  request_id?: string;
  causes: unknown[];
  status: number | null;
  documentation_url: string;
  suggested_action: string | null;
}

const DOCS = 'https://plaid.com/docs/errors/';

/** An expected Plaid failure: thrown by handlers, rendered by the Plaid error handler with its HTTP status. */
export class PlaidApiError extends Error {
  readonly httpStatus: number;
  readonly errorType: string;
  readonly errorCode: string;
  readonly displayMessage: string | null;

  constructor(
    httpStatus: number,
    errorType: string,
    errorCode: string,
    message: string,
    displayMessage?: string,
  ) {
    super(message);
    this.name = 'PlaidApiError';
    this.httpStatus = httpStatus;
    this.errorType = errorType;
    this.errorCode = errorCode;
    this.displayMessage = displayMessage ?? null;
  }

  /** The body as an API answer (with request_id) or, without one, as embedded in an item or webhook (with status). */
  toBody(requestId?: string): PlaidErrorBody {
    return {
      error_type: this.errorType,
      error_code: this.errorCode,
      error_code_reason: null,
      error_message: this.message,
      display_message: this.displayMessage,
      ...(requestId === undefined ? {} : { request_id: requestId }),
      causes: [],
      status: requestId === undefined ? this.httpStatus : null,
      documentation_url: `${DOCS}${this.errorType.toLowerCase().replaceAll('_', '-')}/#${this.errorCode.toLowerCase()}`,
      suggested_action: null,
    };
  }

  static missingFields(fields: readonly string[]): PlaidApiError {
    return new PlaidApiError(
      400,
      'INVALID_REQUEST',
      'MISSING_FIELDS',
      `the following required fields are missing: ${fields.join(', ')}`,
    );
  }

  static invalidField(message: string): PlaidApiError {
    return new PlaidApiError(400, 'INVALID_REQUEST', 'INVALID_FIELD', message);
  }

  static invalidBody(message: string): PlaidApiError {
    return new PlaidApiError(400, 'INVALID_REQUEST', 'INVALID_BODY', message);
  }

  static invalidApiKeys(): PlaidApiError {
    return new PlaidApiError(
      400,
      'INVALID_INPUT',
      'INVALID_API_KEYS',
      'invalid client_id or secret provided',
    );
  }

  static invalidAccessToken(): PlaidApiError {
    return new PlaidApiError(
      400,
      'INVALID_INPUT',
      'INVALID_ACCESS_TOKEN',
      'provided access token is in an invalid format. expected format: access-<environment>-<identifier>',
    );
  }

  static itemLoginRequired(): PlaidApiError {
    return new PlaidApiError(
      400,
      'ITEM_ERROR',
      'ITEM_LOGIN_REQUIRED',
      "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
      "The login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
    );
  }

  static internal(): PlaidApiError {
    return new PlaidApiError(
      500,
      'API_ERROR',
      'INTERNAL_SERVER_ERROR',
      'an unexpected error occurred',
      'Something went wrong. Please try again later.',
    );
  }

  static rateLimited(endpoint: string): PlaidApiError {
    const code = endpoint === '/transactions/sync' ? 'TRANSACTIONS_SYNC_LIMIT' : 'RATE_LIMIT';
    return new PlaidApiError(
      429,
      'RATE_LIMIT_EXCEEDED',
      code,
      `rate limit exceeded for attempts to access "${endpoint.slice(1)}". please try again later`,
    );
  }

  static mutationDuringPagination(): PlaidApiError {
    return new PlaidApiError(
      400,
      'TRANSACTIONS_ERROR',
      'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
      'Underlying transaction data changed since last page was fetched. Please restart pagination from last update.',
    );
  }

  static notFound(path: string): PlaidApiError {
    return new PlaidApiError(404, 'INVALID_REQUEST', 'NOT_FOUND', `unrecognized endpoint: ${path}`);
  }
}
