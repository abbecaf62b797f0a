import { useUser } from '../session/session-context.tsx';

/**
 * The signed-in address, hidden, in every password form: password managers then know whose password it is, and
 * Chromium stops warning that the form has no username field.
 */
export function AccountUsername() {
  const user = useUser();
  return <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />;
}
