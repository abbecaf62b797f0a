import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transaction } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { admin, plaidClient } from './conformant-plaid.ts';

const SEED = 23;
const dir = mkdtempSync(join(tmpdir(), 'finsync-emulator-state-'));
const stateFile = join(dir, 'nested', 'state.json');
const running: RunningEmulator[] = [];

const start = async (options: { stateFile?: string } = {}) => {
  const emulator = await startEmulator({ port: 0, seed: SEED, ...options });
  running.push(emulator);
  return emulator;
};

const groundTruth = (url: string, itemId: string) =>
  admin<{ accounts: unknown[]; transactions: Transaction[] }>(
    url,
    'GET',
    `/emulator/items/${itemId}/ground-truth`,
  );

const verificationKey = async (url: string) => {
  const { signingKey } = JSON.parse(readFileSync(stateFile, 'utf8')) as { signingKey: { kid: string } };
  const { data } = await plaidClient(url).webhookVerificationKeyGet({ key_id: signingKey.kid });
  return data.key;
};

/** The same calls on any emulator: link an item, sync it all, advance, start a second chain, send mail. */
async function scenario(url: string) {
  const plaid = plaidClient(url);
  const created = await admin<{ public_token: string; item_id: string; access_token: string }>(
    url,
    'POST',
    '/emulator/sandbox-items',
    { history_days: 120 },
  );
  const held = new Map<string, Transaction>();
  let cursor: string | undefined;
  for (let more = true; more; ) {
    const { data } = await plaid.transactionsSync({
      access_token: created.access_token,
      count: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const t of data.added) held.set(t.transaction_id, t);
    cursor = data.next_cursor;
    more = data.has_more;
  }
  await admin(url, 'POST', `/emulator/items/${created.item_id}/advance`, { days: 6 });
  // A skipped payment: the oldest posted transaction is taken back (replayed from the file after a restart).
  const oldest = [...held.values()]
    .filter((t) => !t.pending)
    .sort((a, b) => a.date.localeCompare(b.date))[0]!;
  await admin(url, 'POST', `/emulator/items/${created.item_id}/transactions/${oldest.transaction_id}/cancel`);
  // A purchase posted by hand (replayed from the file too).
  await admin(url, 'POST', `/emulator/items/${created.item_id}/transactions`, {
    amount: 42.5,
    name: 'SQ *CORNER CAFE',
    merchant_name: 'Corner Cafe',
    category: 'FOOD_AND_DRINK_COFFEE',
  });
  const { data: firstPage } = await plaid.transactionsSync({
    access_token: created.access_token,
    cursor: cursor!,
    count: 5,
  });
  const mail = await fetch(`${url}/v3/mail/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer SG.test-key' },
    body: JSON.stringify({
      personalizations: [{ to: [{ email: 'ana@example.com' }] }],
      from: { email: 'reports@finsync.local' },
      subject: 'Kept across restarts',
      content: [{ type: 'text/plain', value: 'hello' }],
    }),
  });
  return { created, held, firstPage, mailId: mail.headers.get('x-message-id') };
}

describe('emulator state file', () => {
  let before: Awaited<ReturnType<typeof scenario>>;
  let truthBefore: Awaited<ReturnType<typeof groundTruth>>;
  let keyBefore: unknown;
  let restarted: RunningEmulator;

  beforeAll(async () => {
    const first = await start({ stateFile });
    before = await scenario(first.url);
    truthBefore = await groundTruth(first.url, before.created.item_id);
    keyBefore = await verificationKey(first.url);
    await first.close();
    restarted = await start({ stateFile });
  });

  afterAll(async () => {
    await Promise.all(running.map((e) => e.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves whole JSON through a rename, leaving no temporary file behind', () => {
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { items: unknown[] };
    expect(saved.items).toHaveLength(1);
  });

  it('answers /item/get for an access token issued before the restart', async () => {
    const { data } = await plaidClient(restarted.url).itemGet({
      access_token: before.created.access_token,
    });
    expect(data.item.item_id).toBe(before.created.item_id);
  });

  it('regenerates the same ground truth, advanced days included', async () => {
    expect(await groundTruth(restarted.url, before.created.item_id)).toEqual(truthBefore);
  });

  it('continues a sync chain begun before the restart without duplicates, ending at the ground truth', async () => {
    const plaid = plaidClient(restarted.url);
    const held = new Map(before.held);
    const seen = new Set<string>();
    let page = before.firstPage;
    for (;;) {
      for (const t of page.added) {
        expect(seen.has(t.transaction_id)).toBe(false);
        seen.add(t.transaction_id);
        held.set(t.transaction_id, t);
      }
      for (const t of page.modified) held.set(t.transaction_id, t);
      for (const r of page.removed) held.delete(r.transaction_id!);
      if (!page.has_more) break;
      ({ data: page } = await plaid.transactionsSync({
        access_token: before.created.access_token,
        cursor: page.next_cursor,
        count: 5,
      }));
    }
    expect(seen.size).toBeGreaterThan(5);
    expect([...held.keys()].sort()).toEqual(truthBefore.transactions.map((t) => t.transaction_id).sort());
  });

  it('signs webhooks with the same key, so receivers keep their cached verification key', async () => {
    expect(await verificationKey(restarted.url)).toEqual(keyBefore);
  });

  it('still lists the mail received before the restart', async () => {
    const { messages } = await admin<{ messages: { id: string; subject: string }[] }>(
      restarted.url,
      'GET',
      '/emulator/mail',
    );
    expect(messages).toContainEqual(
      expect.objectContaining({ id: before.mailId, subject: 'Kept across restarts' }),
    );
  });

  it('evolves after the restart exactly as an emulator that never stopped', async () => {
    const control = await start();
    const same = await scenario(control.url);
    expect(same.created.access_token).toBe(before.created.access_token);
    const next: unknown[] = [];
    for (const url of [control.url, restarted.url]) {
      await admin(url, 'POST', `/emulator/items/${before.created.item_id}/advance`, { days: 4 });
      next.push(await admin(url, 'POST', '/emulator/sandbox-items', { history_days: 30 }));
    }
    // Ids and tokens drawn after the restart continue the sequence instead of repeating it.
    expect(next[1]).toEqual(next[0]);
    expect(next[1]).not.toMatchObject({ item_id: before.created.item_id });
    const health = (url: string) => admin<{ items: number }>(url, 'GET', '/emulator/health');
    expect(await health(restarted.url)).toEqual(await health(control.url));
    expect(await groundTruth(restarted.url, before.created.item_id)).toEqual(
      await groundTruth(control.url, before.created.item_id),
    );
  });
});
