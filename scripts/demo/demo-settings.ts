/** Where the demo's services listen and which storage it uses, from the environment (defaults: embedded). */
export interface DemoSettings {
  root: string;
  apiPort: number;
  emulatorPort: number;
  webPort: number;
  prototypePort: number;
  /** PostgreSQL instead of embedded PGlite. */
  databaseUrl: string | undefined;
  /** BullMQ with a separate worker process instead of in-process jobs. */
  redisUrl: string | undefined;
  pgliteDir: string;
  plaidEnv: string;
  email: string;
  password: string;
}

const port = (env: Readonly<Record<string, string | undefined>>, name: string, fallback: number) => {
  const value = env[name] ? Number(env[name]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 65_535)
    throw new Error(`${name}: expected a TCP port`);
  return value;
};

export function demoSettings(env: Readonly<Record<string, string | undefined>>, root: string): DemoSettings {
  const password = env.DEMO_PASSWORD || 'finsync-demo-password';
  if (password.length < 12) throw new Error('DEMO_PASSWORD: expected at least 12 characters');
  return {
    root,
    apiPort: port(env, 'PORT', 3000),
    emulatorPort: port(env, 'EMULATOR_PORT', 4010),
    webPort: port(env, 'FINSYNC_WEB_PORT', 5173),
    prototypePort: port(env, 'PROTOTYPE_PORT', 5174),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    pgliteDir: env.PGLITE_DIR || '.data/pglite',
    plaidEnv: env.PLAID_ENV || 'emulator',
    email: env.DEMO_EMAIL || 'demo@finsync.local',
    password,
  };
}
