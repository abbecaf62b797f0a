import Fastify, { type FastifyInstance } from 'fastify';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { registerAccountsRoutes } from '../routes/accounts-routes.ts';
import { registerAdminRoutes } from '../routes/admin-routes.ts';
import { registerHostedLinkRoutes } from '../routes/hosted-link-routes.ts';
import { registerInstitutionsRoutes } from '../routes/institutions-routes.ts';
import { registerItemRoutes } from '../routes/item-routes.ts';
import { registerLinkRoutes } from '../routes/link-routes.ts';
import { registerSandboxRoutes } from '../routes/sandbox-routes.ts';
import { registerSendGridRoutes } from '../routes/sendgrid-routes.ts';
import { registerTransactionsRoutes } from '../routes/transactions-routes.ts';
import { registerWebhookKeyRoutes } from '../routes/webhook-key-routes.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import { newRequestId } from './plaid-route.ts';

/** The emulator's HTTP surface: Plaid's endpoints, the admin API and the SendGrid sink. */
export function buildApp(state: EmulatorState, options: { logger: boolean }): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    // Hung "timeout" faults must not keep close() waiting.
    forceCloseConnections: true,
    bodyLimit: 10 * 1024 * 1024,
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
    const requestId = newRequestId();
    if (err instanceof PlaidApiError) return reply.code(err.httpStatus).send(err.toBody(requestId));
    if (err.code?.startsWith('FST_ERR_CTP') || (err.statusCode && err.statusCode < 500)) {
      return reply
        .code(400)
        .send(PlaidApiError.invalidBody(`request body is not valid JSON: ${err.message}`).toBody(requestId));
    }
    request.log.error({ err }, 'unexpected emulator error');
    return reply.code(500).send(PlaidApiError.internal().toBody(requestId));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(PlaidApiError.notFound(request.url).toBody(newRequestId()));
  });

  registerLinkRoutes(app, state);
  registerItemRoutes(app, state);
  registerAccountsRoutes(app, state);
  registerTransactionsRoutes(app, state);
  registerInstitutionsRoutes(app, state);
  registerSandboxRoutes(app, state);
  registerWebhookKeyRoutes(app, state);
  registerAdminRoutes(app, state);
  registerSendGridRoutes(app, state);
  registerHostedLinkRoutes(app, state);
  return app;
}
