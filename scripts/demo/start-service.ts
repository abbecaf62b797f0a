import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceSpec {
  name: string;
  /** Arguments to this Node binary (a script path first). */
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** Where the service's output lines go, prefixed with its name. */
  log: (line: string) => void;
}

export interface RunningService {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal when the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the service's whole process group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a Node service in its own process group, so stopping it also stops anything it spawned (Vite's
 * workers, a shell) and Ctrl-C in the terminal reaches only the launcher, which stops services in order.
 */
export function startService(spec: ServiceSpec): RunningService {
  const child = spawn(process.execPath, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => spec.log(`[${spec.name}] ${line}`));
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 0));
    child.once('error', (error) => resolve(error.message));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  return {
    name: spec.name,
    child,
    exited,
    async stop(graceMs = 10_000) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader may exit before its group (Vite's esbuild/rolldown helpers); make sure none is left.
      signalGroup('SIGKILL');
    },
  };
}
