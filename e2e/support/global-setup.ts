import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startWebBuild } from './build-web.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's SPA build lands; see `builtWeb()`. */
    e2eWebBuild: string;
    /** The run's one Chromium, for `connectBrowser()`. */
    e2eBrowser: string;
  }
}

/**
 * Once per run of the e2e project, not once per file: the SPA build (started here and left running, so a run
 * of backend files alone does not wait for it) and one Chromium that every file connects to for its contexts.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const base = await mkdtemp(join(tmpdir(), 'finsync-e2e-'));
  const build = startWebBuild(root, join(base, 'dist'));
  // The outcome is a file the test files wait for (they run in other processes), written whole or not at all.
  const settle = async (outcome: string) => {
    await writeFile(join(base, 'build-status.tmp'), outcome);
    await rename(join(base, 'build-status.tmp'), join(base, 'build-status'));
  };
  build.done.then(
    () => settle('ok'),
    (error: unknown) => settle(String(error)),
  );
  const closeBrowser = await provideBrowser(project);
  project.provide('e2eWebBuild', base);
  return async () => {
    build.stop();
    await closeBrowser();
    await rm(base, { recursive: true, force: true });
  };
}

/** The run's one Debian Chromium (never a downloaded one), headless; answers how to close it. */
export async function provideBrowser(project: TestProject): Promise<() => Promise<void>> {
  const browser = await chromium.launchServer({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  project.provide('e2eBrowser', browser.wsEndpoint());
  return () => browser.close();
}
