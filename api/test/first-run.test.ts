import { Settings } from '@finsync/shared/contract';
import { describe, expect, it } from 'vitest';
import { aliceAndBob } from './support/test-app.ts';

/*
 * The guided first run after sign-up is shown once: the user's settings say whether it is done (finished or
 * skipped), on every device; marking it done cannot be undone, and one user's first run is not another's.
 */
describe('first run, shown once', () => {
  const u = aliceAndBob();

  it('is not done for a new user, and once done (with the report schedule chosen) stays done', async () => {
    expect(Settings.parse(await u.alice.api('GET', '/settings')).firstRunDone).toBe(false);
    const done = Settings.parse(
      await u.alice.api('PATCH', '/settings', {
        reportSchedule: { weekly: false, monthly: true },
        firstRunDone: true,
      }),
    );
    expect(done).toMatchObject({ firstRunDone: true, reportSchedule: { weekly: false, monthly: true } });
    expect(Settings.parse(await u.alice.api('GET', '/settings')).firstRunDone).toBe(true);
    expect(Settings.parse(await u.bob.api('GET', '/settings')).firstRunDone).toBe(false);
  });

  it.each([false, 'yes', null])('firstRunDone: %s is a 400 naming the field', async (value) => {
    const res = await u.bob.call('PATCH', '/api/v1/settings', { firstRunDone: value });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.firstRunDone');
    expect(Settings.parse(await u.bob.api('GET', '/settings')).firstRunDone).toBe(false);
  });
});
