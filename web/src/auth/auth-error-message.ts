import { ApiError } from '../api/api-error.ts';

/** Says in plain words why signing in or up failed and what to do next. */
export function authErrorMessage(error: unknown, mfaStep = false): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (/LOCKED/.test(error.code)) {
    return `This account is locked for ${waitText(error.retryAfterSeconds)} after several wrong passwords. We have let the account owner know by email. Please try again later.`;
  }
  if (error.status === 429 || error.code === 'RATE_LIMITED') {
    return `Too many attempts from here. Please wait ${waitText(error.retryAfterSeconds)} before trying again.`;
  }
  if (error.status === 401) {
    return mfaStep
      ? 'That code is not right. Check your authenticator app and enter the current 6-digit code.'
      : 'That email and password do not match. Check them and try again.';
  }
  if (error.code === 'NETWORK_ERROR') return error.message;
  if (error.status >= 500) return 'finsync had a problem on its side. Please try again in a moment.';
  return error.message;
}

function waitText(seconds: number | null): string {
  if (seconds === null) return 'a minute';
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The server asks for the second factor when the account has MFA enrolled. */
export function needsMfa(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'MFA_REQUIRED';
}
