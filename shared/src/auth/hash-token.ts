import { createHash } from 'node:crypto';

/**
 * Refresh tokens and personal access tokens are 256-bit random strings, so one SHA-256 is enough to make
 * a stolen table useless (no dictionary to try); passwords, which are guessable, use argon2id instead.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
