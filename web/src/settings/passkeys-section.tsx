import { startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { TextField } from '../ui/text-field.tsx';
import { PasskeyTwoStep } from './passkey-two-step.tsx';

const passkeysKey = ['auth', 'passkeys'] as const;

/** Passkeys: sign in without a password, with this device's screen lock or a security key. */
export function PasskeysSection() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const passkeys = useQuery({ queryKey: passkeysKey, queryFn: () => api.auth.passkeys() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: passkeysKey });
  const add = useMutation({
    mutationFn: async () => {
      const optionsJSON = await api.auth.passkeyRegisterOptions();
      const response = await startRegistration({ optionsJSON });
      return api.auth.passkeyRegister({ response, ...(name.trim() ? { name: name.trim() } : {}) });
    },
    onSuccess: () => {
      setName('');
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api.auth.passkeyRemove(id), onSuccess: refresh });
  return (
    <section className="card stack" aria-labelledby="passkeys-h">
      <h2 id="passkeys-h">Passkeys</h2>
      <p>
        Sign in without a password, with this device's screen lock or a security key; or ask for one after
        your password.
      </p>
      {passkeys.error ? <ErrorState error={passkeys.error} what="your passkeys" /> : null}
      {passkeys.data && passkeys.data.passkeys.length > 0 ? (
        <ul className="stack" aria-label="Passkeys">
          {passkeys.data.passkeys.map((p) => (
            <li key={p.id} className="row" style={{ justifyContent: 'space-between' }}>
              <span>
                <strong>{p.name}</strong>{' '}
                <span className="small">
                  added {new Date(p.createdAt).toLocaleDateString()}
                  {p.lastUsedAt ? `, last used ${new Date(p.lastUsedAt).toLocaleDateString()}` : ''}
                </span>
              </span>
              <button type="button" onClick={() => remove.mutate(p.id)} aria-label={`Remove ${p.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {remove.error ? <ErrorState error={remove.error} what="removing the passkey" /> : null}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <TextField
          label="Passkey name"
          hint="For example: work laptop."
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {add.error ? <ErrorState error={add.error} what="adding the passkey" /> : null}
        {add.isSuccess ? <p role="status">Passkey added.</p> : null}
        <div>
          <button type="submit" disabled={add.isPending}>
            Add a passkey
          </button>
        </div>
      </form>
      {passkeys.data ? <PasskeyTwoStep passkeys={passkeys.data.passkeys.length} /> : null}
    </section>
  );
}
