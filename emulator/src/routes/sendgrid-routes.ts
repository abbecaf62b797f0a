import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoredMail } from '../mail/mail-store.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

type Json = Record<string, unknown>;
type Address = { email: string; name?: string };

interface SendGridError {
  message: string;
  field: string | null;
  help: string | null;
}

/** SendGrid's v3 mail/send as a sink: same auth and error answers, messages kept for the demo and tests. */
export function registerSendGridRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.post('/v3/mail/send', async (request, reply) => {
    const auth = request.headers.authorization;
    if (!auth || !/^Bearer \S+$/.test(auth)) {
      return reply.code(401).send({
        errors: [
          {
            message: 'The provided authorization grant is invalid, expired, or revoked',
            field: null,
            help: null,
          },
        ],
      });
    }
    const body = (request.body ?? {}) as Json;
    const errors: SendGridError[] = [];
    const from = address(body.from, 'from', errors);
    const personalizations = Array.isArray(body.personalizations) ? (body.personalizations as Json[]) : null;
    if (!personalizations || personalizations.length === 0) {
      errors.push(
        err(
          'The personalizations field is required and must have at least one personalization.',
          'personalizations',
          'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#-Personalizations-Errors',
        ),
      );
    }
    const parsedPersonalizations = (personalizations ?? []).map((p, i) => {
      const to = Array.isArray(p.to)
        ? (p.to as unknown[]).map((t) => address(t, `personalizations.${i}.to`, errors))
        : [];
      if (to.length === 0)
        errors.push(
          err(
            'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
            `personalizations.${i}.to`,
            null,
          ),
        );
      return {
        to: to.filter((t): t is Address => t !== null),
        ...(typeof p.subject === 'string' ? { subject: p.subject } : {}),
      };
    });
    const subject =
      typeof body.subject === 'string' ? body.subject : (parsedPersonalizations[0]?.subject ?? null);
    if (!subject)
      errors.push(
        err(
          'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
          'subject',
          null,
        ),
      );
    const content = Array.isArray(body.content) ? (body.content as Json[]) : [];
    const hasTemplate = typeof body.template_id === 'string';
    if (
      !hasTemplate &&
      (content.length === 0 ||
        content.some((c) => typeof c.type !== 'string' || typeof c.value !== 'string' || c.value === ''))
    ) {
      errors.push(
        err(
          'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
          'content',
          null,
        ),
      );
    }
    if (errors.length || !from) return reply.code(400).send({ errors });
    const id = state.random.id(22);
    const mail: StoredMail = {
      id,
      received_at: new Date().toISOString(),
      from,
      reply_to: body.reply_to ? address(body.reply_to, 'reply_to', []) : null,
      subject: subject!,
      personalizations: parsedPersonalizations,
      content: content.map((c) => ({ type: String(c.type), value: String(c.value) })),
      categories: Array.isArray(body.categories) ? (body.categories as unknown[]).map(String) : [],
      custom_args: (body.custom_args as Record<string, string> | undefined) ?? {},
      attachments: Array.isArray(body.attachments)
        ? (body.attachments as Json[]).map((a) => ({
            filename: String(a.filename),
            content: String(a.content),
            ...(a.type ? { type: String(a.type) } : {}),
          }))
        : [],
    };
    state.mail.add(mail);
    return reply.code(202).header('x-message-id', id).send('');
  });

  app.get('/emulator/mail', async () => ({ messages: state.mail.list() }));
  app.get('/emulator/mail/:id', async (request, reply: FastifyReply) => {
    const mail = state.mail.get((request.params as { id: string }).id);
    if (!mail) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such message' } });
    return mail;
  });
  app.delete('/emulator/mail', async () => {
    state.mail.clear();
    return { messages: [] };
  });
  app.get('/emulator/mail.html', async (_request, reply) => {
    const rows = [...state.mail.list()]
      .reverse()
      .map((m) => {
        const html = m.content.find((c) => c.type === 'text/html');
        const text = m.content.find((c) => c.type === 'text/plain');
        const preview = html
          ? `<iframe sandbox srcdoc="${escapeHtml(html.value)}" title="${escapeHtml(m.subject)}"></iframe>`
          : `<pre>${escapeHtml(text?.value ?? '')}</pre>`;
        const to = m.personalizations.flatMap((p) => p.to.map((t) => t.email)).join(', ');
        return `<article><h2>${escapeHtml(m.subject)}</h2><p><b>From</b> ${escapeHtml(m.from.email)} · <b>To</b> ${escapeHtml(to)} · ${escapeHtml(m.received_at)} · <a href="/emulator/mail/${m.id}">JSON</a></p>${preview}</article>`;
      })
      .join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>finsync mail sink</title><style>body{font:15px system-ui;margin:2rem;max-width:60rem}article{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}iframe{width:100%;height:24rem;border:1px solid #eee}</style></head><body><h1>Mail sink (${state.mail.list().length})</h1>${rows || '<p>No mail yet.</p>'}</body></html>`,
      );
  });
}

function address(value: unknown, field: string, errors: SendGridError[]): Address | null {
  const v = value as Json | undefined;
  if (!v || typeof v.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) {
    errors.push(err(`The ${field} object must be provided and contain a valid email address.`, field, null));
    return null;
  }
  return { email: v.email, ...(typeof v.name === 'string' ? { name: v.name } : {}) };
}

function err(message: string, field: string | null, help: string | null): SendGridError {
  return { message, field, help };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
