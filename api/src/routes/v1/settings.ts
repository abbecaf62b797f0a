import { DomainError } from '@finsync/shared';
import { Settings, SettingsPatch } from '@finsync/shared/contract';
import { settingsRepository } from '@finsync/shared/users';
import { isKnownTimeZone } from './known-time-zone.ts';
import { userRoutes } from './user-routes.ts';

/** No settings: the account was deleted while its session lived. */
function present<T>(settings: T | undefined): T {
  if (!settings) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
  return settings;
}

/** The user's time zone, report schedule and notification preferences. */
export const settingsRoutes = userRoutes(({ inTransaction }, ctx) => {
  inTransaction('GET /settings', { response: Settings }, async (trx, { userId }) =>
    present(await settingsRepository.get(trx, userId)),
  );
  inTransaction(
    'PATCH /settings',
    {
      summary: 'Time zone, report schedule and notification preferences',
      body: SettingsPatch,
      response: Settings,
    },
    async (trx, { userId, body }) => {
      if (body.timezone && !isKnownTimeZone(body.timezone)) {
        throw new DomainError('VALIDATION_FAILED', 'unknown time zone', [
          { path: 'body.timezone', message: 'unknown time zone' },
        ]);
      }
      return present(await settingsRepository.update(trx, userId, body, ctx.clock()));
    },
  );
});
