import { startAuthentication } from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { CurrentPasswordField } from '../auth/credential-fields.tsx';
import { passkeyCancelled } from '../auth/use-auth-action.ts';
import { sessionKey, useUser } from '../session/session-context.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { AccountUsername } from './account-username.tsx';
import { RecoveryCodesNotice } from './recovery-codes-notice.tsx';

/**
 * "Require a passkey after my password": two-step sign-in with a passkey as the second factor. Turning it on or
 * off takes the password and the passkey itself, so a signed-in browser left open cannot change it.
 */
export function PasskeyTwoStep({ passkeys }: { passkeys: number }) {
  const api = useApi();
  const user = useUser();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const on = user.passkeyTwoStep;
  /** Each action is proved by the password and the passkey; answers what to say and any new recovery codes. */
  const toggle = useMutation({
    mutationFn: async (action: 'on' | 'off' | 'codes') => {
      const passkey = await startAuthentication({ optionsJSON: await api.auth.passkeyLoginOptions() });
      const proof = { password, passkey };
      if (action === 'off') {
        await api.auth.mfaPasskeyDisable(proof);
        return { said: 'Your password alone signs you in again.', codes: [] };
      }
      if (action === 'codes')
        return {
          said: 'New recovery codes made.',
          codes: (await api.auth.mfaPasskeyRecoveryCodes(proof)).recoveryCodes,
        };
      return {
        said: 'A passkey is now asked for after your password.',
        codes: (await api.auth.mfaPasskeyEnable(proof)).recoveryCodes,
      };
    },
    onSuccess: ({ codes }) => {
      setPassword('');
      setRecoveryCodes(codes.length > 0 ? codes : null);
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
  const cancelled = toggle.error ? passkeyCancelled(toggle.error, 'try again') : null;
  return (
    <div className="stack">
      <h3>Require a passkey after my password</h3>
      <p>
        Status: <strong>{on ? 'on' : 'off'}</strong>.{' '}
        {on
          ? 'Signing in with your password also asks for one of your passkeys.'
          : 'With it on, your password alone no longer signs you in: a passkey is asked for after it.'}
      </p>
      {passkeys === 0 && !on ? (
        <p className="small">Add a passkey first.</p>
      ) : (
        <form
          className="stack"
          aria-label="Require a passkey after my password"
          onSubmit={(e) => {
            e.preventDefault();
            toggle.mutate(on ? 'off' : 'on');
          }}
        >
          <AccountUsername />
          <CurrentPasswordField
            label="Password for this change"
            hint="Then confirm with your passkey."
            value={password}
            onChange={setPassword}
          />
          {cancelled ? (
            <div className="alert error" role="alert">
              {cancelled}
            </div>
          ) : toggle.error ? (
            <ErrorState error={toggle.error} what="two-step sign-in with a passkey" />
          ) : null}
          <div className="row">
            {on ? (
              <button
                type="button"
                disabled={toggle.isPending}
                onClick={(e) => {
                  if (e.currentTarget.form?.reportValidity()) toggle.mutate('codes');
                }}
              >
                New recovery codes
              </button>
            ) : null}
            <button type="submit" className={on ? 'danger' : 'primary'} disabled={toggle.isPending}>
              {on ? 'Stop requiring a passkey' : 'Require a passkey after my password'}
            </button>
          </div>
        </form>
      )}
      {toggle.data ? <p role="status">{toggle.data.said}</p> : null}
      {recoveryCodes ? <RecoveryCodesNotice codes={recoveryCodes} standsInFor="your passkeys" /> : null}
    </div>
  );
}
