import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign,
} from 'node:crypto';

export type SignatureKnob = 'valid' | 'stale' | 'wrong_hash' | 'unknown_kid';

export interface VerificationJwk {
  alg: 'ES256';
  crv: 'P-256';
  kid: string;
  kty: 'EC';
  use: 'sig';
  x: string;
  y: string;
  created_at: number;
  expired_at: number | null;
}

/** The signer's identity, kept across restarts so receivers' cached verification keys stay valid. */
export interface SigningKey {
  kid: string;
  createdAt: number;
  privateJwk: JsonWebKey;
}

/** Signs webhook bodies the way Plaid does: an ES256 JWT whose payload carries the body's SHA-256. */
export class WebhookSigner {
  readonly kid: string;
  readonly #privateKey: KeyObject;
  readonly #jwk: VerificationJwk;

  /** A new key pair, or the one a previous run exported with `signingKey()`. */
  constructor(kid: string, nowSeconds: number, stored?: SigningKey) {
    const privateKey = stored
      ? createPrivateKey({ key: stored.privateJwk, format: 'jwk' })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const exported = createPublicKey(privateKey).export({ format: 'jwk' });
    this.kid = stored?.kid ?? kid;
    this.#privateKey = privateKey;
    this.#jwk = {
      alg: 'ES256',
      crv: 'P-256',
      kid: this.kid,
      kty: 'EC',
      use: 'sig',
      x: exported.x!,
      y: exported.y!,
      created_at: stored?.createdAt ?? nowSeconds,
      expired_at: null,
    };
  }

  signingKey(): SigningKey {
    return {
      kid: this.kid,
      createdAt: this.#jwk.created_at,
      privateJwk: this.#privateKey.export({ format: 'jwk' }),
    };
  }

  key(kid: string): VerificationJwk | undefined {
    return kid === this.kid ? this.#jwk : undefined;
  }

  /** The Plaid-Verification header for these exact body bytes; knobs produce what verifiers must reject. */
  sign(body: string, nowSeconds: number, knob: SignatureKnob = 'valid'): string {
    const kid = knob === 'unknown_kid' ? `${this.kid.slice(0, -4)}dead` : this.kid;
    const hashed = knob === 'wrong_hash' ? `${body} ` : body;
    const header = { alg: 'ES256', kid, typ: 'JWT' };
    const payload = {
      iat: knob === 'stale' ? nowSeconds - 15 * 60 : nowSeconds,
      request_body_sha256: createHash('sha256').update(hashed).digest('hex'),
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    const signature = sign('sha256', Buffer.from(signingInput), {
      key: this.#privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${signingInput}.${signature.toString('base64url')}`;
  }
}

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
