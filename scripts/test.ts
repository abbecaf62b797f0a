// The README's test command (after ./finsync has set up the toolchain): lint + format check,
// type check, then every vitest project against the machine's real PostgreSQL and Redis.
// Ends with the plain "N passed, N failed" line CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const step = (title: string, cmd: string, cmdArgs: string[]): number => {
  console.log(`\n▶ ${title}`);
  return spawnSync(cmd, cmdArgs, { stdio: 'inherit' }).status ?? 1;
};

if (step('lint and format (biome)', 'pnpm', ['exec', 'biome', 'check', '.']) !== 0) process.exit(1);
if (step('type check (tsc)', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json']) !== 0) process.exit(1);

mkdirSync('test-artifacts', { recursive: true });
const report = 'test-artifacts/vitest.json';
const status = step('tests (vitest)', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...args,
]);

try {
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  };
  // Unhandled errors fail the run without failing a test; count them so the summary never says all green.
  const failed = r.numFailedTests + (status !== 0 && r.numFailedTests === 0 ? 1 : 0);
  console.log(`\n${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests} skipped`);
} catch {
  console.log('\n0 passed, 1 failed (no test report was written)');
  process.exit(1);
}
process.exit(status);
