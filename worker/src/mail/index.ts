export { MailSendError, type MailTransport, type OutgoingMail } from './mail-transport.ts';
export { createSendgridTransport, type SendgridTransportOptions } from './sendgrid-transport.ts';
