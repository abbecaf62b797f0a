import { describe, expect, it } from 'vitest';
import { RuleBudgetExceeded, ruleBudget } from './rule-budget.ts';
import { compileSafeRegex, REGEX_INPUT_CAP } from './safe-regex.ts';

describe('compileSafeRegex (RE2)', () => {
  it.each([
    ['(x)\\1', 'backreference'],
    ['(?<n>x)\\k<n>', 'named backreference'],
    ['(?=x)', 'lookahead'],
    ['(?<=x)y', 'lookbehind'],
    ['(abc', 'unbalanced'],
    ['[', 'invalid syntax'],
    ['a{1001}', 'repeat count beyond RE2'],
    ['a'.repeat(201), 'too long'],
  ])('refuses %s (%s)', (pattern) => {
    expect(() => compileSafeRegex(pattern)).toThrow(expect.objectContaining({ code: 'RULE_INVALID_REGEX' }));
  });

  it.each([
    ['^sq \\*', 'SQ *BLUE BOTTLE', true],
    ['(?:uber|lyft)\\s+trip', 'UBER TRIP 123', true],
    ['^amzn mktp [a-z]{2}\\*', 'AMZN MKTP US*2K1', true],
    ['[(+*]', 'a+b', true],
    ['netflix', 'SPOTIFY', false],
    // Shapes a backtracking engine explodes on are ordinary for RE2.
    ['(a+)+$', 'aaaa', true],
    ['a*a*a*b', 'aaaa', false],
    ['(a|aa)*c', 'aaaac', true],
  ])('%s on %s → %s, case-insensitive', (pattern, text, expected) => {
    expect(compileSafeRegex(pattern).test(text)).toBe(expected);
  });

  it(`only looks at the first ${REGEX_INPUT_CAP} characters of the input`, () => {
    const re = compileSafeRegex('needle');
    expect(re.test(`${'x'.repeat(600)}needle`)).toBe(false);
    expect(re.test(`${'x'.repeat(100)}needle`)).toBe(true);
  });

  it('charges each test (input + 1) × pattern length to the budget, and throws past it', () => {
    const budget = ruleBudget(1000);
    const re = compileSafeRegex('a*a*a*b', budget);
    re.test('a'.repeat(99));
    expect(budget.spent).toBe(100 * 7);
    expect(() => re.test('a'.repeat(99))).toThrow(RuleBudgetExceeded);
    expect(() => re.test('a')).toThrow(expect.objectContaining({ code: 'RULE_BUDGET_EXCEEDED' }));
  });
});
