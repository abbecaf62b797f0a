import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { NotificationKey, Settings } from '../api/contract-types.ts';
import NotFoundPage from '../app/not-found-page.tsx';
import { CurrentPasswordField, NewPasswordField } from '../auth/credential-fields.tsx';
import { sessionKey, useSession, useUser } from '../session/session-context.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { TextField } from '../ui/text-field.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AccountUsername } from './account-username.tsx';
import { PasskeysSection } from './passkeys-section.tsx';
import { RecoveryCodesNotice } from './recovery-codes-notice.tsx';
import { SessionsSection } from './sessions-section.tsx';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** One switch per email the worker sends (the API's NOTIFICATION_KEYS), in this order. */
export const notificationLabels: Record<NotificationKey, string> = {
  report_ready: 'A report is ready',
  reauth_required: 'A bank needs me to sign in again',
  sync_failing: 'A bank keeps failing to sync',
  large_transaction: 'Large transactions',
  low_balance: 'An account runs low',
  missed_bill: 'A bill looks missed',
  budget_pace: 'A budget reaches 80% or 100% (for budgets with pace alerts on)',
  goal_behind: 'A savings goal falls behind (for goals with alerts on)',
  bill_due: 'A bill is due in the next 3 days',
};

/** The sections an address may open at (/settings/notifications from emails): the id of their card. */
const SECTIONS: Record<string, string> = { notifications: 'notifications', security: 'security' };

export default function SettingsPage() {
  useDocumentTitle('Settings');
  const { section } = useParams();
  useEffect(() => {
    const id = section ? SECTIONS[section] : undefined;
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, [section]);
  if (section && !SECTIONS[section]) return <NotFoundPage />;
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>Settings</h1>
      <PreferencesSection />
      <PasswordSection />
      <MfaSection />
      <PasskeysSection />
      <SessionsSection />
      <ExportSection />
      <DeleteSection />
    </div>
  );
}

function PreferencesSection() {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.settings.get() });
  const [draft, setDraft] = useState<Settings | null>(null);
  const current = draft ?? settings.data ?? null;
  const save = useMutation({
    mutationFn: (s: Settings) =>
      api.settings.update({
        timezone: s.timezone,
        reportWeekday: s.reportWeekday,
        reportSchedule: s.reportSchedule,
        notificationPrefs: s.notificationPrefs,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      void queryClient.invalidateQueries({ queryKey: sessionKey });
      setDraft(null);
    },
  });
  const zones = Intl.supportedValuesOf('timeZone');
  return (
    <section className="card stack" aria-labelledby="prefs-h" id="notifications">
      <h2 id="prefs-h">Time zone, reports and notifications</h2>
      {settings.error ? (
        <ErrorState error={settings.error} what="your settings" onRetry={() => settings.refetch()} />
      ) : null}
      {!current && !settings.error ? <Skeleton height={320} label="Loading settings" /> : null}
      {current ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(current);
          }}
        >
          <div className="field">
            <label htmlFor="tz">Time zone</label>
            <select
              id="tz"
              value={current.timezone}
              onChange={(e) => setDraft({ ...current, timezone: e.target.value })}
            >
              {(zones.includes(current.timezone) ? zones : [current.timezone, ...zones]).map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            <span className="field-hint">Days and weeks in reports follow this zone.</span>
          </div>
          <fieldset className="stack">
            <legend>Report schedule</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={current.reportSchedule.weekly}
                onChange={(e) =>
                  setDraft({
                    ...current,
                    reportSchedule: { ...current.reportSchedule, weekly: e.target.checked },
                  })
                }
              />
              Weekly report
            </label>
            <div className="field">
              <label htmlFor="weekday">Weekly report day</label>
              <select
                id="weekday"
                value={current.reportWeekday}
                onChange={(e) => setDraft({ ...current, reportWeekday: Number(e.target.value) })}
              >
                {weekdays.map((d, i) => (
                  <option key={d} value={i}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={current.reportSchedule.monthly}
                onChange={(e) =>
                  setDraft({
                    ...current,
                    reportSchedule: { ...current.reportSchedule, monthly: e.target.checked },
                  })
                }
              />
              Monthly report
            </label>
          </fieldset>
          <fieldset className="stack">
            <legend>Email me when</legend>
            {(Object.keys(notificationLabels) as NotificationKey[]).map((key) => (
              <label key={key} className="check">
                <input
                  type="checkbox"
                  checked={current.notificationPrefs[key]}
                  onChange={(e) =>
                    setDraft({
                      ...current,
                      notificationPrefs: { ...current.notificationPrefs, [key]: e.target.checked },
                    })
                  }
                />
                {notificationLabels[key]}
              </label>
            ))}
          </fieldset>
          {save.error ? <ErrorState error={save.error} what="your settings" /> : null}
          {save.isSuccess && !draft ? <p role="status">Saved.</p> : null}
          <div>
            <button type="submit" className="primary" disabled={!draft || save.isPending}>
              Save settings
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function PasswordSection() {
  const api = useApi();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [revokeTokens, setRevokeTokens] = useState(true);
  const change = useMutation({
    mutationFn: () => api.auth.changePassword({ currentPassword, newPassword, revokeTokens }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
    },
  });
  return (
    <section className="card stack" aria-labelledby="pw-h" id="security">
      <h2 id="pw-h">Password</h2>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <AccountUsername />
        <CurrentPasswordField label="Current password" value={currentPassword} onChange={setCurrent} />
        <NewPasswordField value={newPassword} onChange={setNew} />
        <label className="check">
          <input type="checkbox" checked={revokeTokens} onChange={(e) => setRevokeTokens(e.target.checked)} />
          Also revoke every personal access token (scripts using them stop working)
        </label>
        {change.error ? <ErrorState error={change.error} what="the password change" /> : null}
        {change.isSuccess ? (
          <p role="status">Password changed. Other devices will need to sign in again.</p>
        ) : null}
        <div>
          <button type="submit" className="primary" disabled={change.isPending}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}

function MfaSection() {
  const api = useApi();
  const user = useUser();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const enrol = useMutation({ mutationFn: () => api.auth.mfaEnrol() });
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const verify = useMutation({
    mutationFn: () => api.auth.mfaVerify(code),
    onSuccess: (result) => {
      setCode('');
      setRecoveryCodes(result.recoveryCodes);
      enrol.reset();
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
  const disable = useMutation({
    mutationFn: () => api.auth.mfaDisable(password, code),
    onSuccess: () => {
      setCode('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
  const replaceCodes = useMutation({
    mutationFn: () => api.auth.replaceRecoveryCodes(password, code),
    onSuccess: (result) => {
      setCode('');
      setPassword('');
      setRecoveryCodes(result.recoveryCodes);
    },
  });
  return (
    <section className="card stack" aria-labelledby="mfa-h">
      <h2 id="mfa-h">Two-step sign-in</h2>
      <p>
        Authenticator app: <strong>{user.mfaEnabled ? 'on' : 'off'}</strong>. With it on, signing in also asks
        for a code from an authenticator app. A passkey can be asked for instead or as well (under Passkeys).
      </p>
      {!user.mfaEnabled && !enrol.data ? (
        <div>
          <button type="button" onClick={() => enrol.mutate()} disabled={enrol.isPending}>
            Turn on two-step sign-in
          </button>
        </div>
      ) : null}
      {enrol.data ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            verify.mutate();
          }}
        >
          <p>
            Add finsync to your authenticator app with this key, then enter the code it shows:{' '}
            <code style={{ wordBreak: 'break-all' }}>{enrol.data.secret}</code>
          </p>
          <p className="small">
            <a href={enrol.data.otpauthUri}>Open in an authenticator app on this device</a>
          </p>
          <TextField
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            required
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
          />
          {verify.error ? <ErrorState error={verify.error} what="the code check" /> : null}
          <div>
            <button type="submit" className="primary" disabled={verify.isPending}>
              Verify and turn on
            </button>
          </div>
        </form>
      ) : null}
      {user.mfaEnabled ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            disable.mutate();
          }}
        >
          <AccountUsername />
          <CurrentPasswordField value={password} onChange={setPassword} />
          <TextField
            label="Current 6-digit code"
            inputMode="numeric"
            pattern="\d{6}"
            required
            value={code}
            onChange={(e) => setCode(e.target.value.trim())}
          />
          {disable.error ? <ErrorState error={disable.error} what="turning off two-step sign-in" /> : null}
          {replaceCodes.error ? (
            <ErrorState error={replaceCodes.error} what="making new recovery codes" />
          ) : null}
          <div className="row">
            <button
              type="button"
              disabled={replaceCodes.isPending}
              onClick={(e) => {
                if (e.currentTarget.form?.reportValidity()) replaceCodes.mutate();
              }}
            >
              New recovery codes
            </button>
            <button type="submit" className="danger" disabled={disable.isPending}>
              Turn off two-step sign-in
            </button>
          </div>
        </form>
      ) : null}
      {recoveryCodes ? <RecoveryCodesNotice codes={recoveryCodes} standsInFor="your authenticator" /> : null}
      {enrol.error ? <ErrorState error={enrol.error} what="two-step sign-in" /> : null}
    </section>
  );
}

function ExportSection() {
  const api = useApi();
  const exportData = useMutation({
    mutationFn: async (format: 'csv' | 'json') => {
      const { blob, filename } = await api.exportData(format);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename ?? `finsync-export.${format}`;
      a.click();
      URL.revokeObjectURL(url);
    },
  });
  return (
    <section className="card stack" aria-labelledby="export-h">
      <h2 id="export-h">Export my data</h2>
      <p>Download everything finsync holds about you: accounts, transactions, categories and settings.</p>
      <div className="row">
        <button type="button" onClick={() => exportData.mutate('csv')} disabled={exportData.isPending}>
          Download CSV
        </button>
        <button type="button" onClick={() => exportData.mutate('json')} disabled={exportData.isPending}>
          Download JSON
        </button>
      </div>
      {exportData.error ? <ErrorState error={exportData.error} what="the export" /> : null}
    </section>
  );
}

function DeleteSection() {
  const api = useApi();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const remove = useMutation({
    mutationFn: () => api.auth.deleteAccount({ password, confirm: 'DELETE' }),
    onSuccess: async () => {
      await signOut().catch(() => undefined);
      navigate('/sign-up');
    },
  });
  return (
    <section className="card stack" aria-labelledby="delete-h">
      <h2 id="delete-h">Delete my account</h2>
      <p>
        This removes your bank connections at Plaid and deletes all your data from finsync. It cannot be
        undone; export your data first if you want a copy.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate();
        }}
      >
        <AccountUsername />
        <CurrentPasswordField value={password} onChange={setPassword} />
        <TextField
          label='Type "DELETE" to confirm'
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        {remove.error ? <ErrorState error={remove.error} what="the deletion" /> : null}
        <div>
          <button type="submit" className="danger" disabled={confirm !== 'DELETE' || remove.isPending}>
            Delete my account and data
          </button>
        </div>
      </form>
    </section>
  );
}
