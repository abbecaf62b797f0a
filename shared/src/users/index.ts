export { type AuditContext, type AuditEvent, recordAudit } from './audit-log.ts';
export { createAccount, type NewAccount } from './create-account.ts';
export { describeDevice } from './describe-device.ts';
export {
  type PersonalAccessTokenView,
  personalAccessTokenRepository,
  type TokenScope,
} from './personal-access-token-repository.ts';
export { type LiveSession, sessionRepository } from './session-repository.ts';
export { type SettingsChange, type SettingsView, settingsRepository } from './settings-repository.ts';
export { toUserView, type UserView, userRepository } from './user-repository.ts';
