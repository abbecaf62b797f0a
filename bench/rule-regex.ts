// User regexes on RE2 (re2js): the probe's `a*a*a*b` over 384-character notes, the cost of the rule budget's
// work unit, and how long the per-request and per-sync budgets last at worst.
// Usage: pnpm bench rule-regex [--notes 1000] [--native]   (--native also times one backtracking evaluation)
import { uncategorizedTransaction } from '../shared/src/categorize/categorizable-transaction.ts';
import { REQUEST_RULE_BUDGET, ruleBudget, SYNC_RULE_BUDGET } from '../shared/src/categorize/rule-budget.ts';
import { compileRules, runRules } from '../shared/src/categorize/rule-engine.ts';
import type { RuleDefinition } from '../shared/src/categorize/rule-schema.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const NOTES = arg('notes', 1000);

const rule = (pattern: string): RuleDefinition => ({
  id: 'r',
  name: 'r',
  stage: 'default',
  priority: 0,
  conditionsOp: 'all',
  conditions: [{ field: 'notes', op: 'matches', value: pattern }],
  actions: [{ type: 'addTags', tags: ['x'] }],
  stopProcessing: false,
  enabled: true,
});

const note = (i: number) => ({
  ...uncategorizedTransaction({
    id: `t${i}`,
    accountId: 'a',
    amountMinor: 100,
    currency: 'USD',
    date: '2026-11-01',
    rawName: 'x',
  }),
  notes: 'a'.repeat(384),
});

function measure(pattern: string) {
  const budget = ruleBudget(Number.MAX_SAFE_INTEGER);
  const engine = compileRules([rule(pattern)], budget);
  const started = performance.now();
  for (let i = 0; i < NOTES; i++) runRules(engine, note(i));
  const ms = performance.now() - started;
  return { ms, perEval: ms / NOTES, nsPerUnit: (ms * 1e6) / budget.spent };
}

// A 200-character alternation defeats RE2's literal prefix shortcuts: close to the worst work per unit.
const worst =
  `(?:${Array.from({ length: 49 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(2)).join('|')})+z`.slice(
    0,
    200,
  );
measure('a*a*a*b'); // warm-up
for (const [name, pattern] of [
  ['a*a*a*b', 'a*a*a*b'],
  ['(a+)+$', '(a+)+$'],
  ['(a|b)*a(a|b){20}x', '(a|b)*a(a|b){20}x'],
  ['(.*a){20}x', '(.*a){20}x'],
  ['200-char alternation', worst],
] as const) {
  const m = measure(pattern);
  console.log(
    `${name.padEnd(22)} ${NOTES} notes of 384 chars: ${m.ms.toFixed(1)} ms total, ${(m.perEval * 1000).toFixed(1)} µs/eval, ${m.nsPerUnit.toFixed(3)} ns/unit`,
  );
  if (name === '(a|b)*a(a|b){20}x') {
    // The costliest work unit measured (DFA cache misses): the budgets' worst-case duration.
    console.log(
      `  at that rate the request budget (${REQUEST_RULE_BUDGET} units) lasts ${((REQUEST_RULE_BUDGET * m.nsPerUnit) / 1e6).toFixed(0)} ms, the sync budget (${SYNC_RULE_BUDGET}) ${((SYNC_RULE_BUDGET * m.nsPerUnit) / 1e6).toFixed(0)} ms`,
    );
  }
}

if (process.argv.includes('--native')) {
  const started = performance.now();
  /a*a*a*b/i.test('a'.repeat(384));
  console.log(
    `native RegExp, one evaluation of a*a*a*b on 384 chars: ${(performance.now() - started).toFixed(0)} ms`,
  );
}
