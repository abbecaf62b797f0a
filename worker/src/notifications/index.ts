export {
  createCheckAlertsProcessor,
  createDispatchNotificationsProcessor,
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
  type SendOutcome,
  sendNotification,
} from './send-notification.ts';
