import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/database.ts';

type Executor = Kysely<Database>;

export type TokenScope = 'read' | 'read-write';

export interface PersonalAccessTokenView {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
}

const toView = (
  r: Pick<Row<'personal_access_tokens'>, 'id' | 'name' | 'created_at' | 'last_used_at' | 'scope'>,
): PersonalAccessTokenView => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
});

export const personalAccessTokenRepository = {
  async create(
    db: Executor,
    userId: string,
    name: string,
    tokenHash: string,
    scope: TokenScope,
  ): Promise<PersonalAccessTokenView> {
    const row = await db
      .insertInto('personal_access_tokens')
      .values({ user_id: userId, name, token_hash: tokenHash, scope })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  },

  async list(db: Executor, userId: string): Promise<PersonalAccessTokenView[]> {
    const rows = await db
      .selectFrom('personal_access_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toView);
  },

  findLiveByHash(
    db: Executor,
    tokenHash: string,
  ): Promise<{ id: string; userId: string; scope: TokenScope } | undefined> {
    return db
      .selectFrom('personal_access_tokens')
      .select(['id', 'user_id as userId', 'scope'])
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  },

  /** Stamps use at most once a minute, so busy scripts do not write on every request. */
  async touch(db: Executor, userId: string, id: string, now: Date): Promise<void> {
    await db
      .updateTable('personal_access_tokens')
      .set({ last_used_at: now })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]),
      )
      .execute();
  },

  /** Revokes every live token of the user; answers how many. */
  async revokeAll(db: Executor, userId: string, now: Date): Promise<number> {
    const result = await db
      .updateTable('personal_access_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async revoke(db: Executor, userId: string, id: string, now: Date): Promise<boolean> {
    const result = await db
      .updateTable('personal_access_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
};
