import type { TestProject } from 'vitest/node';
import { provideBrowser } from './global-setup.ts';

/**
 * For the journeys that run the demo themselves (it builds and serves its own SPA): only the run's Chromium,
 * so their project does not build the SPA a second time beside the other tests.
 */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return provideBrowser(project);
}
