import { commonEnv, type Env, parseEnv } from '@finsync/shared/config';
import { z } from 'zod';

/** The prototype's environment: the Plaid settings it shares with the apps, plus where it keeps its file. */
export const prototypeEnv = commonEnv
  .pick({
    PLAID_ENV: true,
    PLAID_CLIENT_ID: true,
    PLAID_SECRET: true,
    PLAID_EMULATOR_URL: true,
    PLAID_TIMEOUT_MS: true,
    TOKEN_ENCRYPTION_KEYS: true,
    TOKEN_ENCRYPTION_ACTIVE_KID: true,
  })
  .extend({
    PROTOTYPE_DATA_DIR: z.string().default('.data/prototype'),
    PROTOTYPE_PORT: z.coerce.number().int().min(0).max(65535).default(5174),
    PROTOTYPE_TIMEZONE: z
      .string()
      .refine((tz) => isTimeZone(tz), { message: 'expected an IANA time zone such as Europe/Berlin' })
      .default(Intl.DateTimeFormat().resolvedOptions().timeZone),
  });

export type PrototypeConfig = z.output<typeof prototypeEnv>;

export const loadPrototypeConfig = (env: Env): Readonly<PrototypeConfig> => parseEnv(prototypeEnv, env);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
