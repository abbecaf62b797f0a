export {
  ALERT_KINDS,
  NOTIFICATION_KINDS,
  type NotificationKind,
  SECURITY_NOTIFICATION_KINDS,
  SWITCHABLE_NOTIFICATION_KINDS,
  wantsNotification,
} from './notification-kind.ts';
