import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import type { PlaidApi } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { admin, plaidClient, plaidErrorOf } from './conformant-plaid.ts';

interface Received {
  body: string;
  signature: string;
}

let emulator: RunningEmulator;
let plaid: PlaidApi;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const waiters: (() => void)[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 3, initialDelayMs: 0, historicalDelayMs: 0 });
  plaid = plaidClient(emulator.url);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['plaid-verification']),
      });
      res.end('ok');
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/plaid`;
});

afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function nextWebhook(): Promise<Received> {
  const already = received.length;
  await new Promise<void>((resolve) => waiters.push(resolve));
  return received[already]!;
}

/** A receiver-side verifier as an app should write it (Plaid's documented procedure). */
async function verify(webhook: Received): Promise<Record<string, unknown>> {
  const header = decodeProtectedHeader(webhook.signature);
  if (header.alg !== 'ES256' || !header.kid) throw new Error('unexpected algorithm');
  const { data } = await plaid.webhookVerificationKeyGet({ key_id: header.kid });
  const { x, y, crv, kty } = data.key;
  const key = await importJWK({ x, y, crv, kty }, 'ES256');
  const { payload } = await jwtVerify(webhook.signature, key, {
    algorithms: ['ES256'],
    maxTokenAge: '5 min',
  });
  const expected = Buffer.from(createHash('sha256').update(webhook.body).digest('hex'));
  const claimed = Buffer.from(String(payload.request_body_sha256));
  if (expected.length !== claimed.length || !timingSafeEqual(expected, claimed))
    throw new Error('body hash mismatch');
  return JSON.parse(webhook.body) as Record<string, unknown>;
}

async function itemWithWebhook() {
  const created = await admin<{ public_token: string; item_id: string }>(
    emulator.url,
    'POST',
    '/emulator/sandbox-items',
    {
      transactions: 200,
      history_days: 60,
      webhook: receiverUrl,
    },
  );
  const { data } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
  return data;
}

describe('webhooks', () => {
  it('signs SYNC_UPDATES_AVAILABLE after advance so that jose verifies it with the served key', async () => {
    const { access_token, item_id } = await itemWithWebhook();
    await plaid.transactionsSync({ access_token });
    const arriving = nextWebhook();
    await admin(emulator.url, 'POST', `/emulator/items/${item_id}/advance`, { days: 3 });
    const body = await verify(await arriving);
    expect(body).toMatchObject({
      webhook_type: 'TRANSACTIONS',
      webhook_code: 'SYNC_UPDATES_AVAILABLE',
      item_id,
      initial_update_complete: true,
      historical_update_complete: true,
      environment: 'sandbox',
    });
  });

  it('sends ITEM ERROR with ITEM_LOGIN_REQUIRED on reset_login', async () => {
    const { access_token, item_id } = await itemWithWebhook();
    const arriving = nextWebhook();
    await plaid.sandboxItemResetLogin({ access_token });
    const body = await verify(await arriving);
    expect(body).toMatchObject({ webhook_type: 'ITEM', webhook_code: 'ERROR', item_id });
    expect((body.error as Record<string, unknown>).error_code).toBe('ITEM_LOGIN_REQUIRED');
  });

  it.each([
    ['stale', /"iat" claim timestamp check failed|too old/],
    ['wrong_hash', /body hash mismatch/],
    ['unknown_kid', /INVALID_FIELD|400/],
  ])('a %s signature is rejected by the verifier', async (signature, reason) => {
    const { item_id } = await itemWithWebhook();
    const arriving = nextWebhook();
    await admin(emulator.url, 'POST', `/emulator/items/${item_id}/webhook`, {
      webhook_type: 'ITEM',
      webhook_code: 'PENDING_EXPIRATION',
      signature,
    });
    const webhook = await arriving;
    expect(JSON.parse(webhook.body)).toMatchObject({ webhook_code: 'PENDING_EXPIRATION', item_id });
    await expect(verify(webhook)).rejects.toThrow(reason);
  });
});

describe('fault injection', () => {
  it('injects the configured share of errors, repeatably for the same seed', async () => {
    const { access_token } = await itemWithWebhook();
    const run = async () => {
      await admin(emulator.url, 'PUT', '/emulator/faults', {
        endpoint: '/transactions/sync',
        error_rate: 0.3,
        rate_limit_rate: 0.2,
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i++) {
        try {
          await plaid.transactionsSync({ access_token });
          outcomes.push('ok');
        } catch (err) {
          outcomes.push(
            String((err as { response: { data: { error_code: string } } }).response.data.error_code),
          );
        }
      }
      return outcomes;
    };
    const first = await run();
    const second = await run();
    await admin(emulator.url, 'DELETE', '/emulator/faults');
    expect(second).toEqual(first);
    expect(first).toContain('INTERNAL_SERVER_ERROR');
    expect(first).toContain('TRANSACTIONS_SYNC_LIMIT');
    expect(first.filter((o) => o === 'ok').length).toBeGreaterThan(8);
    expect((await plaid.transactionsSync({ access_token })).status).toBe(200);
  });

  it('drops connections and hangs requests until the client gives up', async () => {
    const { access_token } = await itemWithWebhook();
    await admin(emulator.url, 'PUT', '/emulator/faults', { endpoint: '/accounts/get', drop_rate: 1 });
    await expect(plaid.accountsGet({ access_token })).rejects.toThrow(/socket hang up|ECONNRESET/);
    await admin(emulator.url, 'DELETE', '/emulator/faults');
    await admin(emulator.url, 'PUT', '/emulator/faults', { endpoint: '*', timeout_rate: 1 });
    await expect(plaid.accountsGet({ access_token }, { timeout: 200 })).rejects.toThrow(/timeout/);
    await admin(emulator.url, 'PUT', '/emulator/faults', {
      endpoint: '*',
      login_required_rate: 1,
      latency_ms: 50,
    });
    const failure = await plaidErrorOf(plaid.accountsGet({ access_token }));
    expect(failure.body.error_code).toBe('ITEM_LOGIN_REQUIRED');
    await admin(emulator.url, 'DELETE', '/emulator/faults');
  });
});
