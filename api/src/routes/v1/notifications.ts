import { ErrorBody, Unsubscribed, UnsubscribeQuery } from '@finsync/shared/contract';
import { verifyLinkToken } from '@finsync/shared/reports';
import { settingsRepository } from '@finsync/shared/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';

/**
 * One-click unsubscribe, signed out on purpose (bulk-email rules expect it): the link's signed token names
 * the user and the kind of email, and proves the link came from finsync. The same URL answers the mail
 * client's RFC 8058 POST (`List-Unsubscribe=One-Click`, form-encoded) and the app's unsubscribe page.
 */
export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Mail clients post `List-Unsubscribe=One-Click` form-encoded; everything needed is in the query.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, undefined),
    );

    app.post(
      '/notifications/unsubscribe',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Stop one kind of email, from its one-click unsubscribe link (no sign-in needed)',
          querystring: UnsubscribeQuery,
          response: { 200: Unsubscribed, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { u: userId, kind, t: token } = request.query;
        verifyLinkToken(
          token,
          { purpose: 'unsubscribe', userId, subject: kind },
          ctx.config.REPORT_LINK_SECRET,
          ctx.clock(),
        );
        // A valid token for a deleted account has nothing left to change: still "unsubscribed".
        await settingsRepository.update(
          ctx.db,
          userId,
          { notificationPrefs: { [kind]: false } },
          ctx.clock(),
        );
        request.log.info({ kind }, 'unsubscribed from emails by link');
        return { kind, unsubscribed: true as const };
      },
    );
  };
}
