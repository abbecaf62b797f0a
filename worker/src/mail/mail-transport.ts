/** An email as finsync sends it: text and HTML bodies, never attachments. */
export interface OutgoingMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Provider-side tags for delivery statistics (no personal data). */
  categories?: string[];
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
}

/**
 * A provider refusal. `transient` errors (network, timeouts, 429, 5xx) are worth retrying with
 * backoff; the others (bad key, rejected address) will fail the same way again.
 */
export class MailSendError extends Error {
  readonly code = 'MAIL_SEND_FAILED';
  readonly transient: boolean;
  readonly status: number | null;
  constructor(message: string, options: { transient: boolean; status: number | null; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'MailSendError';
    this.transient = options.transient;
    this.status = options.status;
  }
}
