/** Consecutive failed logins that lock the account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export interface LoginFailureState {
  failedCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: Pick<LoginFailureState, 'lockedUntil'>, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failure; `justLocked` says this failure crossed the threshold. */
export function registerLoginFailure(
  state: LoginFailureState,
  now: Date,
): LoginFailureState & { justLocked: boolean } {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil && !isLocked(state, now) ? 0 : state.failedCount;
  const failedCount = previous + 1;
  if (failedCount >= MAX_FAILED_LOGINS && !isLocked(state, now)) {
    return { failedCount, lockedUntil: new Date(now.getTime() + LOCKOUT_MS), justLocked: true };
  }
  return { failedCount, lockedUntil: state.lockedUntil, justLocked: false };
}

/** Whole seconds until the lock ends (for Retry-After), at least 1. */
export function secondsUntilUnlocked(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
}
