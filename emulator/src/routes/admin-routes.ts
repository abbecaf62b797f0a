import type { FastifyInstance, FastifyReply } from 'fastify';
import { type AccountRole, SANDBOX_ACCOUNTS } from '../data/sandbox-accounts.ts';
import type { FaultRule } from '../faults/fault-injector.ts';
import type { SandboxItem } from '../items/sandbox-item.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import { DEFAULT_PRESENTATION, presentTransaction } from '../sync/present-transaction.ts';
import { webhookPayload } from '../webhooks/webhook-payload.ts';
import type { SignatureKnob } from '../webhooks/webhook-signer.ts';

type Json = Record<string, unknown>;

class AdminError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const SIGNATURES: readonly SignatureKnob[] = ['valid', 'stale', 'wrong_hash', 'unknown_kid'];
const FAULT_RATES = [
  'error_rate',
  'rate_limit_rate',
  'login_required_rate',
  'drop_rate',
  'timeout_rate',
] as const;

/** Test and demo controls under /emulator (a prefix Plaid never uses); no Plaid credentials needed. */
export function registerAdminRoutes(app: FastifyInstance, state: EmulatorState): void {
  const route = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    handler: (body: Json, params: Json, query: Json) => unknown,
  ) => {
    app.route({
      method,
      url,
      handler: async (request, reply: FastifyReply) => {
        try {
          const body = (request.body ?? {}) as Json;
          if (typeof body !== 'object' || Array.isArray(body))
            throw new AdminError(400, 'INVALID_BODY', 'expected a JSON object');
          const result = await handler(body, request.params as Json, request.query as Json);
          return reply.send(result ?? { ok: true });
        } catch (err) {
          if (err instanceof AdminError)
            return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
          if (err instanceof PlaidApiError) {
            return reply.code(err.httpStatus).send({ error: { code: err.errorCode, message: err.message } });
          }
          throw err;
        }
      },
    });
  };
  const itemOf = (params: Json): SandboxItem => {
    const item = state.itemById(String(params.itemId));
    if (!item || item.removed) throw new AdminError(404, 'NOT_FOUND', `no item ${String(params.itemId)}`);
    return item;
  };

  route('GET', '/emulator/health', () => ({ ok: true, seed: state.settings.seed, items: state.items.size }));

  route('POST', '/emulator/reset', (body) => {
    const seed = optionalNumber(body, 'seed', { integer: true });
    state.reset(seed);
    return { ok: true, seed: state.settings.seed };
  });

  route('POST', '/emulator/sandbox-items', (body) => {
    const transactions = optionalNumber(body, 'transactions', { integer: true, min: 0, max: 500_000 });
    const historyDays = optionalNumber(body, 'history_days', { integer: true, min: 1, max: 3650 }) ?? 730;
    const initialDelay = optionalNumber(body, 'initial_delay_ms', { min: 0 }) ?? 0;
    const historicalDelay = optionalNumber(body, 'historical_delay_ms', { min: 0 }) ?? 0;
    const item = state.createItem({
      institutionId: optionalString(body, 'institution_id') ?? 'ins_109508',
      username: optionalString(body, 'username') ?? 'user_good',
      webhook: optionalString(body, 'webhook') ?? null,
      products: ['transactions'],
      ...(transactions === undefined ? {} : { transactions }),
      historyDays,
      initialDelayMs: initialDelay,
      historicalDelayMs: historicalDelay,
    });
    return {
      public_token: state.issuePublicToken(item),
      item_id: item.itemId,
      access_token: item.accessToken,
    };
  });

  route('POST', '/emulator/items/:itemId/advance', (body, params) => {
    const item = itemOf(params);
    const days = optionalNumber(body, 'days', { integer: true, min: 1, max: 3650 }) ?? 1;
    const result = item.advance(days);
    if (result.added + result.modified + result.removed > 0) state.notifySyncUpdates(item);
    return { ...result, today: new Date(item.today * 86_400_000).toISOString().slice(0, 10) };
  });

  route('GET', '/emulator/items/:itemId/ground-truth', (_body, params) => {
    const item = itemOf(params);
    const transactions = [...item.log.live.values()].sort((a, b) =>
      a.date === b.date ? a.transaction_id.localeCompare(b.transaction_id) : a.date < b.date ? 1 : -1,
    );
    return {
      accounts: item.accountObjects({ syncedOnly: true }),
      transactions: transactions.map((t) => presentTransaction(t, DEFAULT_PRESENTATION, state.taxonomy)),
      own_account_transfers: item.ownAccountTransfers(),
      balances: item.dailyBalances(),
    };
  });

  route('POST', '/emulator/items/:itemId/transactions/:transactionId/cancel', (_body, params) => {
    const item = itemOf(params);
    const id = String(params.transactionId);
    if (!item.cancel(id)) throw new AdminError(404, 'NOT_FOUND', `no posted transaction ${id}`);
    state.notifySyncUpdates(item);
    return { ok: true, removed: id };
  });

  // One chosen posted transaction (Plaid's sign: a positive amount is money out), then SYNC_UPDATES_AVAILABLE.
  route('POST', '/emulator/items/:itemId/transactions', (body, params) => {
    const item = itemOf(params);
    const amount = optionalNumber(body, 'amount', {});
    const name = optionalString(body, 'name');
    if (amount === undefined || !name)
      throw new AdminError(400, 'INVALID_FIELD', 'amount and name are required');
    const amountCents = Math.round(amount * 100);
    if (amountCents === 0 || Math.abs(amountCents - amount * 100) > 1e-6)
      throw new AdminError(400, 'INVALID_FIELD', 'amount must be a non-zero number of cents');
    const account = (optionalString(body, 'account') ?? 'checking') as AccountRole;
    if (!SANDBOX_ACCOUNTS.some((a) => a.role === account))
      throw new AdminError(
        400,
        'INVALID_FIELD',
        `account must be one of ${SANDBOX_ACCOUNTS.map((a) => a.role).join(', ')}`,
      );
    const detailed = optionalString(body, 'category') ?? 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE';
    if (!state.taxonomy.has(detailed))
      throw new AdminError(400, 'INVALID_FIELD', `category ${detailed} is not a PFC v2 detailed category`);
    const today = new Date(item.today * 86_400_000).toISOString().slice(0, 10);
    const date = optionalString(body, 'date') ?? today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > today)
      throw new AdminError(400, 'INVALID_FIELD', `date must be YYYY-MM-DD on or before ${today}`);
    const transactionId = item.post({
      account,
      date,
      amountCents,
      name,
      merchantName: optionalString(body, 'merchant_name') ?? null,
      detailed,
    });
    state.notifySyncUpdates(item);
    return { transaction_id: transactionId, date };
  });

  route('POST', '/emulator/items/:itemId/mutate-during-pagination', (body, params) => {
    const item = itemOf(params);
    const afterPages = optionalNumber(body, 'after_pages', { integer: true, min: 1 }) ?? 1;
    item.mutationTrap = { afterPages, pagesSeen: 0 };
    return { ok: true, after_pages: afterPages };
  });

  route('POST', '/emulator/items/:itemId/webhook', async (body, params) => {
    const item = itemOf(params);
    const type = optionalString(body, 'webhook_type');
    const code = optionalString(body, 'webhook_code');
    if (!type || !code)
      throw new AdminError(400, 'INVALID_FIELD', 'webhook_type and webhook_code are required');
    const signature = (optionalString(body, 'signature') ?? 'valid') as SignatureKnob;
    if (!SIGNATURES.includes(signature))
      throw new AdminError(400, 'INVALID_FIELD', `signature must be one of ${SIGNATURES.join(', ')}`);
    const url = optionalString(body, 'url') ?? item.webhook;
    if (!url)
      throw new AdminError(400, 'NO_WEBHOOK', 'the item has no webhook URL (pass "url" to send anyway)');
    const error = parseError(body.error);
    if (type === 'ITEM' && code === 'ERROR') item.error = error ?? PlaidApiError.itemLoginRequired();
    const delivery = await state.webhooks.send(url, webhookPayload(item, type, code, error), signature);
    return delivery;
  });

  route('GET', '/emulator/webhooks', (_body, _params, query) => {
    const itemId = typeof query.item_id === 'string' ? query.item_id : undefined;
    return { webhooks: state.webhooks.deliveries.filter((d) => !itemId || d.item_id === itemId) };
  });

  route('PUT', '/emulator/faults', (body) => {
    const endpoint = optionalString(body, 'endpoint');
    if (!endpoint || (endpoint !== '*' && !endpoint.startsWith('/'))) {
      throw new AdminError(
        400,
        'INVALID_FIELD',
        "endpoint must be a Plaid path like '/transactions/sync' or '*'",
      );
    }
    const rule: FaultRule = {
      endpoint,
      error_rate: 0,
      rate_limit_rate: 0,
      login_required_rate: 0,
      drop_rate: 0,
      timeout_rate: 0,
      latency_ms: optionalNumber(body, 'latency_ms', { min: 0, max: 120_000 }) ?? 0,
    };
    for (const key of FAULT_RATES) rule[key] = optionalNumber(body, key, { min: 0, max: 1 }) ?? 0;
    if (FAULT_RATES.reduce((s, k) => s + rule[k], 0) > 1)
      throw new AdminError(400, 'INVALID_FIELD', 'the rates must sum to at most 1');
    state.faults.set(rule);
    return { faults: state.faults.list() };
  });

  route('GET', '/emulator/faults', () => ({ faults: state.faults.list() }));

  route('DELETE', '/emulator/faults', () => {
    state.faults.clear();
    return { faults: [] };
  });
}

function optionalString(body: Json, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AdminError(400, 'INVALID_FIELD', `${key} must be a string`);
  return value;
}

function optionalNumber(
  body: Json,
  key: string,
  rule: { integer?: boolean; min?: number; max?: number },
): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    throw new AdminError(400, 'INVALID_FIELD', `${key} must be a${rule.integer ? 'n integer' : ' number'}`);
  }
  if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    throw new AdminError(
      400,
      'INVALID_FIELD',
      `${key} must be between ${rule.min ?? '-∞'} and ${rule.max ?? '∞'}`,
    );
  }
  return value;
}

function parseError(value: unknown): PlaidApiError | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object')
    throw new AdminError(400, 'INVALID_FIELD', 'error must be a Plaid error object');
  const e = value as Json;
  const code = typeof e.error_code === 'string' ? e.error_code : 'ITEM_LOGIN_REQUIRED';
  if (code === 'ITEM_LOGIN_REQUIRED' && e.error_message === undefined)
    return PlaidApiError.itemLoginRequired();
  return new PlaidApiError(
    typeof e.status === 'number' ? e.status : 400,
    typeof e.error_type === 'string' ? e.error_type : 'ITEM_ERROR',
    code,
    typeof e.error_message === 'string' ? e.error_message : code.toLowerCase().replaceAll('_', ' '),
    typeof e.display_message === 'string' ? e.display_message : undefined,
  );
}
