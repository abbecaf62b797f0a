import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/database.ts';

type Executor = Kysely<Database>;

/** Every query on statement_imports and import_mappings. Callers run inside the user's scoped transaction. */
export const importStore = {
  async insert(
    db: Executor,
    values: {
      userId: string;
      accountId: string;
      format: Row<'statement_imports'>['format'];
      fileName: string | null;
      fileSha256: string;
      content: Buffer;
    },
  ): Promise<Row<'statement_imports'>> {
    return db
      .insertInto('statement_imports')
      .values({
        user_id: values.userId,
        account_id: values.accountId,
        format: values.format,
        file_name: values.fileName,
        file_sha256: values.fileSha256,
        byte_size: values.content.byteLength,
        content: values.content,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async find(
    db: Executor,
    userId: string,
    id: string,
    lock = false,
  ): Promise<Row<'statement_imports'> | undefined> {
    let query = db
      .selectFrom('statement_imports')
      .selectAll()
      .where('user_id', '=', userId)
      .where('id', '=', id);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  },

  async list(db: Executor, userId: string, limit: number): Promise<Row<'statement_imports'>[]> {
    return db
      .selectFrom('statement_imports')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  async update(
    db: Executor,
    id: string,
    patch: Partial<
      Pick<
        Row<'statement_imports'>,
        | 'statement_account'
        | 'date_order'
        | 'row_count'
        | 'new_count'
        | 'duplicate_count'
        | 'suspect_count'
        | 'imported_count'
        | 'status'
        | 'committed_at'
        | 'content'
      >
    > & { csv_mapping?: unknown },
  ): Promise<void> {
    const { csv_mapping, ...rest } = patch;
    await db
      .updateTable('statement_imports')
      .set({ ...rest, ...(csv_mapping === undefined ? {} : { csv_mapping: JSON.stringify(csv_mapping) }) })
      .where('id', '=', id)
      .execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('statement_imports').where('id', '=', id).execute();
  },

  /** An earlier committed import of the same bytes into the same account. */
  async sameFile(db: Executor, accountId: string, sha256: string, exceptId: string): Promise<string | null> {
    const row = await db
      .selectFrom('statement_imports')
      .select('id')
      .where('account_id', '=', accountId)
      .where('file_sha256', '=', sha256)
      .where('status', '=', 'committed')
      .where('id', '!=', exceptId)
      .orderBy('created_at')
      .executeTakeFirst();
    return row?.id ?? null;
  },

  async savedMapping(db: Executor, accountId: string): Promise<unknown | null> {
    const row = await db
      .selectFrom('import_mappings')
      .select('csv_mapping')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.csv_mapping ?? null;
  },

  async saveMapping(db: Executor, userId: string, accountId: string, mapping: unknown): Promise<void> {
    const json = JSON.stringify(mapping);
    await db
      .insertInto('import_mappings')
      .values({ account_id: accountId, user_id: userId, csv_mapping: json })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ csv_mapping: json, updated_at: new Date() }))
      .execute();
  },
};
