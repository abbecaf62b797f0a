import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';

/** The SPA this run built (e2e/support/global-setup.ts), once the build is done; fails with Vite's output. */
export async function builtWeb(timeoutMs = 240_000): Promise<string> {
  const base = inject('e2eWebBuild');
  const status = join(base, 'build-status');
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(status)) {
    if (Date.now() > deadline) throw new Error(`the web build was not done after ${timeoutMs} ms`);
    await sleep(100);
  }
  const outcome = await readFile(status, 'utf8');
  if (outcome !== 'ok') throw new Error(outcome);
  return join(base, 'dist');
}

/** The run's one Chromium; closing the answer closes this file's contexts, not the browser. */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('e2eBrowser'));
}
