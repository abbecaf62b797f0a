import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error.ts';
import { authErrorMessage, needsMfa } from '../src/auth/auth-error-message.ts';
import { safeNext } from '../src/auth/safe-next.ts';

describe('sign-in messages', () => {
  it('tells a locked-out user for how long, in plain words', () => {
    const error = new ApiError(429, 'ACCOUNT_LOCKED', 'locked', { retryAfterSeconds: 900 }, 900);
    expect(authErrorMessage(error)).toBe(
      'This account is locked for 15 minutes after several wrong passwords. We have let the account owner know by email. Please try again later.',
    );
  });

  it('tells a rate-limited user how long to wait', () => {
    expect(authErrorMessage(new ApiError(429, 'RATE_LIMITED', 'x', undefined, 30))).toMatch(
      /wait 30 seconds/,
    );
    expect(authErrorMessage(new ApiError(429, 'RATE_LIMITED', 'x'))).toMatch(/wait a minute/);
  });

  it('does not say which of email or password was wrong', () => {
    expect(authErrorMessage(new ApiError(401, 'UNAUTHENTICATED', 'invalid e-mail or password'))).toBe(
      'That email and password do not match. Check them and try again.',
    );
  });

  it('speaks of the code on the MFA step', () => {
    expect(authErrorMessage(new ApiError(401, 'UNAUTHENTICATED', 'x'), true)).toMatch(/code is not right/);
    expect(needsMfa(new ApiError(401, 'MFA_REQUIRED', 'x'))).toBe(true);
    expect(needsMfa(new ApiError(401, 'UNAUTHENTICATED', 'x'))).toBe(false);
  });

  it('follows only same-site paths after sign-in', () => {
    expect(safeNext('/reports/abc?x=1')).toBe('/reports/abc?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
