import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * WebAuthn challenges, each usable once and for 5 minutes: kept server-side (Redis, memory without it) under
 * a random id the browser carries in an httpOnly cookie, and taken (read and deleted) when the answer comes.
 */
export interface ChallengeStore {
  put(challenge: string, owner: string): Promise<string>;
  /** The challenge stored under this id for this owner, once; null when unknown, expired, used or not theirs. */
  take(id: string, owner: string): Promise<string | null>;
}

export function createChallengeStore(deps: { redis?: Redis | undefined; prefix: string }): ChallengeStore {
  const key = (id: string) => `${deps.prefix}:webauthn:${id}`;
  const memory = new Map<string, { value: string; until: number }>();
  return {
    async put(challenge, owner) {
      const id = randomUUID();
      const value = JSON.stringify({ challenge, owner });
      if (deps.redis) await deps.redis.set(key(id), value, 'PX', CHALLENGE_TTL_MS);
      else {
        if (memory.size > 10_000) memory.clear();
        memory.set(id, { value, until: Date.now() + CHALLENGE_TTL_MS });
      }
      return id;
    },
    async take(id, owner) {
      let value: string | null;
      if (deps.redis) value = await deps.redis.getdel(key(id));
      else {
        const entry = memory.get(id);
        memory.delete(id);
        value = entry && entry.until > Date.now() ? entry.value : null;
      }
      if (!value) return null;
      const parsed = JSON.parse(value) as { challenge: string; owner: string };
      return parsed.owner === owner ? parsed.challenge : null;
    },
  };
}
