import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client, PASSWORD, signedUpClient, startTestApp, type TestApp } from './support/test-app.ts';

// Failed sign-ins slow the guesser down and never lock the owner out: counts are per address and per
// account-and-device (or account-and-address), never per account alone.

describe('sign-in backoff instead of lockout', () => {
  let h: TestApp;
  let clockAheadMs = 0;
  beforeAll(async () => {
    h = await startTestApp({
      clock: () => new Date(Date.now() + clockAheadMs),
      rateLimits: {
        loginPerIp: { max: 10_000, windowMs: 60_000 },
        signupPerIp: { max: 10_000, windowMs: 60_000 },
      },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    clockAheadMs = 0;
  });

  let n = 0;
  const fresh = () => `backoff-${++n}-${Date.now()}@example.com`;
  const login = (client: Client, email: string, password: string, remoteAddress: string) =>
    client.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
    });

  /** The owner signed in once from this browser: it holds the account's device cookie. */
  async function ownerWithKnownDevice(email: string, address: string): Promise<Client> {
    await signedUpClient(h.app, email);
    const browser = new Client(h.app);
    expect((await login(browser, email, PASSWORD, address)).statusCode).toBe(200);
    expect(browser.cookies.get('fs_device')).toEqual(expect.any(String));
    return browser;
  }

  it("a stranger's failures slow the stranger, while the owner signs in from a known device and from elsewhere", async () => {
    const email = fresh();
    const owner = await ownerWithKnownDevice(email, '10.1.0.1');
    const attacker = new Client(h.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(attacker, email, `guess ${i}`, '10.66.0.1')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // While the stranger waits, even the right password is not checked: no oracle.
    const right = await login(attacker, email, PASSWORD, '10.66.0.1');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('LOGIN_THROTTLED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    expect((await login(owner, email, PASSWORD, '10.1.0.1')).statusCode).toBe(200);
    expect((await login(new Client(h.app), email, PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it("a guesser on the owner's own network does not lock out the owner's known device", async () => {
    const email = fresh();
    const owner = await ownerWithKnownDevice(email, '10.3.0.1');
    const neighbour = new Client(h.app);
    for (let i = 0; i < 8; i++) await login(neighbour, email, `guess ${i}`, '10.3.0.1');
    expect((await login(neighbour, email, PASSWORD, '10.3.0.1')).statusCode).toBe(429);
    expect((await login(owner, email, PASSWORD, '10.3.0.1')).statusCode).toBe(200);
  });

  it('a device cookie of one account earns nothing on another', async () => {
    const mine = fresh();
    const theirs = fresh();
    const browser = await ownerWithKnownDevice(mine, '10.4.0.1');
    await signedUpClient(h.app, theirs);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(browser, theirs, `guess ${i}`, '10.4.0.1')).statusCode);
    expect(statuses.at(-1)).toBe(429);
  });

  it('the wait doubles, and waiting it out allows one more try', async () => {
    const email = fresh();
    await signedUpClient(h.app, email);
    const client = new Client(h.app);
    for (let i = 0; i < 5; i++) await login(client, email, `guess ${i}`, '10.5.0.1');
    const first = await login(client, email, 'guess', '10.5.0.1');
    expect(first.statusCode).toBe(429);
    expect(first.headers['retry-after']).toBe('1');
    clockAheadMs = 1_100;
    expect((await login(client, email, 'guess 6', '10.5.0.1')).statusCode).toBe(401);
    const second = await login(client, email, 'guess', '10.5.0.1');
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('2');
    clockAheadMs = 3_200;
    expect((await login(client, email, PASSWORD, '10.5.0.1')).statusCode).toBe(200);
  });

  it('an unknown address of e-mail is slowed exactly like a known one (no enumeration)', async () => {
    const known = fresh();
    await signedUpClient(h.app, known);
    const run = async (email: string, address: string) => {
      const out: number[] = [];
      for (let i = 0; i < 7; i++)
        out.push((await login(new Client(h.app), email, `guess ${i}`, address)).statusCode);
      return out;
    };
    expect(await run(known, '10.6.0.1')).toEqual(await run(fresh(), '10.6.0.2'));
  });

  it('one address failing across many accounts is slowed after 20 failures', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await login(new Client(h.app), fresh(), 'guess', '10.7.0.1')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another address is not affected.
    expect((await login(new Client(h.app), fresh(), 'guess', '10.7.0.2')).statusCode).toBe(401);
  });
});
