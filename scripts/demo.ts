// The README's demo command: starts finsync on embedded defaults (PGlite, in-process queue,
// the offline Plaid emulator) and prints where to open it. Ctrl-C stops everything.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Service {
  name: string;
  entry: string;
  env?: Record<string, string>;
}

const services: Service[] = [
  { name: 'emulator', entry: 'emulator/src/main.ts' },
  { name: 'api', entry: 'api/src/main.ts' },
].filter((s) => existsSync(s.entry));

const children: ChildProcess[] = services.map((s) => {
  const child = spawn(process.execPath, [s.entry], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...s.env },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`finsync demo: ${s.name} exited (${signal ?? code}); stopping.`);
      stop(1);
    }
  });
  return child;
});

let stopping = false;
function stop(code: number): void {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  ).then(() => process.exit(code));
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

const apiUrl = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${apiUrl}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 200));
}
console.log(`\nfinsync demo is running (Ctrl-C to stop)\n  API      ${apiUrl}  (health: ${apiUrl}/health)\n`);
