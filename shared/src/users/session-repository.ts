import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/database.ts';

type Executor = Kysely<Database>;

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
