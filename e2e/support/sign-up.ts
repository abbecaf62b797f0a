import { sinkBody, sinkInbox, until } from '@finsync/test-support';
import type { Page } from 'playwright-core';

/** Waits for the sign-up email to `email` in the mail sink (the emulator at `sinkUrl`) and answers its link. */
export const signUpLinkFromMail = (sinkUrl: string, email: string, timeoutMs = 60_000): Promise<string> =>
  until(
    async () =>
      (await sinkInbox(new URL(sinkUrl).origin, email))
        .map((m) => SIGNUP_LINK.exec(sinkBody(m))?.[0])
        .find(Boolean),
    timeoutMs,
    () => `no sign-up email for ${email} in the mail sink`,
  );
const SIGNUP_LINK = /https?:\/\/[^\s"'<>]+\/sign-up\/confirm\?t=[^\s"'<>&]+/;

/**
 * Signs up through the browser as a user does: the sign-up page (opened unless the page is on it already),
 * "Check your email", the link from the mail sink, and "Create my account", which signs in and lands on
 * onboarding.
 */
export async function signUpInBrowser(
  page: Page,
  options: {
    appUrl: string;
    /** The mail sink: the emulator's URL (its SendGrid API keeps what the app sent). */
    mailSinkUrl: string;
    email: string;
    password: string;
    displayName?: string;
    timeoutMs?: number;
  },
): Promise<void> {
  const timeout = options.timeoutMs ?? 60_000;
  if (!new URL(page.url(), options.appUrl).pathname.endsWith('/sign-up'))
    await page.goto(`${options.appUrl}/sign-up`);
  if (options.displayName) await page.getByLabel('Your name (optional)').fill(options.displayName);
  await page.getByLabel('Email').fill(options.email);
  await page.getByLabel('Password').fill(options.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor({ timeout });
  const link = await signUpLinkFromMail(options.mailSinkUrl, options.email, timeout);
  // The link names the app's origin as the API was told it (APP_URL): open it on the origin under test.
  const target = new URL(link);
  await page.goto(`${options.appUrl}${target.pathname}${target.search}`);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.getByRole('heading', { name: 'Link your bank' }).waitFor({ timeout });
}
