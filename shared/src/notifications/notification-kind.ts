/**
 * What finsync emails about, as stored in notifications.kind (a CHECK constraint holds the same list). Every
 * email is a short sentence and a link into the app: no amounts, payees, account or bank names, balances or
 * attachments, whatever the kind.
 */
export const SWITCHABLE_NOTIFICATION_KINDS = [
  'report_ready',
  'reauth_required',
  'sync_failing',
  'large_transaction',
  'low_balance',
  'missed_bill',
  'budget_pace',
  'goal_behind',
  'bill_due',
] as const;

/** Security notices: always sent, whatever the preferences (account_exists: a sign-up with a registered address). */
export const SECURITY_NOTIFICATION_KINDS = ['account_locked', 'password_reset', 'account_exists'] as const;

export const NOTIFICATION_KINDS = [...SWITCHABLE_NOTIFICATION_KINDS, ...SECURITY_NOTIFICATION_KINDS] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The opt-in alerts (off until the user turns them on). */
export const ALERT_KINDS = [
  'reauth_required',
  'sync_failing',
  'large_transaction',
  'low_balance',
  'missed_bill',
  'bill_due',
] as const satisfies readonly NotificationKind[];

const SECURITY: ReadonlySet<NotificationKind> = new Set(SECURITY_NOTIFICATION_KINDS);

/**
 * Whether the user wants this email. Alerts are opt-in (prefs[kind] === true); report emails go out unless
 * turned off, as the user chose the report schedule itself; a security notice always goes out.
 */
export function wantsNotification(kind: NotificationKind, prefs: Readonly<Record<string, boolean>>): boolean {
  if (SECURITY.has(kind)) return true;
  // Budget pace and goal alerts are opted into per budget or goal (alerts_enabled); this switch can still stop
  // them all.
  if (kind === 'report_ready' || kind === 'budget_pace' || kind === 'goal_behind')
    return prefs[kind] !== false;
  return prefs[kind] === true;
}
