// Statement import through the API on PostgreSQL: upload + preview, commit (insert, categorize, pair transfers
// in one transaction) and a re-import preview of the same CSV. Usage: pnpm bench statement-import [--rows 20000]
import { randomBytes } from 'node:crypto';
import { buildApp } from '@finsync/api';
import { migrateToLatest } from '@finsync/migrations';
import { createDatabase, loadApiConfig } from '@finsync/shared';
import { createEmptyTestDatabase, signUpThroughLink } from '@finsync/test-support';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 20_000);

process.env.FINSYNC_TEST_DB_PREFIX ??= 'finsync_bench_import';
const scratch = await createEmptyTestDatabase();
const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 5 });
try {
  await migrateToLatest(db);
  const app = await buildApp({
    config: loadApiConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', COOKIE_SECURE: 'false' }),
    db,
    plaidItems: { removeItem: async () => {} },
  });
  const signup = await signUpThroughLink(app, db, {
    email: 'bench@example.com',
    password: 'benchmark password 1',
  });
  const cookie = signup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const headers = { cookie, 'x-csrf-token': String(signup.json().csrfToken) };
  const account = await app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers,
    payload: { name: 'Credit union', type: 'checking', currency: 'USD' },
  });
  const accountId = account.json().id as string;
  const day = (i: number) =>
    new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000).toISOString().slice(0, 10);
  const csv = `Date,Description,Amount\n${Array.from({ length: ROWS }, (_, i) => `${day(i)},SHOP ${i % 500} PURCHASE,-${(i % 9000) + 1}.25`).join('\n')}\n`;
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="accountId"\r\n\r\n${accountId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="statement.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  const upload = () =>
    app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
  const timed = async <T>(label: string, run: () => Promise<T>) => {
    const started = performance.now();
    const result = await run();
    console.log(`${label.padEnd(22)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
    return result;
  };
  console.log(`${ROWS} rows, ${(body.byteLength / 1024 / 1024).toFixed(1)} MB CSV`);
  const preview = await timed('upload + preview', upload);
  if (preview.statusCode !== 201) throw new Error(preview.body);
  const commit = await timed('commit', () =>
    app.inject({ method: 'POST', url: `/api/v1/imports/${preview.json().id}/commit`, headers, payload: {} }),
  );
  if (commit.statusCode !== 200) throw new Error(commit.body);
  console.log(`imported ${commit.json().counts.imported}`);
  const again = await timed('re-import preview', upload);
  console.log(`re-import: ${JSON.stringify(again.json().counts)}`);
  await app.close();
} finally {
  await db.destroy();
  await scratch.drop();
}
