import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

const send = (body: unknown, auth: string | null = 'Bearer SG.test-key') =>
  fetch(`${emulator.url}/v3/mail/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });

const message = {
  personalizations: [{ to: [{ email: 'ana@example.com', name: 'Ana' }] }],
  from: { email: 'reports@finsync.local', name: 'finsync' },
  subject: 'Your weekly summary',
  content: [
    { type: 'text/plain', value: 'You spent $120.00' },
    { type: 'text/html', value: '<p>You spent <b>$120.00</b></p>' },
  ],
};

describe('SendGrid sink', () => {
  it('accepts a message with 202 and an X-Message-Id, and lists it as JSON and HTML', async () => {
    const res = await send(message);
    expect(res.status).toBe(202);
    const id = res.headers.get('x-message-id');
    expect(id).toBeTruthy();
    const list = (await (await fetch(`${emulator.url}/emulator/mail`)).json()) as {
      messages: { id: string; subject: string }[];
    };
    expect(list.messages.map((m) => m.id)).toContain(id);
    const one = (await (await fetch(`${emulator.url}/emulator/mail/${id}`)).json()) as {
      personalizations: unknown;
    };
    expect(one.personalizations).toEqual(message.personalizations);
    const html = await (await fetch(`${emulator.url}/emulator/mail.html`)).text();
    expect(html).toContain('Your weekly summary');
  });

  it('answers a missing API key with 401 and SendGrid error body', async () => {
    const res = await send(message, null);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /authorization/,
    );
  });

  it('answers a message without recipients or subject with 400 naming the fields', async () => {
    const res = await send({ from: message.from, content: message.content });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['personalizations', 'subject']));
  });

  it('forgets messages on DELETE', async () => {
    await send(message);
    await fetch(`${emulator.url}/emulator/mail`, { method: 'DELETE' });
    const list = (await (await fetch(`${emulator.url}/emulator/mail`)).json()) as { messages: unknown[] };
    expect(list.messages).toEqual([]);
  });
});
