import { describe, expect, it } from 'vitest';
import { acceptsFactor, twoStepOf } from './second-factors.ts';

const none = { totp: false, passkeyRequired: false, passkeys: 0, recoveryCodes: 0 };

describe('twoStepOf', () => {
  it.each([
    ['nothing enrolled', none, { required: false }],
    ['a passkey kept for passwordless sign-in only', { ...none, passkeys: 1 }, { required: false }],
    [
      'a passkey chosen as the second step',
      { ...none, passkeys: 2, passkeyRequired: true, recoveryCodes: 10 },
      { required: true, factors: ['passkey', 'recovery_code'] },
    ],
    ['TOTP alone', { ...none, totp: true }, { required: true, factors: ['totp'] }],
    [
      'TOTP with a passkey (the passkey stands in for the code)',
      { ...none, totp: true, passkeys: 1, recoveryCodes: 3 },
      { required: true, factors: ['passkey', 'totp', 'recovery_code'] },
    ],
    [
      'a chosen passkey that is gone asks for nothing it cannot get',
      { ...none, passkeyRequired: true },
      { required: false },
    ],
  ])('%s', (_name, state, expected) => {
    expect(twoStepOf(state)).toEqual(expected);
  });

  it('accepts only the factors it offers', () => {
    const passkeyOnly = twoStepOf({ ...none, passkeys: 1, passkeyRequired: true });
    expect(acceptsFactor(passkeyOnly, 'passkey')).toBe(true);
    expect(acceptsFactor(passkeyOnly, 'totp')).toBe(false);
    expect(acceptsFactor(passkeyOnly, 'recovery_code')).toBe(false);
    expect(acceptsFactor(twoStepOf(none), 'passkey')).toBe(false);
  });
});
