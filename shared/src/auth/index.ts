export { hashToken } from './hash-token.ts';
export {
  backoffMs,
  FAILURE_MEMORY_MS,
  type FailureCount,
  FREE_FAILURES,
  MAX_BACKOFF_MS,
  secondsUntilAllowed,
} from './login-policy.ts';
export {
  decideRefresh,
  REFRESH_REUSE_GRACE_MS,
  type RefreshDecision,
  type RefreshSessionState,
} from './refresh-decision.ts';
export {
  acceptsFactor,
  type SecondFactor,
  type SecondFactorState,
  type TwoStep,
  twoStepOf,
} from './second-factors.ts';
export {
  SIGNUP_LINK_TTL_MS,
  type SignupLinkSubject,
  signupLinkInvalid,
  signupLinkToken,
  signupTokenHash,
  verifySignupLinkToken,
} from './signup-link.ts';
