import { z } from 'zod';

const nodeEnv = z.enum(['development', 'test', 'production']).default('development');

const url = (what: string) => z.url({ message: `expected a URL (${what})` });

/** `kid:base64key,kid2:base64key2` — 32-byte AES-256 keys, versioned by key id. */
const encryptionKeys = z.string().transform((value, ctx) => {
  const keys = new Map<string, Buffer>();
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [kid, b64] = part.split(':');
    const key = b64 ? Buffer.from(b64, 'base64') : undefined;
    if (!kid || !/^[A-Za-z0-9_-]{1,32}$/.test(kid) || !key || key.length !== 32) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected kid:base64 entries with 32-byte keys, comma separated',
      });
      return z.NEVER;
    }
    keys.set(kid, key);
  }
  if (keys.size === 0) {
    ctx.addIssue({ code: 'custom', message: 'expected at least one kid:base64 key' });
    return z.NEVER;
  }
  return keys;
});

// Development-only defaults: production refuses to start with them (see refineProduction).
export const DEV_TOKEN_KEYS = 'dev1:ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=';
export const DEV_JWT_SECRET = 'development-only-jwt-secret-change-me-0123456789';
export const DEV_REPORT_LINK_SECRET = 'development-only-report-link-secret-0123456789';

export const commonEnv = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url('postgres://user:pass@host:5432/db?sslmode=require').optional(),
  DATABASE_CA_CERT: z.string().optional().describe('path to a PEM CA bundle for verify-full'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PGLITE_DIR: z.string().default('.data/pglite'),
  REDIS_URL: url('redis://[:password@]host:6379 or rediss://').optional(),
  REDIS_PREFIX: z.string().default('finsync'),
  PLAID_ENV: z.enum(['emulator', 'sandbox', 'production']).default('emulator'),
  PLAID_CLIENT_ID: z.string().default('finsync-emulator-client'),
  PLAID_SECRET: z.string().default('finsync-emulator-secret'),
  PLAID_EMULATOR_URL: url('the emulator base URL').default('http://127.0.0.1:4010'),
  PLAID_WEBHOOK_URL: url('public URL of POST /api/v1/webhooks/plaid').optional(),
  PLAID_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Plaid's limits, shared by every worker through Redis (in memory without REDIS_URL). */
  PLAID_RATE_LIMIT_CLIENT: z.coerce.number().int().min(2).max(1_000_000).default(2_500),
  PLAID_RATE_LIMIT_ITEM_SYNC: z.coerce.number().int().min(2).max(10_000).default(50),
  PLAID_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  TOKEN_ENCRYPTION_KEYS: encryptionKeys.default(
    new Map([['dev1', Buffer.from(DEV_TOKEN_KEYS.split(':')[1]!, 'base64')]]),
  ),
  TOKEN_ENCRYPTION_ACTIVE_KID: z.string().optional(),
  SENDGRID_API_KEY: z.string().default('SG.emulator-key'),
  SENDGRID_BASE_URL: url('SendGrid API base').optional(),
  MAIL_FROM: z.email().default('reports@finsync.local'),
  APP_URL: url('where users open the web app').default('http://127.0.0.1:5173'),
  REPORT_LINK_SECRET: z.string().min(32, 'expected at least 32 characters').default(DEV_REPORT_LINK_SECRET),
  REPORT_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  REPORT_LOCAL_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  SYNC_INTERVAL_HOURS: z.coerce.number().min(1).max(168).default(6),
  CATEGORIZE_AUTO_APPLY_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.6),
  CATEGORIZE_SUGGEST_RULE_AFTER: z.coerce.number().int().min(1).max(20).default(2),
});

export const apiEnv = commonEnv.extend({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  JWT_SECRET: z.string().min(32, 'expected at least 32 characters').default(DEV_JWT_SECRET),
  JWT_ISSUER: z.string().default('finsync'),
  JWT_AUDIENCE: z.string().default('finsync-web'),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  /**
   * Where the browser loads Plaid Link's script. Default: Plaid's own (sandbox, production — Plaid requires
   * it be loaded from there), or the emulator's stand-in under PLAID_EMULATOR_URL (offline).
   */
  PLAID_LINK_SCRIPT_URL: url("Plaid Link's link-initialize.js as the browser reaches it").optional(),
});

export const workerEnv = commonEnv.extend({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
});

export const emulatorEnv = z.object({
  EMULATOR_HOST: z.string().default('127.0.0.1'),
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  EMULATOR_SEED: z.coerce.number().int().default(42),
  EMULATOR_CLIENT_ID: z.string().default('finsync-emulator-client'),
  EMULATOR_SECRET: z.string().default('finsync-emulator-secret'),
  EMULATOR_STATE_FILE: z.string().optional().describe('JSON file keeping the emulator state across restarts'),
});

type WithSecrets = {
  NODE_ENV: 'development' | 'test' | 'production';
  TOKEN_ENCRYPTION_KEYS: Map<string, Buffer>;
  TOKEN_ENCRYPTION_ACTIVE_KID?: string | undefined;
  PLAID_ENV: string;
  PLAID_CLIENT_ID: string;
  PLAID_SECRET: string;
  JWT_SECRET?: string;
  REPORT_LINK_SECRET?: string;
  DATABASE_URL?: string | undefined;
};

/** Production refuses development defaults and embedded storage. */
export function refineProduction(cfg: WithSecrets, ctx: z.RefinementCtx): void {
  if (cfg.TOKEN_ENCRYPTION_ACTIVE_KID && !cfg.TOKEN_ENCRYPTION_KEYS.has(cfg.TOKEN_ENCRYPTION_ACTIVE_KID)) {
    ctx.addIssue({
      code: 'custom',
      path: ['TOKEN_ENCRYPTION_ACTIVE_KID'],
      message: 'expected one of the kids in TOKEN_ENCRYPTION_KEYS',
    });
  }
  if (cfg.NODE_ENV !== 'production') return;
  const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (cfg.TOKEN_ENCRYPTION_KEYS.has('dev1'))
    bad('TOKEN_ENCRYPTION_KEYS', 'must be set in production (not the development key)');
  if (cfg.JWT_SECRET !== undefined && cfg.JWT_SECRET === DEV_JWT_SECRET)
    bad('JWT_SECRET', 'must be set in production');
  if (cfg.REPORT_LINK_SECRET !== undefined && cfg.REPORT_LINK_SECRET === DEV_REPORT_LINK_SECRET)
    bad('REPORT_LINK_SECRET', 'must be set in production');
  if (!cfg.DATABASE_URL) bad('DATABASE_URL', 'must be set in production (embedded PGlite is for the demo)');
  if (cfg.PLAID_ENV === 'emulator') bad('PLAID_ENV', 'must be sandbox or production in production');
}

export const apiConfigSchema = apiEnv.superRefine(refineProduction);
export const workerConfigSchema = workerEnv.superRefine(refineProduction);

export type CommonConfig = z.output<typeof commonEnv>;
export type ApiConfig = z.output<typeof apiEnv>;
export type WorkerConfig = z.output<typeof workerEnv>;
export type EmulatorConfig = z.output<typeof emulatorEnv>;

/** The active key id: explicit, or the last one listed. */
export function activeKid(
  cfg: Pick<CommonConfig, 'TOKEN_ENCRYPTION_KEYS' | 'TOKEN_ENCRYPTION_ACTIVE_KID'>,
): string {
  return cfg.TOKEN_ENCRYPTION_ACTIVE_KID ?? [...cfg.TOKEN_ENCRYPTION_KEYS.keys()].at(-1)!;
}
