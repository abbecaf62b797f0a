import { type Kysely, sql } from 'kysely';
import type { Database, Row } from '../db/database.ts';
import { DomainError } from '../errors/domain-error.ts';

type Executor = Kysely<Database>;

/** The user as the API shows it (contract `User`). */
export interface UserView {
  id: string;
  email: string;
  displayName: string | null;
  timezone: string;
  currency: string;
  locale: string;
  /** TOTP is on. */
  mfaEnabled: boolean;
  /** A passkey is asked for after the password ("require a passkey after my password"). */
  passkeyTwoStep: boolean;
  createdAt: string;
}

export function toUserView(row: Row<'users'>): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    timezone: row.timezone,
    currency: row.currency,
    locale: row.locale,
    mfaEnabled: row.mfa_enabled,
    passkeyTwoStep: row.mfa_passkey,
    createdAt: row.created_at.toISOString(),
  };
}

export const userRepository = {
  findByEmail(db: Executor, email: string): Promise<Row<'users'> | undefined> {
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  },

  findById(db: Executor, id: string): Promise<Row<'users'> | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The user's row, locked until the transaction ends (credential changes that check, then write). */
  findByIdForUpdate(db: Executor, id: string): Promise<Row<'users'> | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** "Require a passkey after my password", on or off (on only while the user has a passkey: a trigger checks). */
  async setPasskeyTwoStep(db: Executor, id: string, on: boolean, now: Date): Promise<void> {
    await db.updateTable('users').set({ mfa_passkey: on, updated_at: now }).where('id', '=', id).execute();
  },

  /** The user's time zone and home currency; an account deleted while its session lived is UNAUTHENTICATED. */
  async zoneAndCurrency(db: Executor, id: string): Promise<{ timezone: string; currency: string }> {
    const user = await db
      .selectFrom('users')
      .select(['timezone', 'currency'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!user) throw new DomainError('UNAUTHENTICATED', 'the account no longer exists');
    return user;
  },

  /** Undefined when the e-mail is taken (case-insensitively). */
  async create(
    db: Executor,
    user: {
      email: string;
      passwordHash: string;
      displayName?: string | undefined;
      timezone?: string | undefined;
      locale?: string | undefined;
    },
  ): Promise<Row<'users'> | undefined> {
    return db
      .insertInto('users')
      .values({
        email: user.email,
        password_hash: user.passwordHash,
        display_name: user.displayName ?? null,
        ...(user.timezone ? { timezone: user.timezone } : {}),
        ...(user.locale ? { locale: user.locale } : {}),
      })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  async setPasswordHash(db: Executor, id: string, passwordHash: string, now: Date): Promise<void> {
    await db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  async setMfa(
    db: Executor,
    id: string,
    mfa: { secretEncrypted: string | null; enabled: boolean; lastStep?: number | null },
    now: Date,
  ): Promise<void> {
    await db
      .updateTable('users')
      .set({
        mfa_secret_encrypted: mfa.secretEncrypted,
        mfa_enabled: mfa.enabled,
        ...(mfa.lastStep !== undefined ? { mfa_last_step: mfa.lastStep } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Accepts a TOTP time step only if it is newer than the last one used: a code works once. */
  async setRecoveryHashes(db: Executor, id: string, hashes: string[]): Promise<void> {
    await db.updateTable('users').set({ mfa_recovery_hashes: hashes }).where('id', '=', id).execute();
  },

  /** Removes one unused recovery code; answers whether it was there (a code works once). */
  async claimRecoveryCode(db: Executor, id: string, hash: string): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ mfa_recovery_hashes: sql`array_remove(mfa_recovery_hashes, ${hash})` })
      .where('id', '=', id)
      .where(sql<boolean>`${hash} = ANY(mfa_recovery_hashes)`)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async claimMfaStep(db: Executor, id: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ mfa_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async delete(db: Executor, id: string): Promise<boolean> {
    const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  },
};
