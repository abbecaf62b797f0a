import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@finsync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rotateTokenKeys } from './rotate-token-keys.ts';
import { createTokenCipher } from './token-cipher.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase(inject('pgTemplate' as never));
});
afterAll(async () => {
  await tdb?.drop();
});

describe('rotateTokenKeys', () => {
  it('re-encrypts every item token under the new key, keeps the plaintext, and is a no-op when repeated', async () => {
    const old = randomBytes(32);
    const next = randomBytes(32);
    const before = createTokenCipher(new Map([['old', old]]), 'old');
    const user = await tdb.db
      .insertInto('users')
      .values({ email: 'rotate@example.test', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tokens = Array.from({ length: 7 }, (_, i) => `access-sandbox-${i}`);
    await tdb.db
      .insertInto('plaid_items')
      .values(
        tokens.map((t, i) => ({
          user_id: user.id,
          plaid_item_id: `rot-${i}`,
          access_token_encrypted: before.encrypt(t),
        })),
      )
      .execute();
    const after = createTokenCipher(
      new Map([
        ['old', old],
        ['new', next],
      ]),
      'new',
    );
    expect(await rotateTokenKeys(tdb.db, after, 3)).toEqual({ rotated: 7, alreadyCurrent: 0 });
    const rows = await tdb.db
      .selectFrom('plaid_items')
      .select(['plaid_item_id', 'access_token_encrypted'])
      .orderBy('plaid_item_id')
      .execute();
    expect(rows.every((r) => r.access_token_encrypted.startsWith('new:'))).toBe(true);
    const onlyNew = createTokenCipher(new Map([['new', next]]), 'new');
    expect(rows.map((r) => onlyNew.decrypt(r.access_token_encrypted))).toEqual(tokens);
    expect(await rotateTokenKeys(tdb.db, after)).toEqual({ rotated: 0, alreadyCurrent: 7 });
  });
});
