import { type Kysely, sql } from 'kysely';
import type { Database, Row } from '../db/database.ts';

type Executor = Kysely<Database>;

/** One live login (a refresh-token family) as the sessions list shows it. */
export interface LiveSession {
  id: string;
  signedInAt: Date;
  /** The latest refresh: access tokens live 15 minutes, so an active session refreshes at least that often. */
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export const sessionRepository = {
  async create(
    db: Executor,
    session: {
      userId: string;
      familyId: string;
      tokenHash: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    },
  ): Promise<Row<'sessions'>> {
    return db
      .insertInto('sessions')
      .values({
        user_id: session.userId,
        family_id: session.familyId,
        token_hash: session.tokenHash,
        expires_at: session.expiresAt,
        ip: session.ip,
        user_agent: session.userAgent,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Row lock: two concurrent refreshes with one token cannot both rotate it. */
  findByTokenHashForUpdate(db: Executor, tokenHash: string): Promise<Row<'sessions'> | undefined> {
    return db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst();
  },

  /**
   * Records the first rotation only: the reuse grace window runs from `used_at`, so a later write must not
   * move it. Answers whether this call was that first rotation.
   */
  async markUsed(db: Executor, id: string, replacedBy: string, now: Date): Promise<boolean> {
    const result = await db
      .updateTable('sessions')
      .set({ used_at: now, replaced_by: replacedBy })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async revokeFamily(db: Executor, userId: string, familyId: string, now: Date): Promise<number> {
    const result = await db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async revokeAllForUser(db: Executor, userId: string, now: Date): Promise<number> {
    const result = await db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** The ids of the user's sessions (refresh-token families) that are not revoked. */
  async liveFamilies(db: Executor, userId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('sessions')
      .select('family_id')
      .distinct()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    return rows.map((r) => r.family_id);
  },

  /** The user's live sessions, most recently seen first. */
  async listLive(db: Executor, userId: string, now: Date): Promise<LiveSession[]> {
    const rows = await db
      .selectFrom('sessions')
      .select([
        'family_id',
        (eb) => eb.fn.min('created_at').as('signed_in_at'),
        (eb) => eb.fn.max('created_at').as('last_seen_at'),
        sql<string | null>`(array_agg(user_agent ORDER BY created_at DESC))[1]`.as('user_agent'),
        sql<string | null>`(array_agg(ip ORDER BY created_at DESC))[1]`.as('ip'),
      ])
      .where('user_id', '=', userId)
      .groupBy('family_id')
      .having(sql<boolean>`bool_or(revoked_at IS NULL) AND max(expires_at) > ${now}`)
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.family_id,
      signedInAt: new Date(r.signed_in_at as Date),
      lastSeenAt: new Date(r.last_seen_at as Date),
      userAgent: r.user_agent,
      ip: r.ip,
    }));
  },

  /** Whether any session of the family is still usable (access tokens of revoked families are refused). */
  async familyActive(db: Executor, userId: string, familyId: string): Promise<boolean> {
    const row = await db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },
};
