import type { FastifyInstance, FastifyReply } from 'fastify';
import { SANDBOX_INSTITUTIONS } from '../data/sandbox-institutions.ts';
import { completeLinkSession } from '../link/complete-link-session.ts';
import { linkInitializeScript } from '../link/link-initialize-script.ts';
import type { LinkToken } from '../link/link-token.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

type Form = Record<string, string | undefined>;

/**
 * Link without Plaid's CDN: the Hosted Link page (institution, credentials, MFA → completion
 * redirect), the JSON session endpoint the link-initialize.js stand-in calls, and that script.
 */
export function registerHostedLinkRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const tokenOf = (value: string | undefined): LinkToken | undefined => {
    const token = value ? state.linkTokens.get(value) : undefined;
    return token && token.expiresAt > Date.now() ? token : undefined;
  };

  app.get('/link/hosted', async (request, reply) => {
    const token = tokenOf((request.query as Form).token);
    if (!token) return page(reply.code(400), 'Link expired', '<p>This link is invalid or has expired.</p>');
    return page(reply, `Connect your bank to ${token.config.client_name}`, credentialsForm(token.link_token));
  });

  app.post('/link/hosted', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const token = tokenOf(form.token);
    if (!token) return page(reply.code(400), 'Link expired', '<p>This link is invalid or has expired.</p>');
    const outcome = completeLinkSession(state, token, {
      institutionId: form.institution_id ?? '',
      username: form.username ?? '',
      password: form.password ?? '',
      ...(form.mfa_answer ? { mfaAnswer: form.mfa_answer } : {}),
    });
    if (outcome.kind === 'mfa')
      return page(reply, 'Verify it is you', mfaForm(token.link_token, form, outcome.prompt));
    if (outcome.kind === 'error') {
      return page(
        reply,
        'Could not connect',
        `<p role="alert">${esc(outcome.error.displayMessage ?? outcome.error.message)}</p>${credentialsForm(token.link_token)}`,
      );
    }
    const redirect = token.config.hosted_link?.completion_redirect_uri;
    if (redirect) return reply.redirect(redirect, 302);
    return page(
      reply,
      'Connected',
      `<p>${esc(outcome.metadata.institution.name)} is connected. You can close this window.</p>`,
    );
  });

  app.options('/link/session/complete', async (_request, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-headers', 'content-type')
      .code(204)
      .send(),
  );
  app.post('/link/session/complete', async (request, reply) => {
    reply.header('access-control-allow-origin', '*');
    const raw = request.body;
    const body = (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as Form;
    const token = tokenOf(body.link_token);
    if (!token) {
      return reply.code(400).send({
        status: 'error',
        error: {
          error_type: 'INVALID_INPUT',
          error_code: 'INVALID_LINK_TOKEN',
          error_message: 'provided link token is invalid',
          display_message: null,
        },
      });
    }
    const outcome = completeLinkSession(state, token, {
      institutionId: body.institution_id ?? '',
      username: body.username ?? '',
      password: body.password ?? '',
      ...(body.mfa_answer ? { mfaAnswer: body.mfa_answer } : {}),
    });
    if (outcome.kind === 'mfa') return { status: 'mfa', prompt: outcome.prompt, mfa_type: outcome.mfaType };
    if (outcome.kind === 'error')
      return { status: 'error', error: outcome.error.toBody(), link_session_id: outcome.linkSessionId };
    return { status: 'success', public_token: outcome.publicToken, metadata: outcome.metadata };
  });

  app.get('/link/v2/stable/link-initialize.js', async (request, reply) => {
    const origin = `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;
    return reply
      .type('application/javascript; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .send(
        linkInitializeScript(
          origin,
          SANDBOX_INSTITUTIONS.map((i) => ({ id: i.institution_id, name: i.name })),
        ),
      );
  });
}

function credentialsForm(token: string): string {
  const options = SANDBOX_INSTITUTIONS.map(
    (i) => `<option value="${i.institution_id}">${esc(i.name)}</option>`,
  ).join('');
  return `<form method="post" action="/link/hosted">
<input type="hidden" name="token" value="${esc(token)}">
<label>Institution <select name="institution_id">${options}</select></label>
<label>Username <input name="username" value="user_good" autocomplete="username"></label>
<label>Password <input name="password" type="password" value="pass_good" autocomplete="current-password"></label>
<p class="hint">Sandbox: user_good / pass_good; password mfa_device for a code step; error_ITEM_LOCKED etc. to fail.</p>
<button type="submit">Continue</button></form>`;
}

function mfaForm(token: string, form: Form, prompt: string): string {
  const keep = ['institution_id', 'username', 'password']
    .map((k) => `<input type="hidden" name="${k}" value="${esc(form[k] ?? '')}">`)
    .join('');
  return `<form method="post" action="/link/hosted"><input type="hidden" name="token" value="${esc(token)}">${keep}
<label>${esc(prompt)} <input name="mfa_answer" autocomplete="one-time-code"></label><button type="submit">Submit</button></form>`;
}

function page(reply: FastifyReply, title: string, body: string) {
  return reply
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title><style>body{font:16px system-ui;max-width:26rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}input,select{display:block;width:100%;padding:.5rem;margin-top:.3rem}button{padding:.6rem 1.2rem}.hint{color:#555;font-size:.85rem}</style></head><body><h1>${esc(title)}</h1><p class="hint">finsync Plaid emulator — no real bank is contacted.</p>${body}</body></html>`,
    );
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
