/** Reading the emulator's SendGrid sink in worker tests. */
export interface SinkMessage {
  id: string;
  subject: string;
  personalizations: { to: { email: string }[] }[];
  content: { type: string; value: string }[];
  attachments: unknown[];
}

/** Every message the sink at `emulatorUrl` received, or only those to `email`. */
export async function sinkInbox(emulatorUrl: string, email?: string): Promise<SinkMessage[]> {
  const res = await fetch(`${emulatorUrl}/emulator/mail`);
  const all = ((await res.json()) as { messages: SinkMessage[] }).messages;
  return email === undefined
    ? all
    : all.filter((m) => m.personalizations.some((p) => p.to.some((to) => to.email === email)));
}

/** Polls until the probe answers something other than undefined. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
