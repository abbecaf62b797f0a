import type { FastifyInstance } from 'fastify';
import { checkSandboxCredentials } from '../link/sandbox-credentials.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { plaidRoute } from '../server/plaid-route.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import { webhookPayload } from '../webhooks/webhook-payload.ts';

const FIRE_WEBHOOK_TYPES: Record<string, string> = {
  DEFAULT_UPDATE: 'TRANSACTIONS',
  SYNC_UPDATES_AVAILABLE: 'TRANSACTIONS',
  RECURRING_TRANSACTIONS_UPDATE: 'TRANSACTIONS',
  NEW_ACCOUNTS_AVAILABLE: 'ITEM',
  USER_PERMISSION_REVOKED: 'ITEM',
  USER_ACCOUNT_REVOKED: 'ITEM',
  PENDING_DISCONNECT: 'ITEM',
  LOGIN_REPAIRED: 'ITEM',
  ERROR: 'ASSETS',
  PRODUCT_READY: 'ASSETS',
};

export function registerSandboxRoutes(app: FastifyInstance, state: EmulatorState): void {
  plaidRoute(app, state, '/sandbox/public_token/create', ({ body }) => {
    const institutionId = body.string('institution_id');
    const products = body.stringArray('initial_products');
    const options = body.optionalObject('options') ?? undefined;
    const webhook = options?.optionalString('webhook') ?? null;
    const username = options?.optionalString('override_username') ?? 'user_good';
    const password = options?.optionalString('override_password') ?? 'pass_good';
    const daysRequested =
      options?.optionalObject('transactions')?.optionalInteger('days_requested', 1, 730) ?? 90;
    body.done();
    const outcome = checkSandboxCredentials(
      username,
      password,
      password === 'mfa_device' ? '1234' : 'answer_1_1',
    );
    if (outcome.kind === 'error') throw outcome.error;
    const item = state.createItem({
      institutionId,
      username,
      webhook,
      products,
      historyDays: daysRequested,
      initialDelayMs: state.settings.initialDelayMs,
      historicalDelayMs: state.settings.historicalDelayMs,
    });
    return { public_token: state.issuePublicToken(item) };
  });

  plaidRoute(app, state, '/sandbox/item/reset_login', ({ item }) => {
    const it = item({ allowItemError: true });
    it.error = PlaidApiError.itemLoginRequired();
    if (it.webhook) void state.webhooks.send(it.webhook, webhookPayload(it, 'ITEM', 'ERROR', it.error));
    return { reset_login: true };
  });

  plaidRoute(app, state, '/sandbox/item/fire_webhook', ({ item, body }) => {
    const it = item({ allowItemError: true });
    const code = body.string('webhook_code');
    const type = body.optionalString('webhook_type') ?? FIRE_WEBHOOK_TYPES[code];
    body.done();
    if (!type || !FIRE_WEBHOOK_TYPES[code]) {
      throw PlaidApiError.invalidField(
        `webhook_code must be one of ${Object.keys(FIRE_WEBHOOK_TYPES).join(', ')}`,
      );
    }
    if (type !== 'ITEM' && type !== 'TRANSACTIONS') {
      throw new PlaidApiError(
        400,
        'SANDBOX_ERROR',
        'SANDBOX_PRODUCT_NOT_ENABLED',
        `the ${type.toLowerCase()} product is not enabled on this item`,
      );
    }
    if (!it.webhook) {
      throw new PlaidApiError(
        400,
        'SANDBOX_ERROR',
        'SANDBOX_WEBHOOK_INVALID',
        'the item has no webhook URL configured',
      );
    }
    void state.webhooks.send(it.webhook, webhookPayload(it, type, code));
    return { webhook_fired: true };
  });
}
