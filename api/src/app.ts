import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ApiConfig, OwnerDb } from '@finsync/shared';
import { type TokenCipher, tokenCipherFromConfig } from '@finsync/shared/crypto';
import type { ListenTarget } from '@finsync/shared/ledger';
import {
  createPlaidClient,
  createWebhookVerifier,
  plaidKeyFetcher,
  type WebhookVerifier,
} from '@finsync/shared/plaid';
import type { JobQueue } from '@finsync/shared/queue';
import { ABANDONED_RUN_CHECK_MS, abandonDeadRuns } from '@finsync/shared/sync';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { createAuthService, type PlaidItemRemover } from './auth/auth-service.ts';
import { deviceCookies } from './auth/device-cookie.ts';
import { createLoginThrottle } from './auth/login-throttle.ts';
import { createPasskeys, type Passkeys, relyingPartyOf } from './auth/passkeys.ts';
import { createArgon2Hasher, type PasswordHasher } from './auth/password-hasher.ts';
import { ACCESS_TTL_SECONDS, cookieSecure } from './auth/session-cookies.ts';
import { createSessionRegistry, type SessionRegistry } from './auth/session-registry.ts';
import { createChallengeStore } from './auth/webauthn-challenges.ts';
import { plaidItemRemover } from './plaid/plaid-item-remover.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { registerCsrf } from './plugins/csrf.ts';
import { frameworkErrors, installErrorHandler, RetryLaterError } from './plugins/error-handler.ts';
import { installJsonDepthGuard } from './plugins/json-body.ts';
import { type LedgerReads, registerLedgerReads } from './plugins/ledger-etag.ts';
import { defaultRateLimits, type RateLimits } from './plugins/rate-limits.ts';
import { serializeRequest } from './plugins/request-log.ts';
import { healthRoutes } from './routes/health.ts';
import { plaidWebhookRoutes } from './routes/plaid-webhooks.ts';
import { v1Routes } from './routes/v1/index.ts';

type PlaidApi = ReturnType<typeof createPlaidClient>;

export interface AppDeps {
  config: Readonly<ApiConfig>;
  db: OwnerDb;
  /** Absent in the demo's in-process mode (rate limits then count in memory). */
  redis?: Redis | undefined;
  clock?: () => Date;
  hasher?: PasswordHasher;
  cipher?: TokenCipher;
  plaidItems?: PlaidItemRemover;
  rateLimits?: Partial<RateLimits>;
  /**
   * The jobs port (a BullMQ producer, or the demo's in-process queue). With it the Plaid webhook route is
   * served; without it the routes that enqueue work (link exchange, sync now, reports) answer 503.
   */
  queue?: JobQueue | undefined;
  /** Plaid's API; default the SDK client for config.PLAID_ENV (the emulator offline). */
  plaid?: PlaidApi;
  webhookVerifier?: WebhookVerifier;
  /** Where logs go (default stdout); tests read them back to prove what never reaches the logs. */
  logStream?: { write(line: string): void } | undefined;
  /**
   * The PostgreSQL database to LISTEN on for ledger changes (the one `db` opens). With it, ledger versions and
   * dashboard summaries are kept in memory between changes; without it (PGlite) every read asks the database.
   */
  ledgerChanges?: ListenTarget | undefined;
}

/** Everything a route needs, resolved once. */
export interface AppContext {
  config: Readonly<ApiConfig>;
  db: OwnerDb;
  clock: () => Date;
  cookieSecure: boolean;
  rateLimits: RateLimits;
  auth: ReturnType<typeof createAuthService>;
  sessions: SessionRegistry;
  passkeys: Passkeys;
  plaid: PlaidApi;
  cipher: TokenCipher;
  plaidItems: PlaidItemRemover;
  queue: JobQueue | undefined;
  ledgerReads: LedgerReads;
}

/** Paths, headers and body fields that never reach the logs. */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.totp',
  '*.token',
  '*.refreshToken',
  '*.access_token',
  '*.accessToken',
  '*.public_token',
  '*.account_number',
  '*.accountNumber',
  '*.routing',
];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
            serializers: { req: serializeRequest },
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    frameworkErrors,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, { exposeInternals: config.NODE_ENV === 'development' });
  installJsonDepthGuard(app);

  const cipher = deps.cipher ?? tokenCipherFromConfig(config);
  const plaid = deps.plaid ?? createPlaidClient(config);
  const plaidItems = deps.plaidItems ?? plaidItemRemover(plaid, cipher);
  const clock = deps.clock ?? (() => new Date());
  const secure = cookieSecure(config);
  const sessions = await createSessionRegistry({
    db: deps.db,
    redis: deps.redis,
    channel: `${config.REDIS_PREFIX}:sessions:revoked`,
  });
  app.addHook('onClose', () => sessions.close());
  const auth = createAuthService({
    db: deps.db,
    hasher: deps.hasher ?? createArgon2Hasher(),
    cipher,
    clock,
    plaidItems,
    sessionsRevoked: (ids) => sessions.revoked(ids),
    throttle: createLoginThrottle({ redis: deps.redis, prefix: config.REDIS_PREFIX }),
    devices: deviceCookies(config.JWT_SECRET),
    emails: {
      linkSecret: config.REPORT_LINK_SECRET,
      send: async (notificationId) => {
        // Without a queue (nothing to send mail) the row stays pending for the worker's dispatcher.
        await deps.queue?.enqueue('send-notification', { notificationId });
      },
      sendSignupLink: async (signupId) => {
        await deps.queue?.enqueue(
          'send-signup-link',
          { signupId },
          { dedupeId: `send-signup-link:${signupId}` },
        );
      },
    },
  });
  const ledgerReads = await registerLedgerReads(app, { db: deps.db, listen: deps.ledgerChanges });
  const ctx: AppContext = {
    config,
    db: deps.db,
    clock,
    cookieSecure: secure,
    rateLimits: { ...defaultRateLimits, ...deps.rateLimits },
    auth,
    sessions,
    passkeys: createPasskeys({
      db: deps.db,
      rp: relyingPartyOf(config.APP_URL),
      challenges: createChallengeStore({ redis: deps.redis, prefix: config.REDIS_PREFIX }),
      clock,
    }),
    plaid,
    cipher,
    plaidItems,
    queue: deps.queue,
    ledgerReads,
  };

  // Security headers from helmet, its middleware built once: @fastify/helmet rebuilt it (parsing the CSP) on
  // every request, a sixth of a cached dashboard read's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Plaid Link runs from Plaid's CDN in an iframe.
        scriptSrc: ["'self'", 'https://cdn.plaid.com'],
        frameSrc: ["'self'", 'https://cdn.plaid.com'],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  await app.register(fastifyCookie);
  await registerCsrf(app, { secure, secret: config.JWT_SECRET });
  await app.register(fastifyJwt, {
    secret: config.JWT_SECRET,
    sign: {
      algorithm: 'HS256',
      iss: config.JWT_ISSUER,
      aud: config.JWT_AUDIENCE,
      expiresIn: ACCESS_TTL_SECONDS,
    },
    verify: {
      algorithms: ['HS256'],
      allowedIss: config.JWT_ISSUER,
      allowedAud: config.JWT_AUDIENCE,
      requiredClaims: ['exp', 'iss', 'aud', 'sub'],
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(deps.redis ? { redis: deps.redis } : {}),
    nameSpace: `${config.REDIS_PREFIX}:rate-limit:`,
    skipOnError: false,
    errorResponseBuilder: (_request, context) =>
      new RetryLaterError(
        'RATE_LIMITED',
        'too many requests; slow down',
        Math.max(1, Math.ceil(context.ttl / 1000)),
      ),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'finsync API',
        version: '1.0.0',
        description:
          'Cookie sessions (httpOnly access JWT + rotating refresh token, CSRF token in x-csrf-token on writes) or personal access tokens (Authorization: Bearer fs_pat_…). Errors: { error: { code, message, details } }.',
      },
      components: {
        securitySchemes: {
          cookieSession: { type: 'apiKey', in: 'cookie', name: 'fs_access' },
          personalAccessToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuthentication(app, auth, sessions);
  await app.register(healthRoutes, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(v1Routes(ctx), { prefix: '/api/v1' });
  if (deps.queue) {
    watchForAbandonedRuns(app, { db: deps.db, queue: deps.queue, clock });
    // Owner connection on purpose: webhooks arrive without a user and look items up by Plaid's id.
    await app.register(plaidWebhookRoutes, {
      db: deps.db,
      queue: deps.queue,
      verify: deps.webhookVerifier ?? createWebhookVerifier({ fetchKey: plaidKeyFetcher(plaid), now: clock }),
      clock,
      syncIntervalHours: config.SYNC_INTERVAL_HOURS,
      hostedLink: {
        plaid,
        cipher,
        webhookUrl: config.PLAID_WEBHOOK_URL,
        syncIntervalHours: config.SYNC_INTERVAL_HOURS,
      },
    });
  }
  return app;
}

/**
 * A sync whose worker died keeps its run 'running' until someone notices its job lost its lock: the API
 * checks every ABANDONED_RUN_CHECK_MS and marks such runs 'abandoned' (the progress stream then ends with
 * that outcome). With the default WORKER_LOCK_MS of 30 s a dead worker's run shows abandoned within ~32 s.
 */
function watchForAbandonedRuns(app: FastifyInstance, deps: Parameters<typeof abandonDeadRuns>[0]): void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    abandonDeadRuns(deps)
      .then((ids) => {
        if (ids.length > 0) app.log.warn({ runs: ids }, 'sync runs abandoned: their worker stopped');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'checking for abandoned sync runs failed'))
      .finally(() => {
        busy = false;
      });
  }, ABANDONED_RUN_CHECK_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
