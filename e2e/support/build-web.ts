import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface WebBuild {
  /** Settles when Vite is done: resolves on success, rejects with Vite's output on failure. */
  done: Promise<void>;
  stop(): void;
}

/** Builds the SPA into `outDir` with the web package's own Vite, as `pnpm --filter @finsync/web build` does. */
export function startWebBuild(root: string, outDir: string): WebBuild {
  const web = join(root, 'web');
  const child = spawn(
    process.execPath,
    [
      join(web, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    { cwd: web, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`web build failed (${signal ?? code}):\n${output}`)),
    );
  });
  return { done, stop: () => child.exitCode === null && child.kill() };
}
