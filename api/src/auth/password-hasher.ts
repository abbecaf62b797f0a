import argon2 from 'argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Burns the same time as a real check, so unknown e-mails cannot be told apart by latency. */
  verifyDummy(password: string): Promise<void>;
}

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function createArgon2Hasher(): PasswordHasher {
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => argon2.hash(password, ARGON2_OPTIONS),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        // A malformed stored hash never authenticates.
        return false;
      }
    },
    async verifyDummy(password) {
      dummy ??= argon2.hash('finsync-dummy-password', ARGON2_OPTIONS);
      await argon2.verify(await dummy, password);
    },
  };
}
