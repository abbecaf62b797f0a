import { Configuration, PlaidApi } from 'plaid';
import type { PlaidSpecValidator } from './plaid-spec-validator.ts';

interface AxiosLike {
  status: number;
  data: unknown;
  config: { url?: string };
}

export interface Credentials {
  clientId: string;
  secret: string;
}

export const EMULATOR_CREDENTIALS: Credentials = {
  clientId: 'finsync-emulator-client',
  secret: 'finsync-emulator-secret',
};

export function plaidClient(url: string, credentials: Credentials = EMULATOR_CREDENTIALS): PlaidApi {
  return new PlaidApi(
    new Configuration({
      basePath: url,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': credentials.clientId, 'PLAID-SECRET': credentials.secret },
        proxy: false,
      },
    }),
  );
}

/**
 * The official SDK client, with every answer (success or Plaid error) checked against the vendored
 * spec; a non-conforming body fails the call.
 */
export function conformantPlaid(
  url: string,
  validator: PlaidSpecValidator,
  credentials?: Credentials,
): PlaidApi {
  const api = plaidClient(url, credentials);
  const check = (res: AxiosLike) => {
    const path = new URL(res.config.url ?? '', url).pathname;
    const problems = validator.checkAnswer(path, res.status, res.data);
    if (problems.length) {
      throw new Error(
        `${path} answered ${res.status} with a body that does not conform:\n  ${problems.join('\n  ')}`,
      );
    }
  };
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      return async (...args: unknown[]) => {
        try {
          const res = (await value.apply(target, args)) as AxiosLike;
          check(res);
          return res;
        } catch (err) {
          const response = (err as { response?: AxiosLike }).response;
          if (response) check(response);
          throw err;
        }
      };
    },
  });
}

/** The Plaid error body of a failed SDK call. */
export async function plaidErrorOf(
  call: Promise<unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await call;
  } catch (err) {
    const response = (err as { response?: { status: number; data: Record<string, unknown> } }).response;
    if (response) return { status: response.status, body: response.data };
    throw err;
  }
  throw new Error('expected the call to fail');
}

export async function admin<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}
