import { createHash } from 'node:crypto';
import type { Database } from '@finsync/shared/db';
import { ledgerVersion } from '@finsync/shared/ledger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

/**
 * Conditional reads of the ledger (issue 16): the ETag is the user's ledger version, which the database's
 * triggers bump in every transaction that changes what these reads show, so no body is hashed and an
 * unchanged read costs one primary-key lookup. The user is part of the tag, so a browser shared by two
 * people never revalidates one person's copy with the other's version.
 */
export function ledgerEtag(userId: string, version: number): string {
  const who = createHash('sha256').update(userId).digest('base64url').slice(0, 12);
  return `W/"${who}.${version}"`;
}

/** Weak comparison (RFC 9110 13.1.2): If-None-Match lists tags, or is `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === opaque;
  });
}

/** Labels the reply with the version's ETag; true when the client holds it (the caller answers 304). */
export function clientHasVersion(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  version: number,
): boolean {
  const etag = ledgerEtag(userId, version);
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  return matches(request.headers['if-none-match'], etag);
}

/** Answers 304 Not Modified (no body). */
export function notModified(reply: FastifyReply): FastifyReply {
  return reply.code(304).send();
}

/**
 * Answers 304 when the client holds the current version, else runs `read`. Call inside the request's
 * transaction; the version is read before the data, so a tag is never newer than the body it labels.
 */
export async function versionedRead<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  trx: Kysely<Database>,
  userId: string,
  read: () => Promise<T>,
): Promise<T | FastifyReply> {
  if (clientHasVersion(request, reply, userId, await ledgerVersion(trx, userId)))
    return reply.code(304).send();
  return read();
}
