/** The one error type the SPA sees from the API, read from `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds to wait before retrying, from a 429's Retry-After header. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    retryAfterSeconds?: number | null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds ?? null;
  }

  /** The server has no such route: the feature is not deployed on this server yet. */
  get notAvailable(): boolean {
    return this.code === 'ROUTE_NOT_FOUND';
  }

  /** Field messages of a VALIDATION_FAILED answer, keyed by field path. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const issue of this.details) {
      if (issue && typeof issue === 'object' && 'path' in issue && 'message' in issue) {
        const path = String(issue.path);
        out[path] ??= String(issue.message);
      }
    }
    return out;
  }
}

/** Turns a non-2xx response into an ApiError, whatever its body looks like. */
export async function readApiError(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null; // not JSON (a proxy's error page); fall through to the status-based error
  }
  const error = body && typeof body === 'object' && 'error' in body ? body.error : null;
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : error.code;
    const details = 'details' in error ? error.details : undefined;
    // The API's not-found handler answers unknown routes as NOT_FOUND "no route METHOD /path".
    if (response.status === 404 && error.code === 'NOT_FOUND' && message.startsWith('no route ')) {
      return new ApiError(404, 'ROUTE_NOT_FOUND', 'This feature is not available on this server yet.');
    }
    return new ApiError(
      response.status,
      error.code,
      message,
      details,
      retryAfter ?? detailsRetryAfter(details),
    );
  }
  // Fastify's default 404 for an unregistered route does not use the error shape.
  if (response.status === 404) {
    return new ApiError(404, 'ROUTE_NOT_FOUND', 'This feature is not available on this server yet.');
  }
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    statusMessage(response.status),
    undefined,
    retryAfter,
  );
}

function detailsRetryAfter(details: unknown): number | null {
  if (details && typeof details === 'object' && 'retryAfterSeconds' in details) {
    const seconds = details.retryAfterSeconds;
    if (typeof seconds === 'number' && Number.isFinite(seconds)) return seconds;
  }
  return null;
}

function statusMessage(status: number): string {
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}
