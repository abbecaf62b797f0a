import { describe, expect, it } from 'vitest';
import { compileSafeRegex } from './safe-regex.ts';

describe('compileSafeRegex', () => {
  it.each([
    ['(a+)+$', 'nested quantifier'],
    ['(a|aa)*b', 'quantified alternation'],
    ['(\\w+\\s?)*$', 'quantified group with a quantifier'],
    ['(x)\\1', 'backreference'],
    ['(?<n>x)\\k<n>', 'named backreference'],
    ['(abc', 'unbalanced'],
    ['[', 'invalid syntax'],
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
  ])('%s on %s → %s, case-insensitive', (pattern, text, expected) => {
    expect(compileSafeRegex(pattern).test(text)).toBe(expected);
  });

  it('only looks at the first 512 characters of the input', () => {
    const re = compileSafeRegex('needle');
    expect(re.test(`${'x'.repeat(600)}needle`)).toBe(false);
    expect(re.test(`${'x'.repeat(100)}needle`)).toBe(true);
  });
});
