import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** Security-relevant events; the names are stable so operators can alert on them. */
export type AuditEvent =
  | 'auth.signup_requested'
  | 'auth.signup'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.lockout'
  | 'auth.login_throttled'
  | 'auth.logout'
  | 'auth.session_revoked'
  | 'auth.refresh_reuse'
  | 'auth.refresh_grace'
  | 'auth.password_changed'
  | 'auth.password_reset_requested'
  | 'auth.password_reset'
  | 'auth.passkey_added'
  | 'auth.passkey_removed'
  | 'auth.mfa_enabled'
  | 'auth.mfa_disabled'
  | 'auth.mfa_recovery_codes_replaced'
  | 'auth.token_created'
  | 'auth.token_revoked'
  | 'data.export'
  | 'account.deleted';

export interface AuditContext {
  ip: string | null;
  userAgent: string | null;
}

/** Appends one event. `details` must never hold secrets or personal data beyond ids. */
export async function recordAudit(
  db: Kysely<Database>,
  event: AuditEvent,
  userId: string | null,
  context: AuditContext,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: userId,
      event,
      ip: context.ip,
      user_agent: context.userAgent?.slice(0, 300) ?? null,
      details: JSON.stringify(details),
    })
    .execute();
}
