import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher } from './token-cipher.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('token cipher', () => {
  it('round-trips a token and writes kid:iv:ciphertext:tag', () => {
    const cipher = createTokenCipher(new Map([['k1', k1]]), 'k1');
    const envelope = cipher.encrypt('access-sandbox-123');
    expect(envelope.split(':')).toHaveLength(4);
    expect(envelope.startsWith('k1:')).toBe(true);
    expect(envelope).not.toContain('access-sandbox');
    expect(cipher.decrypt(envelope)).toBe('access-sandbox-123');
  });

  it('uses a fresh IV per encryption', () => {
    const cipher = createTokenCipher(new Map([['k1', k1]]), 'k1');
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('decrypts tokens written under an older key after a new key becomes active', () => {
    const old = createTokenCipher(new Map([['k1', k1]]), 'k1').encrypt('tok');
    const rotated = createTokenCipher(
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      'k2',
    );
    expect(rotated.decrypt(old)).toBe('tok');
    expect(rotated.kidOf(rotated.encrypt('tok'))).toBe('k2');
  });

  it.each([
    ['a flipped ciphertext byte', (e: string) => e.replace(/:(.)/, (_m, c) => `:${c === 'A' ? 'B' : 'A'}`)],
    ['a relabelled key id', (e: string) => `k2${e.slice(2)}`],
    ['a truncated envelope', (e: string) => e.split(':').slice(0, 3).join(':')],
    ['an unknown key id', (e: string) => `zz${e.slice(2)}`],
  ])('rejects %s with TOKEN_DECRYPT_FAILED', (_name, tamper) => {
    const cipher = createTokenCipher(
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      'k1',
    );
    const envelope = tamper(cipher.encrypt('secret-token'));
    expect(() => cipher.decrypt(envelope)).toThrow(expect.objectContaining({ code: 'TOKEN_DECRYPT_FAILED' }));
  });

  it('refuses an active key id that has no key', () => {
    expect(() => createTokenCipher(new Map([['k1', k1]]), 'k9')).toThrow(/k9/);
  });
});
