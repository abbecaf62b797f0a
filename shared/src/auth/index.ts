export { hashToken } from './hash-token.ts';
export {
  isLocked,
  LOCKOUT_MS,
  type LoginFailureState,
  MAX_FAILED_LOGINS,
  registerLoginFailure,
  secondsUntilUnlocked,
} from './login-policy.ts';
export {
  decideRefresh,
  REFRESH_REUSE_GRACE_MS,
  type RefreshDecision,
  type RefreshSessionState,
} from './refresh-decision.ts';
