import { globSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The pure folders are the ones biome.json's noRestrictedImports override names (kysely, pg, node I/O, the
// table modules and services are refused there); this adds what an import rule cannot see: the clock,
// randomness and the environment, which a pure function takes as arguments.
const override = (
  JSON.parse(readFileSync('biome.json', 'utf8')) as {
    overrides: { includes: string[]; linter?: { rules?: { style?: { noRestrictedImports?: unknown } } } }[];
  }
).overrides.find((o) => o.linter?.rules?.style?.noRestrictedImports);
const pureFiles = () =>
  (override?.includes ?? [])
    .filter((p) => !p.startsWith('!'))
    .flatMap((p) => globSync(p.endsWith('/**') ? `${p}/*.ts` : p))
    .filter((f) => !f.endsWith('.test.ts'));

describe('the pure domain core', () => {
  it('is named by a lint rule that covers categorize, figures, money and sync-page reduction', () => {
    const files = pureFiles();
    for (const f of [
      'shared/src/categorize/categorize-transaction.ts',
      'shared/src/figures/cash-flow.ts',
      'shared/src/money/minor-units.ts',
      'shared/src/sync/apply-sync-page.ts',
      'shared/src/budgets/budget-math.ts',
    ])
      expect(files).toContain(f);
  });

  it('reads no clock, randomness or environment of its own', () => {
    const hits = pureFiles().flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ f, i, line }))
        .filter(({ line }) =>
          /new Date\(\)|Date\.now\(\)|Math\.random\(|process\.env|randomUUID\(/.test(line),
        )
        .map(({ f, i, line }) => `${f}:${i + 1}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
