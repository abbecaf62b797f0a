import { randomBytes } from 'node:crypto';
import { startEmulator } from '@finsync/emulator';
import { createRedis, type Db, loadApiConfig } from '@finsync/shared';
import { createInProcessJobQueue, type InProcessJobQueue } from '@finsync/shared/queue';
import {
  createTestDatabase,
  type Ledger,
  signUpThroughLink,
  type TestContext,
  type TestDatabase,
  testContext,
  testEnvironment,
} from '@finsync/test-support';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { type AppDeps, buildApp } from '../../src/app.ts';
import type { PlaidItemRemover } from '../../src/auth/auth-service.ts';

/** Sign-in rate limits no test of bad or hostile input reaches: those tests send thousands of requests. */
export const UNLIMITED_SIGN_INS: AppDeps['rateLimits'] = {
  loginPerIp: { max: 100_000, windowMs: 60_000 },
  signupPerIp: { max: 100_000, windowMs: 60_000 },
  refreshPerIp: { max: 100_000, windowMs: 60_000 },
  passwordPerAccount: { max: 100_000, windowMs: 60_000 },
};

export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789-abcdefghijklmnop';

export interface TestApp {
  app: FastifyInstance;
  t: TestDatabase;
  /** Data factories on the app's database (ctx.newUser(), ctx.newLedger(userId), …). */
  ctx: TestContext;
  redis: Redis;
  removedItems: string[];
  /** Another API instance on the same database and Redis (its own connection), as behind a load balancer. */
  twin(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/** A real app on a fresh migrated database and real Redis under a prefix of its own; `env` adds config. */
export async function startTestApp(
  overrides: Partial<AppDeps> = {},
  env: Record<string, string> = {},
): Promise<TestApp> {
  const t = await createTestDatabase(inject('pgTemplate'));
  const redis = createRedis(testEnvironment(process.env).redisUrl);
  const removedItems: string[] = [];
  const plaidItems: PlaidItemRemover = {
    async removeItem(item) {
      removedItems.push(item.id);
    },
  };
  const config = loadApiConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    COOKIE_SECURE: 'false',
    REDIS_PREFIX: `api-test-${randomBytes(6).toString('hex')}`,
    ...env,
  });
  // Listening for ledger changes like the production API, so the tests see its in-memory versions.
  const ledgerChanges = { url: t.url };
  const app = await buildApp({ config, db: t.db, redis, plaidItems, ledgerChanges, ...overrides });
  registerTestApp(app, t.db, config.REPORT_LINK_SECRET);
  const twins: { app: FastifyInstance; redis: Redis }[] = [];
  return {
    app,
    t,
    ctx: testContext(t.db),
    redis,
    removedItems,
    async twin() {
      const own = createRedis(testEnvironment(process.env).redisUrl);
      const other = await buildApp({ config, db: t.db, redis: own, plaidItems, ledgerChanges, ...overrides });
      registerTestApp(other, t.db, config.REPORT_LINK_SECRET);
      twins.push({ app: other, redis: own });
      return other;
    },
    async close() {
      for (const twin of twins) {
        await twin.app.close();
        await twin.redis.quit();
      }
      await app.close();
      await redis.quit();
      await t.drop();
    },
  };
}

/** A browser-like client: keeps cookies across requests and sends the CSRF token on writes. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  userId: string | undefined;
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookies.size > 0 && !headers.cookie) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const write = !['GET', 'HEAD', undefined].includes(options.method as string);
    if (write && options.csrf !== false && this.csrf && !headers['x-csrf-token'])
      headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ ...options, headers });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const body = res.headers['content-type']?.toString().includes('json') ? safeJson(res.body) : undefined;
    if (body && typeof body === 'object' && 'csrfToken' in body) this.csrf = String(body.csrfToken);
    if (body && typeof body === 'object' && 'user' in body && body.user)
      this.userId = (body as { user: { id: string } }).user.id;
    return res;
  }

  /** A JSON call (full URL) whatever it answers: its status and parsed body, for tests of refusals too. */
  async call(method: string, url: string, payload?: unknown) {
    const res = await this.request({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.json() };
  }

  /** A JSON call under /api/v1 that must answer `status`; returns the parsed body. */
  async api(method: string, url: string, payload?: unknown, status = 200) {
    const res = await this.request({
      method: method as 'GET',
      url: `/api/v1${url}`,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const PASSWORD = 'correct horse battery staple';

const mailboxes = new WeakMap<FastifyInstance, { db: Db; linkSecret: string }>();

/** Lets signedUpClient stand in for the mailbox of an app's sign-ups: its database and link secret. */
export function registerTestApp(app: FastifyInstance, db: Db, linkSecret: string): void {
  mailboxes.set(app, { db, linkSecret });
}

/**
 * A signed-in client of a new account, made the way a user makes one: sign-up (202), then the emailed link
 * (its token signed as the mailer signs it) posted to /auth/signup/confirm.
 */
/** The hashes of the recovery codes stored for the account with this email (never the codes). */
export async function storedRecoveryHashes(db: Db, email: string): Promise<string[]> {
  const row = await db
    .selectFrom('users')
    .select('mfa_recovery_hashes')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.mfa_recovery_hashes;
}

export async function signedUpClient(app: FastifyInstance, email?: string): Promise<Client> {
  const mailbox = mailboxes.get(app);
  if (!mailbox) throw new Error('signedUpClient: registerTestApp(app, db, linkSecret) first');
  const client = new Client(app);
  const address = email ?? `u-${randomBytes(5).toString('hex')}@example.com`;
  // The client keeps the confirmation's session cookies, so the two steps go through it.
  await signUpThroughLink(
    { inject: (options) => client.request(options) },
    mailbox.db,
    { email: address, password: PASSWORD },
    mailbox.linkSecret,
  );
  return client;
}

/** Fills the fixture a describe block's tests read, before them (and before the block's own beforeAll), and closes its app after them. */
function forTheBlock<F extends { h: TestApp }>(setUp: () => Promise<F>): F {
  const fixture = {} as F;
  beforeAll(async () => {
    Object.assign(fixture, await setUp());
  });
  afterAll(() => fixture.h?.close());
  return fixture;
}

export interface SignedInLedger {
  h: TestApp;
  /** A signed-up user with a session. */
  client: Client;
  /** Their connection, account and `rows` seeded transactions. */
  seeded: Ledger;
}

/**
 * For a describe block: a fresh app, one signed-up user and a ledger of `rows` seeded transactions. `start`
 * starts the app (default: startTestApp()); it runs in the hook, so it may read what an earlier beforeAll set up.
 */
export function signedInLedger(rows: number, start: () => Promise<TestApp> = startTestApp): SignedInLedger {
  return forTheBlock(async () => {
    const h = await start();
    const client = await signedUpClient(h.app);
    return { h, client, seeded: await h.ctx.newLedger(client.userId!, rows) };
  });
}

export interface AliceAndBob {
  h: TestApp;
  alice: Client;
  /** Another user, who must never see or change alice's data. */
  bob: Client;
}

/** For a describe block: a fresh app (started by `start`) and two signed-up users. */
export function aliceAndBob(start: () => Promise<TestApp> = startTestApp): AliceAndBob {
  return forTheBlock(async () => {
    const h = await start();
    return { h, alice: await signedUpClient(h.app), bob: await signedUpClient(h.app) };
  });
}

export interface OnEmulator {
  emulator: { url: string; close(): Promise<void> };
  /** Jobs are queued but never run: the tests are about the API's answers. */
  queue: InProcessJobQueue;
  /** An app on the emulator and the queue. */
  start(): Promise<TestApp>;
}

/** For a describe block: the offline Plaid emulator and an in-process queue, closed after the block. */
export function onEmulator(): OnEmulator {
  const queue = createInProcessJobQueue();
  const plaid: OnEmulator = {
    queue,
    emulator: undefined as unknown as OnEmulator['emulator'],
    start: () => startTestApp({ queue }, { PLAID_ENV: 'emulator', PLAID_EMULATOR_URL: plaid.emulator.url }),
  };
  beforeAll(async () => {
    plaid.emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await queue.close();
    await plaid.emulator?.close();
  });
  return plaid;
}
