import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds the SPA with the web package's own Vite, as `pnpm --filter @finsync/web build` does. */
export function buildWeb(root: string): string {
  const web = join(root, 'web');
  const result = spawnSync(
    process.execPath,
    [join(web, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: web,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
  return join(web, 'dist');
}
