import { ApiError } from '../api/api-error.ts';

/** Says in plain words why signing in or up failed and what to do next. */
export function authErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.status === 429 || error.code === 'RATE_LIMITED') {
    return `Too many attempts from here. Please wait ${waitText(error.retryAfterSeconds)} before trying again.`;
  }
  if (/LOCKED/.test(error.code)) {
    const until = lockedUntil(error.details);
    return `This account is locked for a while after several wrong passwords${until ? `, until ${until}` : ''}. We have emailed the account owner. Try again later or reset your password.`;
  }
  if (error.code === 'MFA_INVALID' || error.code === 'TOTP_INVALID') {
    return 'That code is not right. Check your authenticator app and enter the current 6-digit code.';
  }
  if (error.status === 401 || error.code === 'INVALID_CREDENTIALS') {
    return 'That email and password do not match. Check them and try again.';
  }
  if (error.code === 'CONFLICT' || error.code === 'EMAIL_TAKEN') {
    return 'An account with this email already exists. Sign in instead.';
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

function lockedUntil(details: unknown): string | null {
  if (
    details &&
    typeof details === 'object' &&
    'lockedUntil' in details &&
    typeof details.lockedUntil === 'string'
  ) {
    const date = new Date(details.lockedUntil);
    if (!Number.isNaN(date.getTime()))
      return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  return null;
}

/** The server asks for the second factor when the account has MFA enrolled. */
export function needsMfa(error: unknown): boolean {
  return error instanceof ApiError && /MFA_REQUIRED|TOTP_REQUIRED/.test(error.code);
}
