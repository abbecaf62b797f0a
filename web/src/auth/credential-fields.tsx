import type { ComponentProps } from 'react';
import { TextField } from '../ui/text-field.tsx';

interface CredentialFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

type PasswordFieldProps = CredentialFieldProps & { label?: string; hint?: string };

/** The account's email, as every sign-in, sign-up and reset form asks for it (password managers fill it). */
export function EmailField(props: CredentialFieldProps) {
  return <CredentialInput label="Email" type="email" autoComplete="email" {...props} />;
}

/** The password a person has now: to sign in, or to confirm a change to their account. */
export function CurrentPasswordField({ label = 'Password', ...props }: PasswordFieldProps) {
  return <CredentialInput label={label} type="password" autoComplete="current-password" {...props} />;
}

/** A password being chosen: at least 12 characters, as the API's Password schema requires. */
export function NewPasswordField({
  label = 'New password',
  hint = 'At least 12 characters.',
  ...props
}: PasswordFieldProps) {
  return (
    <CredentialInput
      label={label}
      hint={hint}
      type="password"
      autoComplete="new-password"
      minLength={12}
      {...props}
    />
  );
}

/** A required text input whose change hands over the typed value. */
function CredentialInput({
  onChange,
  ...field
}: Omit<ComponentProps<typeof TextField>, 'value' | 'onChange'> & CredentialFieldProps) {
  return <TextField required {...field} onChange={(e) => onChange(e.target.value)} />;
}
