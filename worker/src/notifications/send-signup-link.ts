import type { Database } from '@finsync/shared';
import { signupLinkToken } from '@finsync/shared/auth';
import type { JobData } from '@finsync/shared/jobs';
import { lockPendingSignup } from '@finsync/shared/tables';
import type { Kysely } from 'kysely';
import { MailSendError, type MailTransport } from '../mail/mail-transport.ts';
import { renderSignupEmail } from './render-notification-email.ts';
import { NotificationRetryError } from './send-notification.ts';

export interface SignupLinkSenderDeps {
  db: Kysely<Database>;
  transport: MailTransport;
  from: string;
  appUrl: string;
  linkSecret: string;
  now: () => Date;
}

export type SignupLinkOutcome =
  | { outcome: 'sent'; messageId: string | null }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'missing' };

/**
 * Emails a pending sign-up its link. The token is signed here, at send time, exactly as the API signed it to
 * store its hash, so no usable token is ever stored or queued. A used or expired sign-up gets nothing; a
 * provider's transient error throws so the queue backs off and retries (a repeat of this email is harmless: it
 * carries the same link).
 */
export async function sendSignupLink(
  deps: SignupLinkSenderDeps,
  signupId: string,
): Promise<SignupLinkOutcome> {
  return deps.db.transaction().execute(async (trx): Promise<SignupLinkOutcome> => {
    const signup = await lockPendingSignup(trx, signupId);
    if (!signup) return { outcome: 'missing' };
    if (signup.usedAt || signup.expiresAt.getTime() <= deps.now().getTime())
      return { outcome: 'skipped', reason: 'sign-up used or expired' };
    const token = signupLinkToken(signup, deps.linkSecret);
    const action = `${deps.appUrl.replace(/\/+$/, '')}/sign-up/confirm?t=${encodeURIComponent(token)}`;
    const email = renderSignupEmail(action);
    try {
      const { messageId } = await deps.transport.send({
        to: signup.email,
        from: deps.from,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: {},
        categories: ['signup_link'],
      });
      return { outcome: 'sent', messageId };
    } catch (error) {
      if (error instanceof MailSendError && !error.transient)
        return { outcome: 'failed', reason: error.message };
      throw new NotificationRetryError(error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
  });
}

/** The `send-signup-link` job: `{ signupId }`. */
export function createSendSignupLinkProcessor(deps: SignupLinkSenderDeps) {
  return ({ signupId }: JobData<'send-signup-link'>): Promise<SignupLinkOutcome> =>
    sendSignupLink(deps, signupId);
}
