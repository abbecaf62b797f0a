import type { Ref } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { SecondFactor } from '../api/contract-types.ts';
import { TextField } from '../ui/text-field.tsx';

const FACTORS: readonly SecondFactor[] = ['totp', 'passkey', 'recovery_code'];

/**
 * The second factors a 401 MFA_REQUIRED offers (its `details.factors`), or null for any other failure. An
 * answer without them (an older server) offers what two-step sign-in always took: a code, a passkey or a
 * recovery code.
 */
export function secondStepOf(error: unknown): SecondFactor[] | null {
  if (!(error instanceof ApiError) || error.code !== 'MFA_REQUIRED') return null;
  const factors = (error.details as { factors?: unknown } | null | undefined)?.factors;
  if (!Array.isArray(factors)) return [...FACTORS];
  const known = FACTORS.filter((f) => factors.includes(f));
  return known.length > 0 ? known : [...FACTORS];
}

/** The request field the second step's typed code goes in: a 6-digit TOTP code, else a recovery code. */
export function typedCodeProof(code: string): { totp: string } | { recoveryCode: string } {
  const trimmed = code.trim();
  return /^\d{6}$/.test(trimmed) ? { totp: trimmed } : { recoveryCode: trimmed };
}

/** Whether the second step has a field to type into (a TOTP code or a recovery code). */
export const takesTypedCode = (factors: readonly SecondFactor[]) =>
  factors.includes('totp') || factors.includes('recovery_code');

/** The second step's code field, labelled for what this account has: an authenticator app, recovery codes. */
export function SecondStepCodeField(props: {
  factors: readonly SecondFactor[];
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}) {
  const totp = props.factors.includes('totp');
  return (
    <TextField
      ref={props.ref}
      label={totp ? 'Authentication code' : 'Recovery code'}
      hint={
        totp
          ? 'The 6-digit code from your authenticator app, or one of your recovery codes.'
          : "Can't use your passkey? Enter one of the recovery codes you saved."
      }
      autoComplete="one-time-code"
      maxLength={11}
      required
      value={props.value}
      onChange={(e) => props.onChange(e.target.value.trim())}
    />
  );
}
