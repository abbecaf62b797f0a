// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../src/api/contract-types.ts';
import { useSession } from '../src/session/session-context.tsx';
import SettingsPage from '../src/settings/settings-page.tsx';
import { fakeFetch, type RecordedCall } from './fake-api-server.ts';
import { someSettings } from './fixtures.ts';
import { renderWithProviders } from './render-with-providers.tsx';
import { signedInUser } from './signed-in-user.ts';

const user = signedInUser;

/** The API's settings routes: PATCH merges the switches it is sent and answers every switch. */
function settingsServer() {
  let stored: Settings = { ...someSettings, firstRunDone: true };
  return fakeFetch({
    'GET /api/v1/auth/session': { status: 200, body: { user, csrfToken: 'c1', canRefresh: false } },
    'GET /api/v1/auth/csrf': { status: 200, body: { csrfToken: 'c1' } },
    'GET /api/v1/settings': () => ({ status: 200, body: stored }),
    'PATCH /api/v1/settings': (call: RecordedCall) => {
      const patch = call.body as Partial<Settings>;
      stored = {
        ...stored,
        ...patch,
        notificationPrefs: { ...stored.notificationPrefs, ...patch.notificationPrefs },
      };
      return { status: 200, body: stored };
    },
  });
}

/** As behind RequireSession: the page renders once the session is known. */
function SignedIn() {
  return useSession().user ? createElement(SettingsPage) : null;
}

const render = (fetchImpl: typeof fetch) =>
  renderWithProviders({ '/settings': createElement(SignedIn) }, { fetch: fetchImpl, at: '/settings' });

const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

afterEach(cleanup);

describe('settings page', () => {
  it('offers exactly the alerts the API knows, saves them with the schedule, and a reload shows them', async () => {
    const server = settingsServer();
    render(server.fetch);
    await screen.findByLabelText('Weekly report day');
    const alerts = screen.getByRole('group', { name: 'Email me when' });
    expect(alerts.querySelectorAll('input[type=checkbox]')).toHaveLength(9);
    expect(checkbox('A budget reaches 80% or 100% (for budgets with pace alerts on)').checked).toBe(true);
    expect(checkbox('A savings goal falls behind (for goals with alerts on)').checked).toBe(true);
    expect(checkbox('A report is ready').checked).toBe(true);
    expect(checkbox('An account runs low').checked).toBe(false);

    fireEvent.click(checkbox('An account runs low'));
    fireEvent.click(checkbox('A bill looks missed'));
    fireEvent.click(checkbox('Monthly report'));
    fireEvent.change(screen.getByLabelText('Weekly report day'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');

    const [patch] = server.calls.filter((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({
      timezone: 'UTC',
      reportWeekday: 5,
      reportSchedule: { weekly: true, monthly: false },
      notificationPrefs: {
        report_ready: true,
        reauth_required: false,
        sync_failing: false,
        large_transaction: false,
        low_balance: true,
        missed_bill: true,
        budget_pace: true,
        goal_behind: true,
        bill_due: false,
      },
    });

    cleanup();
    render(server.fetch);
    await waitFor(() =>
      expect((screen.getByLabelText('Weekly report day') as HTMLSelectElement).value).toBe('5'),
    );
    expect(checkbox('An account runs low').checked).toBe(true);
    expect(checkbox('A bill looks missed').checked).toBe(true);
    expect(checkbox('Monthly report').checked).toBe(false);
    expect(checkbox('Weekly report').checked).toBe(true);
  });
});

describe('sessions in settings', () => {
  const here = {
    id: '00000000-0000-4000-8000-0000000000a1',
    device: 'Firefox on Linux',
    ip: '127.0.0.1',
    signedInAt: '2026-11-01T10:00:00.000Z',
    lastSeenAt: '2026-11-29T10:00:00.000Z',
    current: true,
  };
  const phone = {
    ...here,
    id: '00000000-0000-4000-8000-0000000000b2',
    device: 'Safari on iOS',
    ip: null,
    current: false,
  };
  const laptop = { ...phone, id: '00000000-0000-4000-8000-0000000000c3', device: null };

  it('lists each session with its device, signs one out, then every other one', async () => {
    let live = [here, phone, laptop];
    const server = fakeFetch({
      'GET /api/v1/auth/session': { status: 200, body: { user, csrfToken: 'c1', canRefresh: false } },
      'GET /api/v1/auth/csrf': { status: 200, body: { csrfToken: 'c1' } },
      'GET /api/v1/settings': { status: 500, body: { error: { code: 'INTERNAL', message: 'x' } } },
      'GET /api/v1/auth/sessions': () => ({ status: 200, body: { sessions: live } }),
      [`DELETE /api/v1/auth/sessions/${phone.id}`]: () => {
        live = live.filter((s) => s.id !== phone.id);
        return { status: 200, body: { revoked: 1 } };
      },
      'POST /api/v1/auth/sessions/sign-out-others': () => {
        live = live.filter((s) => s.current);
        return { status: 200, body: { revoked: 1 } };
      },
    });
    render(server.fetch);
    const list = await screen.findByRole('list', { name: 'Sessions' });
    expect(list.querySelectorAll('li')).toHaveLength(3);
    expect(screen.getByText('Firefox on Linux')).toBeTruthy();
    expect(screen.getByText('(this browser)')).toBeTruthy();
    expect(screen.getByText('Unknown device')).toBeTruthy();
    // The current session has no sign-out button of its own.
    expect(screen.queryByRole('button', { name: 'Sign out Firefox on Linux' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out Safari on iOS' }));
    await waitFor(() => expect(screen.queryByText('Safari on iOS')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    await screen.findByText('Signed out of 1 other session.');
    await waitFor(() => expect(screen.queryByText('Unknown device')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).toBeNull();
    const writes = server.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.url}`);
    expect(writes).toEqual([
      `DELETE /api/v1/auth/sessions/${phone.id}`,
      'POST /api/v1/auth/sessions/sign-out-others',
    ]);
    expect(server.calls.find((c) => c.method === 'DELETE')?.headers['x-csrf-token']).toBe('c1');
  });
});
