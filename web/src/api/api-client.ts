import { ApiError, readApiError } from './api-error.ts';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Auth routes must not trigger the refresh-and-retry dance. */
  skipRefresh?: boolean;
}

export interface ApiClientOptions {
  /** Prefix of every path, e.g. '/api/v1'. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Called once the session cannot be refreshed: the app sends the user to sign-in. */
  onSessionExpired?: () => void;
}

const CSRF_HEADER = 'x-csrf-token';
/** How many GET answers with an ETag the client keeps to revalidate (the most recently used). */
const VALIDATED_MAX = 64;

/** A request as sent: RequestOptions plus the tag of the copy this client holds. */
type SendOptions = RequestOptions & { ifNoneMatch?: string | undefined };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Typed fetch wrapper: cookies travel with every call, writes carry the CSRF token, a 401 triggers
 * one refresh of the session and one retry, and every failure surfaces as an ApiError.
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly onSessionExpired: () => void;
  private csrfToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  /**
   * GET answers that carried an ETag, by URL. The next GET sends If-None-Match and reuses the body on 304
   * (the ledger reads tag the user's data version: issue 16), so an unchanged dashboard is not sent again.
   */
  private readonly validated = new Map<string, { etag: string; text: string }>();

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.onSessionExpired = options.onSessionExpired ?? (() => {});
  }

  /** Login, signup and refresh answers carry the token for later writes. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, { ...options, body });
  }

  /** A same-origin URL for links the browser opens itself (downloads, event streams). */
  url(path: string, query?: Query): string {
    return `${this.baseUrl}${path}${queryString(query)}`;
  }

  /** Fetches a file (PDF, CSV) as a Blob with the same auth handling as JSON calls. */
  async download(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }> {
    const response = await this.send('GET', path, { query });
    const disposition = response.headers.get('content-disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return { blob: await response.blob(), filename: match?.[1] ? decodeURIComponent(match[1]) : null };
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const key = method === 'GET' ? this.url(path, options.query) : null;
    const held = key ? this.validated.get(key) : undefined;
    const response = await this.send(method, path, { ...options, ifNoneMatch: held?.etag });
    if (response.status === 204) return undefined as T;
    let text: string;
    if (response.status === 304 && held && key) {
      await discard(response);
      text = held.text;
      this.validated.delete(key);
    } else {
      text = await response.text();
    }
    const etag = response.status === 304 ? held?.etag : response.headers.get('etag');
    if (key && etag) {
      this.validated.set(key, { etag, text });
      if (this.validated.size > VALIDATED_MAX) this.validated.delete(this.validated.keys().next().value!);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, options: SendOptions): Promise<Response> {
    let response = await this.attempt(method, path, options);
    if (response.status === 403 && !SAFE_METHODS.has(method)) {
      const error = await readApiError(response.clone());
      if (/CSRF/i.test(error.code) && (await this.loadCsrfToken())) {
        response = await this.attempt(method, path, options);
      }
    }
    if (response.status === 401 && !options.skipRefresh) {
      if (await this.refreshSession()) {
        response = await this.attempt(method, path, options);
      }
      if (response.status === 401) {
        this.csrfToken = null;
        this.validated.clear();
        this.onSessionExpired();
      }
    }
    if (!response.ok && !(response.status === 304 && options.ifNoneMatch)) throw await readApiError(response);
    return response;
  }

  private async attempt(method: string, path: string, options: SendOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.ifNoneMatch) headers['if-none-match'] = options.ifNoneMatch;
    // A FormData body (file upload) sets its own multipart content type with the boundary.
    const form = options.body instanceof FormData;
    if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
    if (!SAFE_METHODS.has(method) && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    try {
      return await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        credentials: 'include',
        body:
          options.body === undefined
            ? undefined
            : form
              ? (options.body as FormData)
              : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach finsync. Check your connection and try again.');
    }
  }

  /** One refresh at a time; concurrent 401s wait for the same attempt. */
  private refreshSession(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        // Refresh is a cookie-authenticated write: after a reload the token must be fetched first.
        if (!this.csrfToken && !(await this.loadCsrfToken())) return false;
        const response = await this.attempt('POST', '/auth/refresh', {});
        // An unread body keeps the request open in the browser (the page never goes network-idle).
        if (!response.ok) return discard(response);
        const body = (await response.json()) as { csrfToken?: unknown };
        if (typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
        return true;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async loadCsrfToken(): Promise<boolean> {
    const response = await this.attempt('GET', '/auth/csrf', {});
    if (!response.ok) return discard(response);
    const body = (await response.json()) as { csrfToken?: unknown };
    if (typeof body.csrfToken !== 'string') return false;
    this.csrfToken = body.csrfToken;
    return true;
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads and drops a refused answer's body, so the browser ends the request; always false. */
async function discard(response: Response): Promise<false> {
  await response.arrayBuffer();
  return false;
}
