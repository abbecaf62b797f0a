import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../errors/domain-error.ts';

/** Encrypts Plaid access tokens at rest: `kid:iv:ciphertext:tag` (base64url parts), AES-256-GCM. */
export interface TokenCipher {
  readonly activeKid: string;
  encrypt(plaintext: string): string;
  decrypt(envelope: string): string;
  /** The key id an envelope was written under (rotation skips the ones already on the active key). */
  kidOf(envelope: string): string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
// The key id is bound to the ciphertext as additional data, so an envelope cannot be relabelled to another key.
const aad = (kid: string) => Buffer.from(`finsync-token:${kid}`);

export function createTokenCipher(keys: ReadonlyMap<string, Buffer>, activeKid: string): TokenCipher {
  const active = keys.get(activeKid);
  if (active?.length !== 32) {
    throw new DomainError('CONFIG_INVALID', `token encryption key "${activeKid}" is missing or not 32 bytes`);
  }
  const fail = (reason: string): never => {
    throw new DomainError('TOKEN_DECRYPT_FAILED', `cannot decrypt token: ${reason}`);
  };
  const split = (envelope: string) => {
    const parts = envelope.split(':');
    if (parts.length !== 4 || parts.some((p) => p.length === 0)) return fail('malformed envelope');
    return parts as [string, string, string, string];
  };
  return {
    activeKid,
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', active, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(activeKid));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        activeKid,
        iv.toString('base64url'),
        body.toString('base64url'),
        tag.toString('base64url'),
      ].join(':');
    },
    decrypt(envelope) {
      const [kid, iv64, body64, tag64] = split(envelope);
      const key = keys.get(kid) ?? fail(`unknown key id "${kid}"`);
      const iv = Buffer.from(iv64, 'base64url');
      const tag = Buffer.from(tag64, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return fail('malformed envelope');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(kid));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(body64, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return fail('authentication failed');
      }
    },
    kidOf(envelope) {
      return split(envelope)[0];
    },
  };
}
