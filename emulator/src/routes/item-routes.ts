import type { FastifyInstance } from 'fastify';
import { itemObject } from '../items/item-object.ts';
import { plaidRoute } from '../server/plaid-route.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

export function registerItemRoutes(app: FastifyInstance, state: EmulatorState): void {
  plaidRoute(app, state, '/item/public_token/exchange', ({ body }) => {
    const publicToken = body.string('public_token');
    body.done();
    const item = state.exchangePublicToken(publicToken);
    return { access_token: item.accessToken, item_id: item.itemId };
  });

  plaidRoute(app, state, '/item/get', ({ item }) => {
    const it = item({ allowItemError: true });
    return {
      item: itemObject(it),
      status: {
        transactions: {
          last_successful_update: new Date(it.lastSuccessfulUpdate).toISOString(),
          last_failed_update: null,
        },
        investments: null,
        last_webhook: null,
      },
    };
  });

  plaidRoute(app, state, '/item/remove', ({ item, body }) => {
    body.optionalString('reason_code');
    body.optionalString('reason_note');
    state.removeItem(item({ allowItemError: true }));
    return {};
  });

  plaidRoute(app, state, '/item/webhook/update', ({ item, body }) => {
    const it = item({ allowItemError: true });
    const webhook = body.optionalString('webhook') ?? null;
    it.webhook = webhook;
    if (webhook) {
      void state.webhooks.send(webhook, {
        webhook_type: 'ITEM',
        webhook_code: 'WEBHOOK_UPDATE_ACKNOWLEDGED',
        item_id: it.itemId,
        new_webhook_url: webhook,
        error: null,
        environment: 'sandbox',
      });
    }
    return { item: itemObject(it) };
  });
}
