import { readFileSync } from 'node:fs';
import { CountryCode, type PlaidApi, Products, SandboxItemFireWebhookRequestWebhookCodeEnum } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { admin, conformantPlaid, plaidErrorOf } from './conformant-plaid.ts';
import { PlaidSpecValidator } from './plaid-spec-validator.ts';

let emulator: RunningEmulator;
let plaid: PlaidApi;
let validator: PlaidSpecValidator;

beforeAll(async () => {
  validator = new PlaidSpecValidator();
  emulator = await startEmulator({ port: 0, seed: 7, initialDelayMs: 0, historicalDelayMs: 0 });
  plaid = conformantPlaid(emulator.url, validator);
}, 120_000);

afterAll(async () => {
  await emulator?.close();
});

async function linkedItem(options: { webhook?: string; days?: number } = {}) {
  const { data: created } = await plaid.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.Transactions],
    options: {
      ...(options.webhook ? { webhook: options.webhook } : {}),
      transactions: { days_requested: options.days ?? 60 },
    },
  });
  const { data } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
  return data;
}

async function syncAll(accessToken: string, options: Record<string, unknown> = {}) {
  const added = [];
  let cursor: string | undefined;
  for (;;) {
    const { data } = await plaid.transactionsSync({
      access_token: accessToken,
      count: 500,
      options,
      ...(cursor ? { cursor } : {}),
    });
    added.push(...data.added);
    cursor = data.next_cursor;
    if (!data.has_more) return { added, cursor };
  }
}

describe('Plaid endpoints through the official SDK answer as the spec says', () => {
  it('links an item with a sandbox public token and describes it in item/get, accounts/get and balance/get', async () => {
    const { access_token, item_id } = await linkedItem();
    expect(access_token).toMatch(/^access-sandbox-/);
    const item = await plaid.itemGet({ access_token });
    expect(item.data.item.item_id).toBe(item_id);
    expect(item.data.item.institution_id).toBe('ins_109508');
    const accounts = await plaid.accountsGet({ access_token });
    const types = new Set(accounts.data.accounts.map((a) => a.type));
    expect([...types].sort()).toEqual(['credit', 'depository', 'investment', 'loan']);
    const balance = await plaid.accountsBalanceGet({ access_token });
    expect(balance.data.accounts.map((a) => a.account_id)).toEqual(
      accounts.data.accounts.map((a) => a.account_id),
    );
  });

  it('pages the whole history through transactions/sync with transactions in the v2 taxonomy', async () => {
    const { access_token } = await linkedItem({ days: 120 });
    const { added } = await syncAll(access_token);
    expect(added.length).toBeGreaterThan(300);
    const taxonomy = new Set(
      readFileSync(new URL('../data/pfc-taxonomy-v2.csv', import.meta.url), 'utf8')
        .split(/\r?\n/)
        .slice(2)
        .map((line) => line.split(',')[1]),
    );
    for (const t of added) expect(taxonomy.has(t.personal_finance_category?.detailed)).toBe(true);
    const primaries = new Set(added.map((t) => t.personal_finance_category?.primary));
    for (const p of [
      'INCOME',
      'RENT_AND_UTILITIES',
      'FOOD_AND_DRINK',
      'TRANSPORTATION',
      'LOAN_PAYMENTS',
      'TRANSFER_OUT',
      'BANK_FEES',
    ]) {
      expect(primaries).toContain(p);
    }
    expect(added.some((t) => t.amount < 0)).toBe(true);
    expect(added.some((t) => t.pending)).toBe(true);
    expect(added.some((t) => t.merchant_name === null)).toBe(true);
  });

  it('maps categories to v1 and fills original_description only when asked', async () => {
    const { access_token } = await linkedItem({ days: 30 });
    const { added } = await syncAll(access_token, {
      personal_finance_category_version: 'v1',
      include_original_description: true,
    });
    expect(added.every((t) => t.personal_finance_category?.version === 'v1')).toBe(true);
    expect(added.some((t) => t.personal_finance_category?.detailed === 'INCOME_WAGES')).toBe(true);
    expect(added.every((t) => typeof t.original_description === 'string')).toBe(true);
    const plain = await syncAll(access_token);
    expect(plain.added.every((t) => t.original_description === null)).toBe(true);
  });

  it('creates hosted link tokens and reports their configuration through link/token/get', async () => {
    const { data } = await plaid.linkTokenCreate({
      client_name: 'finsync',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'user-1' },
      products: [Products.Transactions],
      webhook: 'http://127.0.0.1:9/hook',
      hosted_link: { completion_redirect_uri: 'http://127.0.0.1:5173/done' },
    });
    expect(data.link_token).toMatch(/^link-sandbox-/);
    expect(data.hosted_link_url).toContain(emulator.url);
    const got = await plaid.linkTokenGet({ link_token: data.link_token });
    expect(got.data.metadata.webhook).toBe('http://127.0.0.1:9/hook');
    expect(got.data.link_sessions).toEqual([]);
  });

  it('completes a Hosted Link session (with MFA) to the redirect, reporting it in link/token/get and SESSION_FINISHED', async () => {
    const { data } = await plaid.linkTokenCreate({
      client_name: 'finsync',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'user-2' },
      products: [Products.Transactions],
      webhook: 'http://127.0.0.1:9/hook',
      hosted_link: { completion_redirect_uri: 'http://127.0.0.1:5173/connected' },
    });
    const pageHtml = await (await fetch(data.hosted_link_url!)).text();
    expect(pageHtml).toContain('First Platypus Bank');
    const post = (fields: Record<string, string>) =>
      fetch(`${emulator.url}/link/hosted`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          token: data.link_token,
          institution_id: 'ins_109511',
          username: 'user_good',
          ...fields,
        }),
      });
    const mfa = await post({ password: 'mfa_device' });
    expect(await mfa.text()).toContain('mfa_answer');
    const done = await post({ password: 'mfa_device', mfa_answer: '1234' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('http://127.0.0.1:5173/connected');
    const got = await plaid.linkTokenGet({ link_token: data.link_token });
    const publicToken = got.data.link_sessions?.[0]?.results?.item_add_results[0]?.public_token;
    expect(publicToken).toMatch(/^public-sandbox-/);
    const exchanged = await plaid.itemPublicTokenExchange({ public_token: publicToken! });
    expect(
      (await plaid.itemGet({ access_token: exchanged.data.access_token })).data.item.institution_id,
    ).toBe('ins_109511');
    const deliveries = await admin<{ webhooks: { webhook_code: string; body: Record<string, unknown> }[] }>(
      emulator.url,
      'GET',
      '/emulator/webhooks',
    );
    const finished = deliveries.webhooks.find(
      (d) => d.webhook_code === 'SESSION_FINISHED' && d.body.link_token === data.link_token,
    );
    expect(finished?.body).toMatchObject({
      webhook_type: 'LINK',
      status: 'SUCCESS',
      public_tokens: [publicToken],
    });
    const script = await (await fetch(`${emulator.url}/link/v2/stable/link-initialize.js`)).text();
    expect(script).toContain('window.Plaid');
  });

  it('answers institutions, the verification key, recurring streams, refresh and webhook update', async () => {
    const inst = await plaid.institutionsGetById({
      institution_id: 'ins_109508',
      country_codes: [CountryCode.Us],
    });
    expect(inst.data.institution.name).toBe('First Platypus Bank');
    const { access_token } = await linkedItem({ days: 200, webhook: 'http://127.0.0.1:9/hook' });
    await syncAll(access_token);
    const recurring = await plaid.transactionsRecurringGet({ access_token });
    const outflows = recurring.data.outflow_streams.map((s) => s.merchant_name);
    expect(outflows).toContain('Netflix');
    expect(
      recurring.data.inflow_streams.some((s) => s.personal_finance_category?.detailed === 'INCOME_SALARY'),
    ).toBe(true);
    await plaid.transactionsRefresh({ access_token });
    const fired = await plaid.sandboxItemFireWebhook({
      access_token,
      webhook_code: SandboxItemFireWebhookRequestWebhookCodeEnum.SyncUpdatesAvailable,
    });
    expect(fired.data.webhook_fired).toBe(true);
    const updated = await plaid.itemWebhookUpdate({ access_token, webhook: 'http://127.0.0.1:9/other' });
    expect(updated.data.item.webhook).toBe('http://127.0.0.1:9/other');
    const deliveries = await admin<{ webhooks: { webhook_code: string }[] }>(
      emulator.url,
      'GET',
      '/emulator/webhooks',
    );
    expect(deliveries.webhooks.map((d) => d.webhook_code)).toEqual(
      expect.arrayContaining(['SYNC_UPDATES_AVAILABLE', 'WEBHOOK_UPDATE_ACKNOWLEDGED']),
    );
  });

  it('after reset_login data endpoints fail with ITEM_LOGIN_REQUIRED while item/get reports it', async () => {
    const { access_token } = await linkedItem({ days: 10 });
    expect((await plaid.sandboxItemResetLogin({ access_token })).data.reset_login).toBe(true);
    const failure = await plaidErrorOf(plaid.accountsGet({ access_token }));
    expect(failure.status).toBe(400);
    expect(failure.body.error_code).toBe('ITEM_LOGIN_REQUIRED');
    const sync = await plaidErrorOf(plaid.transactionsSync({ access_token }));
    expect(sync.body.error_code).toBe('ITEM_LOGIN_REQUIRED');
    const item = await plaid.itemGet({ access_token });
    expect(item.data.item.error?.error_code).toBe('ITEM_LOGIN_REQUIRED');
  });

  it('kills the access token when the item is removed', async () => {
    const { access_token } = await linkedItem({ days: 10 });
    await plaid.itemRemove({ access_token });
    const failure = await plaidErrorOf(plaid.itemGet({ access_token }));
    expect(failure.body.error_code).toBe('INVALID_ACCESS_TOKEN');
  });

  it('rejects a public token exchanged twice', async () => {
    const { data } = await plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109509',
      initial_products: [Products.Transactions],
    });
    await plaid.itemPublicTokenExchange({ public_token: data.public_token });
    const failure = await plaidErrorOf(plaid.itemPublicTokenExchange({ public_token: data.public_token }));
    expect(failure.body.error_code).toBe('INVALID_PUBLIC_TOKEN');
  });
});

describe('Plaid errors', () => {
  it('answers wrong keys with INVALID_API_KEYS', async () => {
    const wrong = conformantPlaid(emulator.url, validator, { clientId: 'someone', secret: 'wrong' });
    const failure = await plaidErrorOf(
      wrong.institutionsGetById({ institution_id: 'ins_109508', country_codes: [CountryCode.Us] }),
    );
    expect(failure.status).toBe(400);
    expect(failure.body).toMatchObject({ error_type: 'INVALID_INPUT', error_code: 'INVALID_API_KEYS' });
    expect(typeof failure.body.request_id).toBe('string');
  });

  it('names every missing required field in MISSING_FIELDS', async () => {
    const failure = await plaidErrorOf(plaid.linkTokenCreate({} as never));
    expect(failure.body).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'MISSING_FIELDS' });
    for (const field of ['client_name', 'language', 'country_codes', 'user']) {
      expect(failure.body.error_message).toContain(field);
    }
  });

  it('answers a count above 500 and a foreign cursor with INVALID_FIELD', async () => {
    const a = await linkedItem({ days: 10 });
    const b = await linkedItem({ days: 10 });
    const tooMany = await plaidErrorOf(plaid.transactionsSync({ access_token: a.access_token, count: 501 }));
    expect(tooMany.body.error_code).toBe('INVALID_FIELD');
    const { cursor } = await syncAll(a.access_token);
    const foreign = await plaidErrorOf(plaid.transactionsSync({ access_token: b.access_token, cursor }));
    expect(foreign.body.error_code).toBe('INVALID_FIELD');
    const garbage = await plaidErrorOf(
      plaid.transactionsSync({ access_token: a.access_token, cursor: 'not a cursor!' }),
    );
    expect(garbage.body.error_code).toBe('INVALID_FIELD');
  });

  it('answers a body that is not JSON with INVALID_BODY', async () => {
    const res = await fetch(`${emulator.url}/item/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.error_code).toBe('INVALID_BODY');
    expect(validator.check('PlaidError', body)).toEqual([]);
  });
});
