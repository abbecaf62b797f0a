import type { Page } from 'playwright-core';
import type { BrowserApp } from './browser-app.ts';

/**
 * Links a bank from the onboarding page as a person does: "Link a bank", the emulator's Link dialog (its
 * institution at `institution`, the good test credentials), Continue; then waits for the first sync to end.
 */
export async function linkBankInBrowser(
  app: BrowserApp,
  page: Page,
  { institution = 0, syncTimeoutMs = 90_000 }: { institution?: number; syncTimeoutMs?: number } = {},
): Promise<void> {
  await page.getByRole('button', { name: 'Link a bank' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect a bank' });
  await app.expectVisible(page, dialog);
  await dialog.locator('select').selectOption({ index: institution });
  await dialog.locator('input[name=username]').fill('user_good');
  await dialog.locator('input[name=password]').fill('pass_good');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await app.expectVisible(page, page.locator('[data-sync-status="succeeded"]'), syncTimeoutMs);
}
