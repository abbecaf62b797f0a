/** An answer from the finsync API: status and parsed JSON body (null when empty). */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface ApiSession {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
}

/**
 * A cookie session against the API, as a browser would hold it: keeps the cookies it is given and sends the
 * CSRF token from the last session answer with every write.
 */
export function createApiSession(apiUrl: string): ApiSession {
  const cookies = new Map<string, string>();
  let csrfToken: string | null = null;
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
      const headers: Record<string, string> = {};
      if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json') ?? false;
      const parsed = (text && json ? JSON.parse(text) : text || null) as T;
      const token = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
      if (typeof token === 'string') csrfToken = token;
      return { status: response.status, body: parsed };
    },
  };
}
