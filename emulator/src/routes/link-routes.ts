import type { FastifyInstance } from 'fastify';
import type { LinkToken } from '../link/link-token.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { plaidRoute } from '../server/plaid-route.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

const NEW_ITEM_TTL_MS = 4 * 3600_000;
const UPDATE_MODE_TTL_MS = 30 * 60_000;

export function registerLinkRoutes(app: FastifyInstance, state: EmulatorState): void {
  plaidRoute(app, state, '/link/token/create', ({ body, request }) => {
    const clientName = body.string('client_name');
    const language = body.string('language');
    const countryCodes = body.stringArray('country_codes');
    const userId = body.optionalString('user_id');
    const user = userId ? body.optionalObject('user') : body.object('user');
    const clientUserId = user ? user.string('client_user_id') : (userId ?? '');
    const products = body.optionalStringArray('products') ?? [];
    const webhook = body.optionalString('webhook') ?? null;
    const redirectUri = body.optionalString('redirect_uri') ?? null;
    const accessToken = body.optionalString('access_token') ?? null;
    const daysRequested =
      body.optionalObject('transactions')?.optionalInteger('days_requested', 1, 730) ?? 90;
    const hosted = body.optionalObject('hosted_link');
    const completionRedirect = hosted?.optionalString('completion_redirect_uri') ?? null;
    const lifetime = hosted?.optionalInteger('url_lifetime_seconds', 1, 21 * 86_400) ?? null;
    body.done();
    user?.done();
    if (!accessToken && products.length === 0) {
      throw PlaidApiError.invalidField(
        'products must contain at least one product unless access_token is set (update mode)',
      );
    }
    if (accessToken) state.itemForAccessToken(accessToken);
    const now = Date.now();
    const ttl = lifetime
      ? lifetime * 1000
      : hosted
        ? 30 * 60_000
        : accessToken
          ? UPDATE_MODE_TTL_MS
          : NEW_ITEM_TTL_MS;
    const token: LinkToken = {
      link_token: `link-sandbox-${state.random.uuid()}`,
      created_at: new Date(now).toISOString(),
      expiration: new Date(now + ttl).toISOString(),
      expiresAt: now + ttl,
      config: {
        client_name: clientName,
        language,
        country_codes: countryCodes,
        products,
        webhook,
        redirect_uri: redirectUri,
        client_user_id: clientUserId,
        access_token: accessToken,
        hosted_link: hosted
          ? { completion_redirect_uri: completionRedirect, url_lifetime_seconds: lifetime }
          : null,
        days_requested: daysRequested,
      },
      sessions: [],
    };
    state.linkTokens.set(token.link_token, token);
    const origin = `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;
    return {
      link_token: token.link_token,
      expiration: token.expiration,
      ...(hosted
        ? { hosted_link_url: `${origin}/link/hosted?token=${encodeURIComponent(token.link_token)}` }
        : {}),
    };
  });

  plaidRoute(app, state, '/link/token/get', ({ body }) => {
    const linkToken = body.string('link_token');
    body.done();
    const token = state.linkTokens.get(linkToken);
    if (!token)
      throw new PlaidApiError(400, 'INVALID_INPUT', 'INVALID_LINK_TOKEN', 'provided link token is invalid');
    const c = token.config;
    return {
      link_token: token.link_token,
      created_at: token.created_at,
      expiration: token.expiration,
      metadata: {
        initial_products: c.products,
        webhook: c.webhook,
        country_codes: c.country_codes,
        language: c.language,
        redirect_uri: c.redirect_uri,
        client_name: c.client_name,
      },
      link_sessions: token.sessions,
    };
  });
}
