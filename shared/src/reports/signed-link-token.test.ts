import { describe, expect, it } from 'vitest';
import { signLinkToken, verifyLinkToken } from './signed-link-token.ts';

const secret = 'test-link-secret-0123456789abcdefghij';
const claims = { purpose: 'report' as const, userId: 'u1', subject: 'r1' };
const now = new Date('2026-11-02T12:00:00Z');
const token = signLinkToken({ ...claims, expiresAt: new Date('2026-11-09T12:00:00Z') }, secret);

describe('signed link tokens', () => {
  it('verify for the same user, subject and purpose before expiry', () => {
    expect(verifyLinkToken(token, claims, secret, now).expiresAt.toISOString()).toBe(
      '2026-11-09T12:00:00.000Z',
    );
  });
  it('refuse another report, user, purpose or secret', () => {
    expect(() => verifyLinkToken(token, { ...claims, subject: 'r2' }, secret, now)).toThrow(/does not match/);
    expect(() => verifyLinkToken(token, { ...claims, userId: 'u2' }, secret, now)).toThrow(/does not match/);
    expect(() => verifyLinkToken(token, { ...claims, purpose: 'unsubscribe' }, secret, now)).toThrow(
      /does not match/,
    );
    expect(() => verifyLinkToken(token, claims, `${secret}x`, now)).toThrow(/does not match/);
  });
  it('refuse an edited expiry and an expired link', () => {
    const [, sig] = token.split('.');
    expect(() => verifyLinkToken(`9999999999.${sig}`, claims, secret, now)).toThrow(/does not match/);
    expect(() => verifyLinkToken(token, claims, secret, new Date('2026-11-10T00:00:00Z'))).toThrow(/expired/);
    expect(() => verifyLinkToken('garbage', claims, secret, now)).toThrow(/malformed/);
  });
});
