import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiSession } from '../scripts/demo/api-session.ts';
import { freePort } from '../scripts/demo/free-port.ts';

// The README's first command, as a newcomer runs it: a clean clone, `node scripts/demo.ts`, no database or
// Redis server (DATABASE_URL / REDIS_URL are deliberately not passed on), then Ctrl-C.
const here = fileURLToPath(new URL('.', import.meta.url));
const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: here, encoding: 'utf8' }).trim();
const toolchainPnpm = join(root, '.toolchain/node_modules/.bin/pnpm');
const pnpm = existsSync(toolchainPnpm) ? toolchainPnpm : 'pnpm';

let workdir: string;
let clone: string;
let demo: ChildProcess;
let exited: Promise<number | string>;
let output = '';
const ports: number[] = [];
const printed: Record<string, string> = {};
let login = { email: '', password: '' };

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, CI: 'true' } });

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'finsync-demo-smoke-'));
  clone = join(workdir, 'finsync');
  run('git', ['clone', '--quiet', root, clone], workdir);
  // Packages come from the local store the repository's own install filled; the lockfile must match.
  run(pnpm, ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent'], clone);
  for (let i = 0; i < 4; i++) ports.push(await freePort());
  output = await startDemo();
  for (const [, label, url] of output.matchAll(/^ {2}(App|API docs|Emails|Prototype) +(\S+)$/gm)) {
    printed[label!] = url!;
  }
  const credentials = /^ {2}Login +(\S+) \/ (\S+)$/m.exec(output);
  login = { email: credentials?.[1] ?? '', password: credentials?.[2] ?? '' };
}, 360_000);

/** Runs `node scripts/demo.ts` in the clone as its own process group; resolves with its output once ready. */
async function startDemo(): Promise<string> {
  const [api, emulator, web, prototype] = ports.map(String);
  let text = '';
  demo = spawn(process.execPath, ['scripts/demo.ts'], {
    cwd: clone,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      PORT: api,
      EMULATOR_PORT: emulator,
      FINSYNC_WEB_PORT: web,
      PROTOTYPE_PORT: prototype,
    },
  });
  exited = new Promise((resolve) => demo.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (/^ {2}Data /m.test(text)) resolve();
    };
    demo.stdout!.on('data', onData);
    demo.stderr!.on('data', onData);
    void exited.then((how) => reject(new Error(`the demo exited (${how}) before it was ready:\n${text}`)));
  });
  await Promise.race([
    ready,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`the demo was not ready in time:\n${text}`)), 280_000),
    ),
  ]);
  return text;
}

async function stopDemo(): Promise<number | string> {
  process.kill(demo.pid!, 'SIGINT');
  return Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 45_000))]);
}

afterAll(async () => {
  if (demo?.pid && demo.exitCode === null) {
    try {
      process.kill(-demo.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const pid of await processesUnder(clone ?? '/nonexistent')) process.kill(pid, 'SIGKILL');
  if (workdir) await rm(workdir, { recursive: true, force: true });
}, 60_000);

/** Processes whose working directory or command line is inside the clone. */
async function processesUnder(dir: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cwd = await readlink(`/proc/${pid}/cwd`);
      const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (cwd.startsWith(dir) || cmdline.includes(dir)) found.push(pid);
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return found;
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

describe('./finsync demo from a clean clone', () => {
  it('prints the app, API docs, emails and prototype URLs and the demo login', () => {
    expect(Object.keys(printed).sort()).toEqual(['API docs', 'App', 'Emails', 'Prototype']);
    expect(login.email).toBe('demo@finsync.local');
    expect(login.password.length).toBeGreaterThanOrEqual(12);
  });

  it('answers on every printed URL', async () => {
    for (const url of Object.values(printed)) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
    }
  });

  it('lets the demo user sign in through the API and see synced, categorized transactions', async () => {
    const api = createApiSession(new URL(printed['API docs']!).origin);
    expect((await api.request('POST', '/api/v1/auth/login', login)).status).toBe(200);
    const page = await api.request<{ transactions: { categoryId: string | null }[] }>(
      'GET',
      '/api/v1/transactions?limit=100',
    );
    expect(page.status).toBe(200);
    expect(page.body.transactions.length).toBeGreaterThan(0);
    expect(page.body.transactions.filter((t) => t.categoryId !== null).length).toBeGreaterThan(0);
  });

  it('has generated a report and sent its email to the sink', async () => {
    const sink = new URL(printed.Emails!).origin;
    const { messages } = (await (await fetch(`${sink}/emulator/mail`)).json()) as {
      messages: {
        subject: string;
        personalizations: { to: { email: string }[] }[];
        content: { value: string }[];
      }[];
    };
    // The demo user got two emails: the sign-up link the demo followed, and the report's.
    const toDemoUser = messages.filter((m) =>
      m.personalizations.some((p) => p.to.some((t) => t.email === login.email)),
    );
    expect(toDemoUser.map((m) => m.subject)).toContainEqual(expect.stringMatching(/confirm your email/i));
    const mail = toDemoUser.find((m) => /report is ready/i.test(m.subject));
    expect(mail?.subject).toMatch(/report is ready/i);
    const reportId = /\/reports\/([0-9a-f-]{36})/.exec(mail!.content.map((c) => c.value).join('\n'))?.[1];
    expect(reportId).toBeDefined();
    // The API lists reports once its reports routes exist; until then the emailed link is the evidence.
    const paths = Object.keys(
      (
        (await (await fetch(`${new URL(printed['API docs']!).origin}/api/openapi.json`)).json()) as {
          paths: Record<string, unknown>;
        }
      ).paths,
    );
    if (paths.includes('/api/v1/reports')) {
      const api = createApiSession(new URL(printed['API docs']!).origin);
      await api.request('POST', '/api/v1/auth/login', login);
      const list = await api.request<{ reports: { id: string }[] }>('GET', '/api/v1/reports');
      expect(list.body.reports.map((r) => r.id)).toContain(reportId);
    }
  });

  it('stops on Ctrl-C without leaving a process or a port behind', async () => {
    expect(await stopDemo()).toBe(0);
    expect(await processesUnder(clone)).toEqual([]);
    for (const port of ports) expect(await portIsFree(port), `port ${port}`).toBe(true);
  }, 60_000);

  it('starts again on the same data without linking or reporting a second time', async () => {
    const first = /^ {2}Data .*; (\d+) transactions, (\d+) report/m.exec(output);
    const again = await startDemo();
    expect(again).not.toMatch(/linking a sandbox bank|generating the first weekly report/);
    const second = /^ {2}Data .*; (\d+) transactions, (\d+) report/m.exec(again);
    expect(second?.slice(1)).toEqual(first?.slice(1));
    expect(await stopDemo()).toBe(0);
    expect(await processesUnder(clone)).toEqual([]);
  }, 360_000);
});
