import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Every module the entry loads at run time (type-only imports erased), and every package it imports. */
function runtimeImports(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(
      /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    )) {
      const [, typeOnly, target] = m;
      if (typeOnly || !target) continue;
      if (target.startsWith('.')) visit(resolve(dirname(file), target));
      else packages.add(target);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

describe.each([
  ['@finsync/shared/presentation', '../presentation/index.ts'],
  ['@finsync/shared/splits', '../splits/index.ts'],
])('%s', (_entry, path) => {
  it('loads no package and no Node built-in at run time, so the SPA bundles it as is', () => {
    const { files, packages } = runtimeImports(fileURLToPath(new URL(path, import.meta.url)));
    expect(files.length).toBeGreaterThan(1);
    expect(packages).toEqual([]);
  });
});
