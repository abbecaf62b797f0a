import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxItem } from '../items/sandbox-item.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { RequestBody } from '../plaid/request-body.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import { PageBuffers, RawJsonFields } from './raw-json-fields.ts';

export interface PlaidContext {
  body: RequestBody;
  state: EmulatorState;
  requestId: string;
  request: FastifyRequest;
  /** Resolves `access_token` to its item; data endpoints also fail with the item's error (e.g. ITEM_LOGIN_REQUIRED). */
  item(options?: { allowItemError?: boolean }): SandboxItem;
}

export type PlaidHandler = (ctx: PlaidContext) => object | Promise<object>;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function newRequestId(): string {
  return [...randomBytes(15)].map((b) => BASE62[b % 62]).join('');
}

/**
 * Registers a Plaid endpoint: injected faults first, then client credentials (headers the SDK sends,
 * or body fields), then the handler; the answer gets a `request_id`, failures Plaid's error object.
 */
export function plaidRoute(
  app: FastifyInstance,
  state: EmulatorState,
  path: string,
  handler: PlaidHandler,
): void {
  const itemEndpoint = ![
    '/link/token/create',
    '/institutions/get_by_id',
    '/webhook_verification_key/get',
    '/sandbox/public_token/create',
    '/link/token/get',
    '/item/public_token/exchange',
  ].includes(path);
  const pageBuffers = new PageBuffers();
  app.post(path, async (request: FastifyRequest, reply: FastifyReply) => {
    const requestId = newRequestId();
    const fault = state.faults.decide(path, itemEndpoint);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.action.kind === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (fault.action.kind === 'timeout') {
      reply.hijack();
      await new Promise((resolve) => request.raw.socket.once('close', resolve));
      return;
    }
    try {
      if (fault.action.kind === 'error') throw fault.action.error;
      const body = new RequestBody(request.body ?? {});
      authenticate(request, body, state);
      const ctx: PlaidContext = {
        body,
        state,
        requestId,
        request,
        item: (options = {}) => {
          const token = body.string('access_token');
          body.done();
          const item = state.itemForAccessToken(token);
          if (item.error && !options.allowItemError) throw item.error;
          return item;
        },
      };
      const result = await handler(ctx);
      body.done();
      if (result instanceof RawJsonFields) {
        const page = result.serialize(requestId, (length) => pageBuffers.take(length));
        // 'finish': the bytes are with the socket; 'close' without it: the connection went, nothing reads them.
        let given = false;
        const giveBack = () => {
          if (given) return;
          given = true;
          pageBuffers.give(page);
        };
        reply.raw.once('finish', giveBack);
        reply.raw.once('close', giveBack);
        return reply.type('application/json; charset=utf-8').send(page);
      }
      return reply.send({ ...result, request_id: requestId });
    } catch (err) {
      if (err instanceof PlaidApiError) return reply.code(err.httpStatus).send(err.toBody(requestId));
      throw err;
    }
  });
}

function authenticate(request: FastifyRequest, body: RequestBody, state: EmulatorState): void {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const clientId = header('plaid-client-id') ?? body.optionalString('client_id');
  const secret = header('plaid-secret') ?? body.optionalString('secret');
  const missing = [clientId ? null : 'client_id', secret ? null : 'secret'].filter(
    (f): f is string => f !== null,
  );
  if (missing.length) throw PlaidApiError.missingFields(missing);
  if (clientId !== state.settings.clientId || secret !== state.settings.secret)
    throw PlaidApiError.invalidApiKeys();
}
