import { expect } from 'vitest';

/** Finishes a Link session as the emulator's link-initialize.js does (it also sends SESSION_FINISHED). */
export async function finishLinkSession(emulatorUrl: string, linkToken: string): Promise<string> {
  const res = await fetch(`${emulatorUrl}/link/session/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      link_token: linkToken,
      institution_id: 'ins_109508',
      username: 'user_good',
      password: 'pass_good',
    }),
  });
  const session = (await res.json()) as { status: string; public_token: string };
  expect(session.status).toBe('success');
  return session.public_token;
}

/** Fills in the emulator's Hosted Link page like a user would and returns where it sends the browser. */
export async function completeHostedPage(hostedLinkUrl: string): Promise<string | null> {
  const page = await fetch(hostedLinkUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const field = (name: string) =>
    new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? expect.fail(`no ${name} field`);
  const institution = /<option value="([^"]+)"/.exec(html)?.[1] ?? expect.fail('no institution');
  const submitted = await fetch(new URL('/link/hosted', hostedLinkUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: field('token'),
      institution_id: institution,
      username: field('username'),
      password: field('password'),
    }).toString(),
    redirect: 'manual',
  });
  expect(submitted.status).toBe(302);
  return submitted.headers.get('location');
}
