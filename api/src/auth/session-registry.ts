import { type OwnerDb, withUser } from '@finsync/shared';
import { sessionRepository } from '@finsync/shared/users';
import type { Redis } from 'ioredis';

/** How long a "this session is live" answer is trusted without asking the database again. */
export const LIVE_CACHE_MS = 10_000;
/** Revoked session ids remembered locally (revocation is final, so the answer never goes stale). */
const MAX_REVOKED = 50_000;
const MAX_LIVE = 50_000;

/**
 * Whether a session (a login: the refresh-token family, carried in the access token as `fam`) is still live.
 * Answers come from the sessions table, cached briefly per API instance. Revocations are published on a Redis
 * channel so every instance forgets its cached answer at once; should a message be lost, a cached "live"
 * expires after LIVE_CACHE_MS. Without Redis (the single-process demo) the local cache is all there is.
 */
export interface SessionRegistry {
  isLive(userId: string, sessionId: string): Promise<boolean>;
  /** Call after the revocation committed: this and every other instance refuse the sessions from now on. */
  revoked(sessionIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function createSessionRegistry(deps: {
  db: OwnerDb;
  redis?: Redis | undefined;
  channel: string;
  now?: () => number;
}): Promise<SessionRegistry> {
  const now = deps.now ?? Date.now;
  const live = new Map<string, number>();
  const dead = new Set<string>();

  const forget = (ids: readonly string[]) => {
    for (const id of ids) {
      live.delete(id);
      if (dead.size >= MAX_REVOKED) dead.delete(dead.values().next().value as string);
      dead.add(id);
    }
  };

  const subscriber = deps.redis?.duplicate();
  if (subscriber) {
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== deps.channel) return;
      try {
        const ids = JSON.parse(message) as unknown;
        if (Array.isArray(ids)) forget(ids.filter((id): id is string => typeof id === 'string'));
      } catch {
        // Not ours: ignore.
      }
    });
    await subscriber.subscribe(deps.channel);
  }

  return {
    async isLive(userId, sessionId) {
      if (dead.has(sessionId)) return false;
      const checkedAt = live.get(sessionId);
      if (checkedAt !== undefined && now() - checkedAt < LIVE_CACHE_MS) return true;
      const startedAt = now();
      const active = await withUser(deps.db, userId, (trx) =>
        sessionRepository.familyActive(trx, userId, sessionId),
      );
      // A revocation that arrived while the database answered wins over the answer.
      if (!active || dead.has(sessionId)) {
        forget([sessionId]);
        return false;
      }
      if (live.size >= MAX_LIVE) live.clear();
      live.set(sessionId, startedAt);
      return true;
    },
    async revoked(sessionIds) {
      if (sessionIds.length === 0) return;
      forget(sessionIds);
      await deps.redis?.publish(deps.channel, JSON.stringify(sessionIds));
    },
    async close() {
      if (subscriber) await subscriber.quit();
    },
  };
}
