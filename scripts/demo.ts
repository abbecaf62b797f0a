// The README's demo command: starts finsync on embedded defaults (PGlite, in-process jobs, the offline Plaid
// emulator and SendGrid sink) — or on PostgreSQL and BullMQ when DATABASE_URL / REDIS_URL are set — with a
// ready demo user, and prints where to open it. Ctrl-C stops everything; the data stays in .data/.
import { fileURLToPath } from 'node:url';
import { demoSettings } from './demo/demo-settings.ts';
import { runDemo } from './demo/run-demo.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const settings = demoSettings(process.env, root);
const print = (line: string) => console.log(line);

let stopping: Promise<void> | undefined;
let demo: Awaited<ReturnType<typeof runDemo>> | undefined;
const starting = new AbortController();
const shutdown = (code: number) => {
  if (stopping) process.exit(code); // a second Ctrl-C: do not wait any longer
  print('finsync demo: stopping…');
  if (!demo) {
    // Still starting: runDemo stops what it started and rejects.
    stopping = Promise.resolve();
    starting.abort();
    return;
  }
  stopping = demo.stop().then(() => process.exit(code));
};
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  demo = await runDemo(settings, process.env, print, starting.signal);
  const reason = await demo.failed;
  if (!stopping) {
    console.error(`finsync demo: ${reason}; stopping.`);
    shutdown(1);
  }
} catch (error) {
  if (starting.signal.aborted) process.exit(0);
  console.error(`finsync demo failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
