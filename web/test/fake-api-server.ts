/** A scripted fetch for tests: each call is matched to the next answer for its method and path. */
export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Responder = Answer | ((call: RecordedCall) => Answer);

export function fakeFetch(routes: Record<string, Responder | Responder[]>) {
  const calls: RecordedCall[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  const impl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const call: RecordedCall = {
      method,
      url,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    const key = `${method} ${url.split('?')[0]}`;
    const queue = queues.get(key);
    if (!queue || queue.length === 0) {
      return json(404, { error: { code: 'NOT_FOUND', message: `no route ${key}` } });
    }
    const next = queue.length > 1 ? queue.shift()! : queue[0]!;
    const answer = typeof next === 'function' ? next(call) : next;
    return json(answer.status, answer.body, answer.headers);
  };
  return { fetch: impl as typeof fetch, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
