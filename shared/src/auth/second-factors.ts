/** What can complete a password sign-in when two-step sign-in is on. */
export type SecondFactor = 'totp' | 'passkey' | 'recovery_code';

/** The second-factor state of an account, as stored. */
export interface SecondFactorState {
  /** TOTP is enrolled and verified. */
  totp: boolean;
  /** The user chose "require a passkey after my password" (stored only while they have a passkey). */
  passkeyRequired: boolean;
  /** How many passkeys the account has. */
  passkeys: number;
  /** How many unused recovery codes are left. */
  recoveryCodes: number;
}

/**
 * Two-step sign-in is on when any second factor is enrolled and chosen: TOTP (turned on by verifying a code), or
 * a passkey the user asked for. Off, the password alone signs in; on, one of `factors` must follow it.
 */
export type TwoStep =
  | { required: false }
  | { required: true; factors: readonly [SecondFactor, ...SecondFactor[]] };

export function twoStepOf(state: SecondFactorState): TwoStep {
  const totp = state.totp;
  // With TOTP on, any passkey of the account stands in for the code too, as before passkeys could be chosen.
  const passkey = state.passkeys > 0 && (state.passkeyRequired || totp);
  if (!totp && !passkey) return { required: false };
  const factors: SecondFactor[] = [];
  if (passkey) factors.push('passkey');
  if (totp) factors.push('totp');
  if (state.recoveryCodes > 0) factors.push('recovery_code');
  return { required: true, factors: factors as [SecondFactor, ...SecondFactor[]] };
}

/** Whether `factor` may complete a sign-in of an account in this two-step state. */
export function acceptsFactor(twoStep: TwoStep, factor: SecondFactor): boolean {
  return twoStep.required && twoStep.factors.includes(factor);
}
