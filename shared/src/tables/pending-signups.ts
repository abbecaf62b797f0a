import type { Kysely, Selectable } from 'kysely';
import { columnsExcept } from '../db/columns.ts';
import type { Database, PendingSignupsTable } from '../db/database.ts';

type Db = Kysely<Database>;

/** A sign-up waiting for its emailed link: what the account will be made of once the link is followed. */
export interface PendingSignup {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string | null;
  timezone: string | null;
  locale: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

/** A pending sign-up as read: its token's hash and creation time stay in the database. */
const COLUMNS = columnsExcept('pending_signups', ['token_hash', 'created_at']);

type PendingSignupRow = Pick<Selectable<PendingSignupsTable>, (typeof COLUMNS)[number]>;

function toPendingSignup(row: PendingSignupRow): PendingSignup {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    timezone: row.timezone,
    locale: row.locale,
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at,
  };
}

/** Records a sign-up; `tokenHash` is the SHA-256 of the link's token (the token itself is never stored). */
export async function insertPendingSignup(
  db: Db,
  signup: Omit<PendingSignup, 'usedAt'> & { tokenHash: string },
): Promise<void> {
  await db
    .insertInto('pending_signups')
    .values({
      id: signup.id,
      email: signup.email,
      password_hash: signup.passwordHash,
      display_name: signup.displayName,
      timezone: signup.timezone,
      locale: signup.locale,
      token_hash: signup.tokenHash,
      expires_at: signup.expiresAt,
    })
    .execute();
}

/** The sign-up a link's token hash names (scope the transaction by that hash). */
export async function pendingSignupByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<PendingSignup | undefined> {
  const row = await db
    .selectFrom('pending_signups')
    .select(COLUMNS)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toPendingSignup(row) : undefined;
}

/** The sign-up by id, its row locked until the transaction ends (the mailer, and confirming a link). */
export async function lockPendingSignup(db: Db, id: string): Promise<PendingSignup | undefined> {
  const row = await db
    .selectFrom('pending_signups')
    .select(COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toPendingSignup(row) : undefined;
}

/** Retires every open sign-up of the address (its account now exists): each of their links stops working. */
export async function retirePendingSignups(db: Db, email: string, now: Date): Promise<void> {
  await db
    .updateTable('pending_signups')
    .set({ used_at: now })
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('used_at', 'is', null)
    .execute();
}

/** The address's newest open sign-up (tests and tools that stand in for its mailbox). */
export async function latestPendingSignup(db: Db, email: string): Promise<PendingSignup | undefined> {
  const row = await db
    .selectFrom('pending_signups')
    .select(COLUMNS)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? toPendingSignup(row) : undefined;
}
