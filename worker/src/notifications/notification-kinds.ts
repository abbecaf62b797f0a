/**
 * What finsync emails about. Every email is a short sentence and a link into the app: no amounts,
 * payees, account or bank names, balances or attachments, whatever the kind.
 */
export type NotificationKind =
  | 'report_ready'
  | 'reauth_required'
  | 'sync_failing'
  | 'large_transaction'
  | 'low_balance'
  | 'missed_bill'
  | 'budget_pace'
  | 'account_locked'
  | 'password_reset';

export const ALERT_KINDS = [
  'reauth_required',
  'sync_failing',
  'large_transaction',
  'low_balance',
  'missed_bill',
] as const;

// Names other parts of the system may record rows under (e.g. the sync engine's item errors).
const ALIASES: Record<string, NotificationKind> = {
  item_login_required: 'reauth_required',
  login_required: 'reauth_required',
  pending_expiration: 'reauth_required',
  permission_revoked: 'reauth_required',
  item_error: 'reauth_required',
  item_reauth_required: 'reauth_required',
  item_pending_expiration: 'reauth_required',
  item_permission_revoked: 'reauth_required',
  sync_failed: 'sync_failing',
  weekly_report: 'report_ready',
  monthly_report: 'report_ready',
};

/** Security notices: always sent, whatever the preferences. */
const SECURITY_KINDS: ReadonlySet<string> = new Set(['account_locked', 'password_reset']);

/** The canonical kind for a notifications.kind value, or undefined when finsync cannot send it. */
export function notificationKind(kind: string): NotificationKind | undefined {
  const k = kind.trim().toLowerCase();
  if (
    (ALERT_KINDS as readonly string[]).includes(k) ||
    k === 'report_ready' ||
    k === 'budget_pace' ||
    SECURITY_KINDS.has(k)
  ) {
    return k as NotificationKind;
  }
  return ALIASES[k];
}

/**
 * Whether the user wants this email. Alerts are opt-in (users.notification_prefs[kind] === true);
 * report emails go out unless turned off, as the user chose the report schedule itself; a security
 * notice (account locked, password reset) always goes out.
 */
export function wantsNotification(kind: NotificationKind, prefs: Record<string, boolean>): boolean {
  if (SECURITY_KINDS.has(kind)) return true;
  // Budget pace alerts are opted into per budget (budgets.alerts_enabled); this switch can still stop them all.
  if (kind === 'report_ready' || kind === 'budget_pace') return prefs[kind] !== false;
  return prefs[kind] === true;
}
