import type { ApiSession } from './api-session.ts';

export interface DemoLogin {
  email: string;
  password: string;
}

/** How the demo reaches the real services; the backend process supplies these from its own wiring. */
export interface SeedPorts {
  session: ApiSession;
  /** The token of the link the sign-up email carries (the demo owns the mailer's database and link secret). */
  signupLinkToken(email: string): Promise<string>;
  /** A Plaid public token for a sandbox bank (emulator or real sandbox), as Link would hand it over. */
  sandboxPublicToken(): Promise<string>;
  /** The link service, for when the API has no exchange route yet. */
  exchangePublicToken(userId: string, publicToken: string): Promise<void>;
  countItems(userId: string): Promise<number>;
  countTransactions(userId: string): Promise<number>;
  /** Whether any of the user's items is part-way through a commit made in slices (the embedded database). */
  commitUnderWay(userId: string): Promise<boolean>;
  listItemIds(userId: string): Promise<string[]>;
  /** Queues a sync of an item through the sync jobs (deduplicated per item). */
  requestSync(itemId: string): Promise<void>;
  countReports(userId: string): Promise<number>;
  /** Queues the report job the weekly scheduler would queue; undefined when no processor is registered. */
  requestReport?: ((userId: string) => Promise<void>) | undefined;
  log(message: string): void;
  sleep?(ms: number): Promise<void>;
  timeoutMs?: number;
}

export interface SeedOutcome {
  userId: string;
  created: boolean;
  linked: boolean;
  transactions: number;
  reports: number;
}

interface SessionBody {
  user?: { id: string };
  error?: { code: string; message: string };
}

/**
 * Makes sure the demo user exists with a linked sandbox bank, synced and categorized history and a report —
 * through the API's routes and the same services and jobs the apps use. Safe to run on every start: it signs
 * in first and only does what is missing.
 */
export async function seedDemoUser(ports: SeedPorts, login: DemoLogin): Promise<SeedOutcome> {
  const sleep = ports.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (ports.timeoutMs ?? 180_000);
  const { session } = ports;

  let created = false;
  let answer = await session.request<SessionBody>('POST', '/api/v1/auth/login', login);
  if (answer.status === 401 || answer.status === 404) {
    // Sign-up answers alike for every address and emails a link; the demo follows the link as its user would.
    const asked = await session.request<SessionBody>('POST', '/api/v1/auth/signup', {
      ...login,
      displayName: 'Demo',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    if (asked.status !== 202) {
      throw new Error(
        `could not sign up the demo user: HTTP ${asked.status} ${asked.body?.error?.code ?? ''}`,
      );
    }
    answer = await session.request<SessionBody>('POST', '/api/v1/auth/signup/confirm', {
      token: await ports.signupLinkToken(login.email),
    });
    created = answer.status === 201;
  }
  const userId = answer.body?.user?.id;
  if (!userId) {
    throw new Error(
      `could not sign in or sign up the demo user: HTTP ${answer.status} ${answer.body?.error?.code ?? ''}`,
    );
  }

  let linked = false;
  if ((await ports.countItems(userId)) === 0) {
    ports.log('linking a sandbox bank for the demo user…');
    const publicToken = await ports.sandboxPublicToken();
    const exchange = await session.request<SessionBody>('POST', '/api/v1/items/exchange', { publicToken });
    if (exchange.status === 404) await ports.exchangePublicToken(userId, publicToken);
    else if (exchange.status >= 300) {
      throw new Error(
        `exchanging the public token failed: HTTP ${exchange.status} ${exchange.body?.error?.code ?? ''}`,
      );
    }
    linked = true;
  }

  const countTransactions = () => ports.countTransactions(userId);
  // Whole syncs only: on the embedded database a large commit lands in slices, and the count (and the first
  // report) must not be taken half-way through one.
  const synced = async () => {
    const n = await countTransactions();
    return n > 0 && !(await ports.commitUnderWay(userId)) ? n : 0;
  };
  let transactions = await synced();
  for (let round = 0; transactions === 0; round++) {
    if (Date.now() > deadline)
      throw new Error('the demo bank was linked but no transactions arrived in time');
    // Plaid may still be preparing the history when the first sync runs; ask again now and then.
    if (round % 8 === 7)
      for (const itemId of await ports.listItemIds(userId)) await ports.requestSync(itemId);
    await sleep(500);
    transactions = await synced();
  }

  let reports = await ports.countReports(userId);
  if (reports === 0 && ports.requestReport) {
    ports.log('generating the first weekly report…');
    await ports.requestReport(userId);
    while (reports === 0) {
      if (Date.now() > deadline) throw new Error('the demo report was requested but not generated in time');
      await sleep(500);
      reports = await ports.countReports(userId);
    }
  }
  return { userId, created, linked, transactions, reports };
}
