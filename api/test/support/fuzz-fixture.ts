import type { Db } from '@finsync/shared';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

/** Signs the fuzz user in: the cookies and CSRF token a browser would hold. */
export async function fuzzSignIn(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: '10.200.0.1',
  });
  if (res.statusCode !== 200) throw new Error(`fuzz sign-in failed: ${res.statusCode} ${res.body}`);
  return {
    cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    csrf: (res.json() as { csrfToken: string }).csrfToken,
  };
}

/** A table in a digest: its rows as text in this order, or (`'count'`) only how many there are. */
export type DigestedTable = readonly [table: string, orderBy: string | 'count'];

/** One md5 over the rows of the tables: equal before and after a request when it wrote none of them. */
export async function tablesDigest(db: Db, tables: readonly DigestedTable[]): Promise<string> {
  const parts = tables.map(([table, orderBy]) =>
    orderBy === 'count'
      ? sql`(SELECT count(*) FROM ${sql.table(table)})`
      : sql`(SELECT string_agg(r::text, ',' ORDER BY ${sql.raw(orderBy)}) FROM ${sql.table(table)} r)`,
  );
  const { rows } = await sql<{
    digest: string;
  }>`SELECT md5(concat_ws('|', ${sql.join(parts)})) AS digest`.execute(db);
  return rows[0]?.digest ?? '';
}

/** A digest of every table a request could write (audit rows of refused requests excepted). */
export function fuzzDigest(db: Db): Promise<string> {
  return tablesDigest(
    db,
    [
      'transactions',
      'transaction_splits',
      'users',
      'sessions',
      'personal_access_tokens',
      'plaid_items',
      'accounts',
      'categories',
      'rules',
      'reports',
    ].map((table) => [table, 'id'] as const),
  );
}
