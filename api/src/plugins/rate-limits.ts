/** Request budgets of the sensitive routes; tests may lower them. Windows in milliseconds. */
export interface RateLimits {
  loginPerIp: { max: number; windowMs: number };
  signupPerIp: { max: number; windowMs: number };
  refreshPerIp: { max: number; windowMs: number };
  passwordPerAccount: { max: number; windowMs: number };
}

export const defaultRateLimits: RateLimits = {
  loginPerIp: { max: 30, windowMs: 60_000 },
  signupPerIp: { max: 30, windowMs: 3600_000 },
  refreshPerIp: { max: 120, windowMs: 60_000 },
  passwordPerAccount: { max: 5, windowMs: 15 * 60_000 },
};
