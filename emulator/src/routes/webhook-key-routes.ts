import type { FastifyInstance } from 'fastify';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { plaidRoute } from '../server/plaid-route.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

export function registerWebhookKeyRoutes(app: FastifyInstance, state: EmulatorState): void {
  plaidRoute(app, state, '/webhook_verification_key/get', ({ body }) => {
    const keyId = body.string('key_id');
    body.done();
    const key = state.signer.key(keyId);
    if (!key) throw PlaidApiError.invalidField('invalid key_id provided');
    return { key };
  });
}
