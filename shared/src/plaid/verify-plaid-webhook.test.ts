import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWebhookVerifier } from './verify-plaid-webhook.ts';

const now = new Date('2026-11-25T12:00:00Z');
const body = Buffer.from(
  JSON.stringify({ webhook_type: 'TRANSACTIONS', webhook_code: 'SYNC_UPDATES_AVAILABLE' }),
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let privateKey: CryptoKey;
let publicJwk: JWK;
let fetches = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), alg: 'ES256', kid: 'k1', use: 'sig' };
});

const verifier = () =>
  createWebhookVerifier({
    now: () => now,
    fetchKey: async (kid) => {
      fetches++;
      if (kid !== 'k1') throw new Error('unknown kid');
      return { ...publicJwk, expired_at: null };
    },
  });

const sign = (opts: { iatOffsetS?: number; hash?: string; kid?: string } = {}) =>
  new SignJWT({ request_body_sha256: opts.hash ?? sha(body) })
    .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? 'k1', typ: 'JWT' })
    .setIssuedAt(Math.floor(now.getTime() / 1000) + (opts.iatOffsetS ?? 0))
    .sign(privateKey);

describe('createWebhookVerifier', () => {
  it('accepts a fresh ES256 token whose body hash matches, and names it for replay protection', async () => {
    const token = await sign({ iatOffsetS: -10 });
    await expect(verifier()(body, token)).resolves.toEqual({
      tokenSha256: sha(Buffer.from(token)),
      issuedAt: new Date(now.getTime() - 10_000),
      expiresAt: new Date(now.getTime() - 10_000 + 300_000),
    });
  });

  it('fetches each key once and caches it', async () => {
    const verify = verifier();
    fetches = 0;
    await verify(body, await sign());
    await verify(body, await sign());
    expect(fetches).toBe(1);
  });

  it.each([
    ['a token older than five minutes', { iatOffsetS: -301 }],
    ['a hash of a different body', { hash: sha(Buffer.from('{}')) }],
    ['an unknown key id', { kid: 'nope' }],
  ])('rejects %s', async (_name, opts) => {
    await expect(verifier()(body, await sign(opts))).rejects.toMatchObject({ code: 'WEBHOOK_UNVERIFIED' });
  });

  it('rejects a body changed after signing', async () => {
    const token = await sign();
    await expect(verifier()(Buffer.from(`${body.toString()} `), token)).rejects.toMatchObject({
      code: 'WEBHOOK_UNVERIFIED',
    });
  });

  it('rejects an HS256 token and a missing header', async () => {
    const hs = await new SignJWT({ request_body_sha256: sha(body) })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuedAt()
      .sign(new Uint8Array(32));
    await expect(verifier()(body, hs)).rejects.toThrow(/ES256/);
    await expect(verifier()(body, undefined)).rejects.toThrow(/missing/);
  });
});
