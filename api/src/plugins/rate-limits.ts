/** Request budgets of the sensitive routes; tests may lower them. Windows in milliseconds. */
export interface RateLimits {
  loginPerIp: { max: number; windowMs: number };
  signupPerIp: { max: number; windowMs: number };
  signupPerAddress: { max: number; windowMs: number };
  signupConfirmPerIp: { max: number; windowMs: number };
  refreshPerIp: { max: number; windowMs: number };
  passwordPerAccount: { max: number; windowMs: number };
  resetPerIp: { max: number; windowMs: number };
  resetPerAddress: { max: number; windowMs: number };
}

export const defaultRateLimits: RateLimits = {
  loginPerIp: { max: 30, windowMs: 60_000 },
  signupPerIp: { max: 30, windowMs: 3600_000 },
  /** Sign-up emails per address asked about (hashed; the same budget whether the address is registered). */
  signupPerAddress: { max: 3, windowMs: 3600_000 },
  signupConfirmPerIp: { max: 30, windowMs: 60_000 },
  refreshPerIp: { max: 120, windowMs: 60_000 },
  passwordPerAccount: { max: 5, windowMs: 15 * 60_000 },
  /** Password reset emails: per client, and per e-mail address asked about (hashed; same for unknown ones). */
  resetPerIp: { max: 20, windowMs: 3600_000 },
  resetPerAddress: { max: 3, windowMs: 3600_000 },
};
