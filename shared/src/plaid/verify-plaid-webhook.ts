import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { DomainError } from '../errors/domain-error.ts';

/** Fetches Plaid's public key for a key id (`/webhook_verification_key/get`). */
export type VerificationKeyFetcher = (kid: string) => Promise<JWK & { expired_at?: number | null }>;

export interface WebhookVerifierOptions {
  fetchKey: VerificationKeyFetcher;
  now: () => Date;
  /** Plaid: reject tokens older than five minutes. */
  maxAgeSeconds?: number;
  /** A key that failed to load is not fetched again for this long (forged kids must not amplify calls). */
  negativeCacheMs?: number;
}

/** What a verified webhook's token says: replay protection keeps each token (by hash) until it expires. */
export interface VerifiedWebhook {
  /** SHA-256 of the Plaid-Verification JWT: the key under which it is accepted once. */
  tokenSha256: string;
  issuedAt: Date;
  /** When the token stops passing the freshness check (iat + max age): no need to remember it after. */
  expiresAt: Date;
}

export type WebhookVerifier = (
  rawBody: Buffer,
  verificationHeader: string | undefined,
) => Promise<VerifiedWebhook>;

const reject = (reason: string): never => {
  throw new DomainError('WEBHOOK_UNVERIFIED', `webhook rejected: ${reason}`);
};

/**
 * Verifies a `Plaid-Verification` JWT: ES256 only, key looked up by `kid` (cached), `iat` no older than
 * five minutes, and the SHA-256 of the raw body equal (constant-time) to the token's `request_body_sha256`.
 * It does not remember tokens: the caller accepts each one once (see acceptWebhookTokenOnce).
 */
export function createWebhookVerifier(options: WebhookVerifierOptions): WebhookVerifier {
  const maxAge = options.maxAgeSeconds ?? 300;
  const negativeMs = options.negativeCacheMs ?? 60_000;
  const keys = new Map<string, { key: CryptoKey | Uint8Array; expiredAt: number | null }>();
  const misses = new Map<string, number>();

  async function keyFor(kid: string) {
    const cached = keys.get(kid);
    if (cached) return cached;
    const missedAt = misses.get(kid);
    if (missedAt !== undefined && options.now().getTime() - missedAt < negativeMs)
      return reject('unknown key id');
    try {
      const jwk = await options.fetchKey(kid);
      if (jwk.alg !== 'ES256' || jwk.kty !== 'EC' || jwk.crv !== 'P-256') return reject('key is not ES256');
      const entry = { key: await importJWK(jwk, 'ES256'), expiredAt: jwk.expired_at ?? null };
      keys.set(kid, entry);
      return entry;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      misses.set(kid, options.now().getTime());
      return reject('unknown key id');
    }
  }

  return async (rawBody, header) => {
    if (!header) return reject('missing Plaid-Verification header');
    let alg: string | undefined;
    let kid: string | undefined;
    try {
      ({ alg, kid } = decodeProtectedHeader(header));
    } catch {
      return reject('malformed token');
    }
    if (alg !== 'ES256') return reject('algorithm must be ES256');
    if (!kid) return reject('missing key id');
    const { key, expiredAt } = await keyFor(kid);
    const now = options.now();
    if (expiredAt !== null && expiredAt * 1000 <= now.getTime()) return reject('key expired');
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(header, key, {
        algorithms: ['ES256'],
        maxTokenAge: maxAge,
        currentDate: now,
        requiredClaims: ['iat'],
      }));
    } catch {
      return reject('bad signature or stale token');
    }
    const claimed = claims.request_body_sha256;
    if (typeof claimed !== 'string' || !/^[0-9a-f]{64}$/i.test(claimed)) return reject('missing body hash');
    const actual = createHash('sha256').update(rawBody).digest();
    if (!timingSafeEqual(actual, Buffer.from(claimed, 'hex'))) return reject('body hash mismatch');
    const issuedAt = new Date(Number(claims.iat) * 1000);
    return {
      tokenSha256: createHash('sha256').update(header).digest('hex'),
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + maxAge * 1000),
    };
  };
}
