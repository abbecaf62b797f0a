/** Reading the emulator's SendGrid sink: the inbox of worker and e2e tests. */
export interface SinkMessage {
  id: string;
  subject: string;
  personalizations: { to: { email: string }[] }[];
  content: { type: string; value: string }[];
  attachments: unknown[];
}

/** Every message the sink at `emulatorUrl` received, oldest first, or only those to `email`. */
export async function sinkInbox(emulatorUrl: string, email?: string): Promise<SinkMessage[]> {
  const res = await fetch(`${emulatorUrl}/emulator/mail`);
  const all = ((await res.json()) as { messages: SinkMessage[] }).messages;
  return email === undefined
    ? all
    : all.filter((m) => m.personalizations.some((p) => p.to.some((to) => to.email === email)));
}

/** A message's text and HTML parts together, to search for a link or a phrase. */
export const sinkBody = (message: SinkMessage): string => message.content.map((c) => c.value).join('\n');

/**
 * Polls every 100 ms until the probe answers something other than undefined; on timeout the error says what
 * was awaited and, from `context`, what else is known (e.g. failed jobs).
 */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  context: () => string = () => '',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${probe}\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
