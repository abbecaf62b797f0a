import { createHash } from 'node:crypto';
import { type OwnerDb, type UserDb, withUser } from '@finsync/shared';
import {
  createLedgerVersionCache,
  type LedgerChangeListener,
  type LedgerVersionCache,
  type ListenTarget,
  ledgerVersion,
  listenForLedgerChanges,
} from '@finsync/shared/ledger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Conditional reads of the ledger (issue 16): the ETag is the user's ledger version, which the database's
 * triggers bump in every transaction that changes what these reads show, so no body is hashed. The user is
 * part of the tag, so a browser shared by two people never revalidates one person's copy with the other's.
 */
export function ledgerEtag(userId: string, version: number): string {
  return `W/"${tagOf(userId)}.${version}"`;
}

/** The user's part of the tag, hashed once per user (a few recent users kept). */
const userTags = new Map<string, string>();
function tagOf(userId: string): string {
  let who = userTags.get(userId);
  if (who === undefined) {
    who = createHash('sha256').update(userId).digest('base64url').slice(0, 12);
    if (userTags.size >= 10_000) userTags.clear();
    userTags.set(userId, who);
  }
  return who;
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
 * The ledger reads of one API instance. Versions, and what `memoized` computed at a version, are kept in memory
 * (LedgerVersionCache), told of every change by the database's announcements (listenForLedgerChanges) and of
 * this instance's own writes before their response leaves, so an unchanged read costs no query. Without a
 * connection to listen on (PGlite, the demo) nothing is kept and every read asks the database.
 */
export interface LedgerReads {
  /** The user's version now (the tag is never newer than a body read after it in the same transaction). */
  version(trx: UserDb, userId: string): Promise<number>;
  /** Answers 304 when the client holds the current version, else runs `read` in the user's transaction. */
  read<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    read: (trx: UserDb) => Promise<T>,
  ): Promise<T | FastifyReply>;
  /**
   * As `read`, but the body is computed and serialized (by the route's own response serializer) once per user,
   * version and `key`, and that JSON is sent to every reader until the ledger changes.
   */
  memoizedJson<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    key: string,
    read: (trx: UserDb) => Promise<T>,
    serialize: (body: T) => string,
  ): Promise<FastifyReply>;
  /** Resolves once every change committed before the call has been heard (tests; immediate when not listening). */
  caughtUp(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    ledgerReads: LedgerReads;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function registerLedgerReads(
  app: FastifyInstance,
  deps: { db: OwnerDb; listen?: ListenTarget | undefined; now?: () => number },
): Promise<LedgerReads> {
  const cache: LedgerVersionCache = createLedgerVersionCache({ now: deps.now ?? Date.now });
  let listener: LedgerChangeListener | undefined;
  if (deps.listen) {
    listener = await listenForLedgerChanges(deps.listen, cache, {
      onError: (error) => app.log.warn({ err: error }, 'ledger change listener lost; reads ask the database'),
    });
    app.addHook('onClose', async () => listener?.close());
  }
  // Read-your-writes: a user's write forgets their version before its response leaves, so the next read
  // (here) asks the database rather than waiting for the announcement.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.auth && !SAFE_METHODS.has(request.method)) cache.changed(request.auth.userId);
    return payload;
  });

  const version = async (trx: UserDb, userId: string) => {
    const ticket = cache.ticket();
    const v = await ledgerVersion(trx, userId);
    cache.remember(userId, ticket, v);
    return v;
  };

  /** 304 when the client holds the current version, else `read`, with the version, in the user's transaction. */
  async function versioned<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    read: (version: number, trx: UserDb | undefined) => Promise<T>,
  ): Promise<T | FastifyReply> {
    const known = cache.version(userId);
    if (known !== undefined) {
      if (clientHasVersion(request, reply, userId, known)) return notModified(reply);
      return read(known, undefined);
    }
    return withUser(deps.db, userId, async (trx) => {
      // The version before the data, so a tag is never newer than the body it labels.
      const v = await version(trx, userId);
      if (clientHasVersion(request, reply, userId, v)) return notModified(reply);
      return read(v, trx);
    });
  }

  const inTransaction = <T>(userId: string, trx: UserDb | undefined, read: (trx: UserDb) => Promise<T>) =>
    trx ? read(trx) : withUser(deps.db, userId, read);

  const reads: LedgerReads = {
    version,
    read: (request, reply, userId, read) =>
      versioned(request, reply, userId, (_version, trx) => inTransaction(userId, trx, read)),
    async memoizedJson(request, reply, userId, key, read, serialize) {
      const sent = await versioned(request, reply, userId, (v, trx) =>
        cache.memo(userId, v, key, async () => serialize(await inTransaction(userId, trx, read))),
      );
      return typeof sent === 'string' ? reply.type('application/json; charset=utf-8').send(sent) : sent;
    },
    caughtUp: () => listener?.caughtUp() ?? Promise.resolve(),
  };
  app.decorate('ledgerReads', reads);
  return reads;
}
