import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@finsync/api';
import { createRedis, loadApiConfig } from '@finsync/shared';
import { createTestDatabase, type TestDatabase, testEnvironment } from '@finsync/shared/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWeb } from './support/build-web.ts';
import { type ServedSpa, serveSpa } from './support/serve-spa.ts';

/*
 * The browser journey against the real API (Postgres, Redis) and the built SPA.
 * Steps whose backend is not in the repository yet (Link token/exchange routes, sync progress of a linked
 * item, rules, reports, PDF, mail link) are listed in the issue-8 report; the ledger rows such a link
 * would create are written as the sync worker would, so the steps after it run on real routes.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const screenshots = join(root, 'e2e', 'screenshots');
const viewports = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;

let t: TestDatabase;
let redis: ReturnType<typeof createRedis>;
let api: Awaited<ReturnType<typeof buildApp>>;
let spa: ServedSpa;
let browser: Browser;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const dist = buildWeb(root);
  t = await createTestDatabase(inject('pgTemplate'));
  redis = createRedis(testEnvironment(process.env).redisUrl);
  api = await buildApp({
    config: loadApiConfig({
      LOG_LEVEL: process.env.E2E_API_LOG ?? 'silent',
      NODE_ENV: 'test',
      JWT_SECRET: `e2e-${randomBytes(24).toString('hex')}`,
      COOKIE_SECURE: 'false',
      REDIS_PREFIX: `e2e-journey-${randomBytes(6).toString('hex')}`,
    }),
    db: t.db,
    redis,
  });
  const apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
  spa = await serveSpa(dist, apiUrl);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  await mkdir(screenshots, { recursive: true });
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await spa?.close();
  await api?.close();
  await redis?.quit();
  await t?.drop();
});

function watchConsole(page: Page): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chrome logs every 4xx as a console error; the session probe's 401s when signed out are expected.
    const url = message.location().url;
    if (/Failed to load resource.*401/.test(message.text()) && /\/api\/v1\/auth\/(me|refresh)$/.test(url))
      return;
    consoleErrors.push(`${message.text()} (${url})`);
  });
  page.on('response', async (response) => {
    if (response.status() >= 500)
      consoleErrors.push(`${response.status()} ${response.url()}: ${await response.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
}

async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  for (const [label, size] of Object.entries(viewports)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(screenshots, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(viewports.desktop);
}

/** What a completed Link + first sync leaves behind: an item, an account and transactions (see header). */
async function seedLinkedBank(userId: string): Promise<void> {
  const item = await t.db
    .insertInto('plaid_items')
    .values({
      user_id: userId,
      plaid_item_id: 'item-e2e',
      access_token_encrypted: 'dev1:x:y:z',
      institution_name: 'First Platypus Bank',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await t.db
    .insertInto('accounts')
    .values({
      user_id: userId,
      item_id: item.id,
      plaid_account_id: 'acc-e2e',
      name: 'Plaid Checking',
      mask: '0000',
      type: 'depository',
      currency: 'USD',
      current_minor: 1_234_56,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  await t.db
    .insertInto('transactions')
    .values(
      [
        { name: 'GUSTO PAYROLL', merchant: null, amount: -3_200_00, offset: 2 },
        { name: 'SQ *BLUE BOTTLE COFFEE', merchant: 'Blue Bottle Coffee', amount: 6_50, offset: 1 },
        { name: 'WHOLEFDS MKT 10234', merchant: 'Whole Foods', amount: 84_12, offset: 3 },
        { name: 'UBER *TRIP', merchant: 'Uber', amount: 23_40, offset: 40 },
      ].map((x, i) => ({
        user_id: userId,
        item_id: item.id,
        account_id: account.id,
        plaid_transaction_id: `tx-e2e-${i}`,
        amount_minor: x.amount,
        currency: 'USD',
        date: day(x.offset),
        raw_name: x.name,
        merchant_name: x.merchant,
      })),
    )
    .execute();
}

describe('finsync in the browser', () => {
  it('signs up, shows every page, recategorizes a transaction and asks for login once signed out', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    watchConsole(page);

    // Sign up.
    await page.goto(`${spa.url}/sign-up`);
    await screenshotBothWidths(page, 'sign-up');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Onboarding: the Link step (linking itself is blocked on the API's Link routes, see header).
    await page
      .getByRole('heading', { name: 'Link your bank' })
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}\npage: ${await page.locator('body').textContent()}\nconsole: ${consoleErrors.join('\n')}`,
        );
      });
    await expect(page.getByRole('button', { name: 'Link a bank' }).isEnabled()).resolves.toBe(true);
    await screenshotBothWidths(page, 'onboarding');

    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ada@example.com')
      .executeTakeFirstOrThrow();
    await seedLinkedBank(user.id);

    // Dashboard: the three charts are drawn and the figures match the ledger.
    await page.goto(`${spa.url}/`);
    await page.waitForFunction(
      () => document.querySelectorAll('figure[data-chart][data-drawn="true"]').length === 3,
    );
    await expect(page.locator('[data-net-worth="USD"]').textContent()).resolves.toBe('$1,234.56');
    await screenshotBothWidths(page, 'dashboard');

    // Transactions: recategorize one inline; the API stores it as the user's choice.
    await page.goto(`${spa.url}/transactions`);
    const coffee = page.getByLabel('Category of Blue Bottle Coffee');
    await coffee.waitFor();
    const options = await coffee.locator('option').allTextContents();
    const target = options.find((o) => /coffee/i.test(o)) ?? options[1]!;
    await coffee.selectOption({ label: target });
    await page.getByRole('heading', { name: 'Blue Bottle Coffee' }).waitFor();
    await expect(page.locator('[data-why-category]').textContent()).resolves.toMatch(
      /You chose this category/,
    );
    await screenshotBothWidths(page, 'transaction-details');
    await page.keyboard.press('Escape');
    const stored = await t.db
      .selectFrom('transactions')
      .innerJoin('categories', 'categories.id', 'transactions.category_id')
      .select(['categories.name', 'transactions.category_source'])
      .where('plaid_transaction_id', '=', 'tx-e2e-1')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: target, category_source: 'user' });
    await screenshotBothWidths(page, 'transactions');

    for (const [path, heading] of [
      ['/rules', 'Rules'],
      ['/categories', 'Categories'],
      ['/reports', 'Reports'],
      ['/connections', 'Connections'],
      ['/settings', 'Settings'],
    ] as const) {
      await page.goto(`${spa.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshotBothWidths(page, path.slice(1));
    }
    await expect(page.getByText('First Platypus Bank').count()).resolves.toBe(0); // settings page
    await page.goto(`${spa.url}/connections`);
    await page.getByRole('heading', { name: 'First Platypus Bank' }).waitFor();

    // Signed out, a report link asks for login and comes back to it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to finsync' }).waitFor();
    await page.goto(`${spa.url}/reports/00000000-0000-4000-8000-000000000001`);
    await page.getByRole('heading', { name: 'Sign in to finsync' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe(
      '/reports/00000000-0000-4000-8000-000000000001',
    );
    await expect(page.getByText('Please sign in to continue.').isVisible()).resolves.toBe(true);
    await screenshotBothWidths(page, 'sign-in');

    await context.close();
    expect(consoleErrors).toEqual([]);
  });
});
