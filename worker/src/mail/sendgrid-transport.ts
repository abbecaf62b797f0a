import { MailService } from '@sendgrid/mail';
import { MailSendError, type MailTransport } from './mail-transport.ts';

export interface SendgridTransportOptions {
  apiKey: string;
  /** SENDGRID_BASE_URL: the emulator's SendGrid sink offline and in tests; unset = SendGrid itself. */
  baseUrl?: string | undefined;
  timeoutMs?: number;
}

/** Sends through @sendgrid/mail, with its own client instance so the base URL never leaks between users. */
export function createSendgridTransport(options: SendgridTransportOptions): MailTransport {
  const service = new MailService();
  service.setApiKey(options.apiKey);
  // setApiKey resets the base URL to SendGrid's, so the override comes after it.
  const client = (service as unknown as { client: { setDefaultRequest(key: string, value: unknown): void } })
    .client;
  if (options.baseUrl) client.setDefaultRequest('baseUrl', options.baseUrl.replace(/\/+$/, ''));
  service.setTimeout(options.timeoutMs ?? 15_000);
  return {
    async send(mail) {
      try {
        const [response] = await service.send({
          to: mail.to,
          from: mail.from,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(mail.headers ? { headers: mail.headers } : {}),
          ...(mail.categories ? { categories: mail.categories } : {}),
          trackingSettings: {
            clickTracking: { enable: false, enableText: false },
            openTracking: { enable: false },
          },
        });
        const header = response.headers['x-message-id'] ?? response.headers['X-Message-Id'];
        return { messageId: typeof header === 'string' ? header : null };
      } catch (error) {
        throw toMailSendError(error);
      }
    },
  };
}

function toMailSendError(error: unknown): MailSendError {
  const status = (error as { code?: unknown }).code;
  if (typeof status === 'number') {
    const transient = status === 429 || status >= 500;
    // The provider's body may echo addresses; keep only the status in the message.
    return new MailSendError(`mail provider answered ${status}`, { transient, status, cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new MailSendError(`mail provider unreachable: ${reason}`, {
    transient: true,
    status: null,
    cause: error,
  });
}
