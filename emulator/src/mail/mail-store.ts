/** A message accepted by the SendGrid sink, as the demo and tests read it back. */
export interface StoredMail {
  id: string;
  received_at: string;
  from: { email: string; name?: string };
  reply_to: { email: string; name?: string } | null;
  subject: string;
  personalizations: {
    to: { email: string; name?: string }[];
    cc?: { email: string; name?: string }[];
    bcc?: { email: string; name?: string }[];
    subject?: string;
  }[];
  content: { type: string; value: string }[];
  categories: string[];
  custom_args: Record<string, string>;
  attachments: { filename: string; type?: string; content: string }[];
}

const MAX_KEPT = 500;

/** In-memory outbox of the SendGrid sink. */
export class MailStore {
  readonly #messages: StoredMail[] = [];

  add(mail: StoredMail): void {
    this.#messages.push(mail);
    if (this.#messages.length > MAX_KEPT) this.#messages.splice(0, this.#messages.length - MAX_KEPT);
  }

  list(): readonly StoredMail[] {
    return this.#messages;
  }

  get(id: string): StoredMail | undefined {
    return this.#messages.find((m) => m.id === id);
  }

  clear(): void {
    this.#messages.length = 0;
  }
}
