export {
  CHECK_ALERTS_JOB,
  createCheckAlertsProcessor,
  createDispatchNotificationsProcessor,
  DISPATCH_NOTIFICATIONS_JOB,
  sendNotificationJob,
} from './dispatch-notifications.ts';
export { type AlertThresholds, DEFAULT_ALERT_THRESHOLDS, recordAlerts } from './record-alerts.ts';
export {
  type NotificationLinks,
  type RenderedEmail,
  renderNotificationEmail,
} from './render-notification-email.ts';
export {
  createSendNotificationProcessor,
  NotificationRetryError,
  type NotificationSenderDeps,
  SEND_NOTIFICATION_JOB,
  type SendOutcome,
  sendNotification,
} from './send-notification.ts';
