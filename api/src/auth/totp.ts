import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) as authenticator apps expect; one step of clock drift either way. */
export const totp = {
  newSecret: (): string => generateSecret(),

  uri: (secret: string, account: string): string =>
    generateURI({ issuer: 'finsync', label: account, secret }),

  /** The matching time step, or null. Steps at or before `afterStep` are refused (a code works once). */
  async check(secret: string, code: string, now: Date, afterStep: number | null): Promise<number | null> {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: 30,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  },
};
