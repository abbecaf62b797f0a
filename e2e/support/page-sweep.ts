import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { settledWidth } from './browser-app.ts';

/** Issue 17's acceptance sizes: a 390×844 phone and a 1440×900 desktop. */
export const sweepSizes = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const;
const schemes = ['light', 'dark'] as const;

export interface Finding {
  page: string;
  problem: string;
}

/**
 * Looks at the page as it is at both sizes and in both colour schemes: nothing scrolls sideways, no table
 * hides columns behind a scroll of its own, axe-core finds no serious or critical violation; a full-page
 * screenshot of each is kept in `shots` as `<name>-<size>-<scheme>.png`. Returns what is wrong.
 */
export async function sweepPage(page: Page, name: string, shots: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [label, size] of Object.entries(sweepSizes)) {
    for (const scheme of schemes) {
      const where = `${name} ${label} ${scheme}`;
      if (process.env.E2E_VERBOSE) console.log(`sweep ${where} ${new Date().toISOString()}`);
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      // The same settling as the journeys' screenshots: a chart's own resize can land after two frames.
      await settledWidth(page, size.width);
      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const s = document.scrollingElement ?? document.documentElement;
        return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth };
      });
      if (scrollWidth > clientWidth)
        findings.push({ page: where, problem: `scrolls sideways: ${scrollWidth}px in ${clientWidth}px` });
      // A table never hides columns behind a sideways scroll inside its card.
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll('table')]
          .map((table) => {
            const box = table.parentElement;
            return box && box.scrollWidth > box.clientWidth + 1
              ? `${table.querySelector('caption')?.textContent ?? 'table'} ${box.scrollWidth}px in ${box.clientWidth}px`
              : null;
          })
          .filter((x) => x !== null),
      );
      for (const table of clipped) findings.push({ page: where, problem: `clipped table: ${table}` });
      for (const v of await axeViolations(page)) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        const targets = v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ');
        findings.push({ page: where, problem: `axe ${v.impact} ${v.id} (${v.nodes.length}×): ${targets}` });
      }
      await page.screenshot({ path: join(shots, `${name}-${label}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return findings;
}

// Only the violations are this sweep's business: axe then skips collecting every node that passed.
const AXE_OPTIONS: axe.RunOptions = { resultTypes: ['violations'] };

/**
 * axe-core's violations on the page as it is now. AxeBuilder's `analyze()` evaluates axe's 550 kB source in the
 * page on every call and then opens a blank page to merge the frames' results, each time: 2–4 s a call on 2
 * loaded cores, where the run itself took 0.05–0.4 s. A page without frames (every SPA page) gets the source once
 * per document and the same rules run in place, `axe.run` with the same options; a page with frames still goes
 * through AxeBuilder, which reaches into them.
 */
async function axeViolations(page: Page): Promise<axe.Result[]> {
  if (page.frames().length > 1)
    return (await new AxeBuilder({ page }).options(AXE_OPTIONS).analyze()).violations;
  const loaded = await page.evaluate(
    () => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function',
  );
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(
    (options) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, options).then((r) => r.violations),
    AXE_OPTIONS,
  );
}

/** Sweeps the page once the network is idle and fails the test on any finding or page error seen so far. */
export async function expectSwept(page: Page, name: string, shots: string, pageErrors: readonly string[]) {
  await page.waitForLoadState('networkidle');
  const findings = await sweepPage(page, name, shots);
  expect(findings.map((f) => `${f.page}: ${f.problem}`)).toEqual([]);
  expect(pageErrors).toEqual([]);
}
