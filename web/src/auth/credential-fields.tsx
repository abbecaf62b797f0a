import { TextField } from '../ui/text-field.tsx';

interface CredentialFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

/** The account's email, as every sign-in, sign-up and reset form asks for it (password managers fill it). */
export function EmailField({ value, onChange, error }: CredentialFieldProps) {
  return (
    <TextField
      label="Email"
      type="email"
      autoComplete="email"
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

/** The password a person has now: to sign in, or to confirm a change to their account. */
export function CurrentPasswordField({
  label = 'Password',
  hint,
  value,
  onChange,
}: CredentialFieldProps & { label?: string; hint?: string }) {
  return (
    <TextField
      label={label}
      type="password"
      autoComplete="current-password"
      hint={hint}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** A password being chosen: at least 12 characters, as the API's Password schema requires. */
export function NewPasswordField({
  label = 'New password',
  hint = 'At least 12 characters.',
  value,
  onChange,
  error,
}: CredentialFieldProps & { label?: string; hint?: string }) {
  return (
    <TextField
      label={label}
      type="password"
      autoComplete="new-password"
      minLength={12}
      hint={hint}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
