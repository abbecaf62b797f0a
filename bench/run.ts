// `pnpm bench <name>` runs bench/<name>.ts; `pnpm bench` lists them. Each benchmark prints its figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.log(`usage: pnpm bench <name> [args]\nbenchmarks: ${names.join(', ') || '(none yet)'}`);
  process.exit(name ? 2 : 0);
}
process.exit(spawnSync(process.execPath, [`${dir}${name}.ts`, ...rest], { stdio: 'inherit' }).status ?? 1);
