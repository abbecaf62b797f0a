import { type Kysely, sql } from 'kysely';

// Frozen: this file keeps meaning what it meant when written.
//
// A passkey as the second step of a password sign-in (issue 14), for accounts with or without TOTP.
// users.mfa_passkey says the user chose "require a passkey after my password". It may only be true while the
// user has a passkey: a deferred constraint trigger refuses, at commit, a transaction that leaves it on with
// none (turning it on without one, or removing the last one while it is on), so that state cannot be stored
// whatever path writes it. Deleting the user removes both at once, which is allowed.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `ALTER TABLE users ADD COLUMN mfa_passkey boolean NOT NULL DEFAULT false`,
    `CREATE FUNCTION passkey_second_factor_check(owner uuid) RETURNS void LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM users WHERE id = owner AND mfa_passkey)
          AND NOT EXISTS (SELECT 1 FROM passkeys WHERE user_id = owner) THEN
         RAISE EXCEPTION 'a passkey second step needs a passkey (user %)', owner
           USING ERRCODE = 'check_violation', CONSTRAINT = 'passkey_second_factor_has_passkey';
       END IF;
     END $$`,
    `CREATE FUNCTION passkey_second_factor_on_passkey_delete() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM passkey_second_factor_check(OLD.user_id); RETURN NULL; END $$`,
    `CREATE FUNCTION passkey_second_factor_on_user_update() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM passkey_second_factor_check(NEW.id); RETURN NULL; END $$`,
    `CREATE CONSTRAINT TRIGGER passkey_second_factor_on_delete AFTER DELETE ON passkeys
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION passkey_second_factor_on_passkey_delete()`,
    `CREATE CONSTRAINT TRIGGER passkey_second_factor_on_update AFTER UPDATE OF mfa_passkey ON users
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.mfa_passkey)
       EXECUTE FUNCTION passkey_second_factor_on_user_update()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const statements = [
    `DROP TRIGGER IF EXISTS passkey_second_factor_on_update ON users`,
    `DROP TRIGGER IF EXISTS passkey_second_factor_on_delete ON passkeys`,
    `DROP FUNCTION IF EXISTS passkey_second_factor_on_user_update()`,
    `DROP FUNCTION IF EXISTS passkey_second_factor_on_passkey_delete()`,
    `DROP FUNCTION IF EXISTS passkey_second_factor_check(uuid)`,
    `ALTER TABLE users DROP COLUMN IF EXISTS mfa_passkey`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
