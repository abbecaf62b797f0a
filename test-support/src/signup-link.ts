import { type Db, DEV_REPORT_LINK_SECRET } from '@finsync/shared';
import { signupLinkToken } from '@finsync/shared/auth';
import { latestPendingSignup } from '@finsync/shared/tables';

/**
 * The token of the link the mailer emails for the address's newest sign-up, signed as the mailer signs it with
 * `linkSecret` (the app's REPORT_LINK_SECRET; default: the development one tests run with). What an API test
 * posts to /auth/signup/confirm in place of reading a mailbox; browser tests read the mail sink instead.
 */
export async function signupLinkTokenFor(
  db: Db,
  email: string,
  linkSecret: string = DEV_REPORT_LINK_SECRET,
): Promise<string> {
  const signup = await latestPendingSignup(db, email);
  if (!signup) throw new Error(`no open sign-up for ${email}`);
  return signupLinkToken(signup, linkSecret);
}

/** An app that answers injected requests (Fastify's `inject`). */
interface Injectable<R> {
  inject(options: { method: 'POST'; url: string; payload: Record<string, unknown> }): Promise<R>;
}

/**
 * Signs up through the API of an app on `db` in two steps, as a user does: POST /auth/signup (202), then the
 * emailed link's token to /auth/signup/confirm. Answers the confirmation (201, the session's cookies and body).
 */
export async function signUpThroughLink<R extends { statusCode: number; body: string }>(
  app: Injectable<R>,
  db: Db,
  account: { email: string; password: string; displayName?: string },
  linkSecret: string = DEV_REPORT_LINK_SECRET,
): Promise<R> {
  const asked = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: account });
  if (asked.statusCode !== 202) throw new Error(`signup failed: ${asked.statusCode} ${asked.body}`);
  const token = await signupLinkTokenFor(db, account.email, linkSecret);
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup/confirm',
    payload: { token },
  });
  if (confirmed.statusCode !== 201)
    throw new Error(`signup confirmation failed: ${confirmed.statusCode} ${confirmed.body}`);
  return confirmed;
}
