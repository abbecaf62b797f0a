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

/** A digest of every table a request could write (audit rows of refused requests excepted). */
export async function fuzzDigest(db: Db): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(t::text, ',' ORDER BY id) FROM transactions t),
      (SELECT string_agg(s::text, ',' ORDER BY id) FROM transaction_splits s),
      (SELECT string_agg(u::text, ',' ORDER BY id) FROM users u),
      (SELECT string_agg(s::text, ',' ORDER BY id) FROM sessions s),
      (SELECT string_agg(p::text, ',' ORDER BY id) FROM personal_access_tokens p),
      (SELECT string_agg(i::text, ',' ORDER BY id) FROM plaid_items i),
      (SELECT string_agg(a::text, ',' ORDER BY id) FROM accounts a),
      (SELECT string_agg(c::text, ',' ORDER BY id) FROM categories c),
      (SELECT string_agg(r::text, ',' ORDER BY id) FROM rules r),
      (SELECT string_agg(r::text, ',' ORDER BY id) FROM reports r))) AS digest`.execute(db);
  return rows[0]?.digest ?? '';
}
