import type { NotificationKind } from '@finsync/shared/notifications';

export interface NotificationLinks {
  /** The one thing to open: a signed report link, or a page of the app. */
  action: string;
  preferences: string;
  /** The app's one-click unsubscribe page. */
  unsubscribe: string;
  /** Where mail clients POST a one-click unsubscribe (List-Unsubscribe header); null: none (security notices). */
  oneClick: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  subject: string;
  lines: string[];
  button: string;
}

const WORDING: Record<NotificationKind, (context: { reportKind?: string }) => Wording> = {
  report_ready: ({ reportKind }) => {
    const which = reportKind === 'monthly' ? 'monthly' : reportKind === 'weekly' ? 'weekly' : 'new';
    return {
      subject: `Your ${which} report is ready`,
      lines: [
        `Your ${which} finsync report is ready.`,
        'Open it in finsync to see your spending, income and trends. You will be asked to sign in.',
      ],
      button: 'Open your report',
    };
  },
  reauth_required: () => ({
    subject: 'A bank connection needs your attention',
    lines: [
      'One of your bank connections needs you to sign in to your bank again before finsync can keep it up to date.',
    ],
    button: 'Reconnect in finsync',
  }),
  sync_failing: () => ({
    subject: 'A bank connection has not updated for a day',
    lines: ['finsync has not been able to update one of your bank connections for more than a day.'],
    button: 'Check your connections',
  }),
  large_transaction: () => ({
    subject: 'A large transaction was recorded',
    lines: ['A transaction above the limit you set for alerts was recorded on one of your accounts.'],
    button: 'Review it in finsync',
  }),
  low_balance: () => ({
    subject: 'An account balance is low',
    lines: ['One of your accounts has fallen below the balance you set for alerts.'],
    button: 'See your accounts',
  }),
  account_locked: () => ({
    subject: 'Your finsync account was locked for a while',
    lines: [
      'After several failed sign-in attempts your finsync account is locked for a short while.',
      'If this was not you, sign in once it unlocks and change your password.',
    ],
    button: 'Go to finsync',
  }),
  password_reset: () => ({
    subject: 'Reset your finsync password',
    lines: [
      'Someone asked to reset the password of your finsync account. The link works once, for 30 minutes.',
      'If it was not you, ignore this email: your password stays as it is.',
    ],
    button: 'Choose a new password',
  }),
  account_exists: () => ({
    subject: 'You already have a finsync account',
    lines: [
      'Someone (hopefully you) asked to create a finsync account with this email address. You already have one, so nothing was created.',
      'Sign in as usual, or, if you forgot your password, choose a new one with this link: it works once, for 30 minutes.',
      'If it was not you, ignore this email: your account stays as it is.',
    ],
    button: 'Choose a new password',
  }),
  budget_pace: () => ({
    subject: 'A budget you watch needs a look',
    lines: [
      'One of the budgets you asked to be alerted about has reached a share of its limit for this month.',
    ],
    button: 'See your budgets',
  }),
  goal_behind: () => ({
    subject: 'A savings goal needs a look',
    lines: ['One of the savings goals you asked to be alerted about has fallen behind its plan.'],
    button: 'See your goals',
  }),
  bill_due: () => ({
    subject: 'A bill is due soon',
    lines: ['A bill or subscription you track is due in the next few days.'],
    button: 'See your recurring bills',
  }),
  missed_bill: () => ({
    subject: 'An expected bill did not arrive',
    lines: ['A bill or subscription you usually pay has not shown up when expected.'],
    button: 'See your recurring bills',
  }),
};

/**
 * The email for a notification. It is built only from the kind and links, never from report figures
 * or transaction data, so it cannot leak amounts, payees or account names.
 */
export function renderNotificationEmail(
  kind: NotificationKind,
  links: NotificationLinks,
  context: { reportKind?: string } = {},
): RenderedEmail {
  return renderEmail(WORDING[kind](context), links.action, {
    text: [
      'You receive this email because of your finsync notification settings.',
      `Change what finsync emails you about: ${links.preferences}`,
      `Stop these emails: ${links.unsubscribe}`,
    ],
    html: `You receive this email because of your finsync notification settings.
<a href="${escapeHtml(links.preferences)}">Notification preferences</a> · <a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a>`,
  });
}

/** The email that finishes a sign-up: its one link creates the account. Sent to an address with no account yet. */
export function renderSignupEmail(action: string): RenderedEmail {
  return renderEmail(
    {
      subject: 'Confirm your email to create your finsync account',
      lines: [
        'Someone (hopefully you) asked to create a finsync account with this email address.',
        'Open the link to create it and sign in. It works once, for 24 hours.',
        'If it was not you, ignore this email: no account is created.',
      ],
      button: 'Create my account',
    },
    action,
    {
      text: ['You receive this email because this address was entered on finsync’s sign-up page.'],
      html: 'You receive this email because this address was entered on finsync’s sign-up page.',
    },
  );
}

function renderEmail(w: Wording, action: string, footer: { text: string[]; html: string }): RenderedEmail {
  const text = [...w.lines, '', `${w.button}: ${action}`, '', ...footer.text, ''].join('\n');
  const html = `<!doctype html>
<html><body style="font-family:Helvetica,Arial,sans-serif;color:#1b2a41;max-width:560px;margin:0 auto;padding:24px">
<p style="font-weight:bold;color:#5a6b85">finsync</p>
${w.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
<p><a href="${escapeHtml(action)}" style="display:inline-block;background:#2f6fdf;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(w.button)}</a></p>
<hr style="border:none;border-top:1px solid #dde2ea">
<p style="font-size:12px;color:#667">${footer.html}</p>
</body></html>`;
  return { subject: w.subject, text, html };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
