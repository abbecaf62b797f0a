import { RE2JS } from 're2js';
import { DomainError } from '../errors/domain-error.ts';
import type { RuleBudget } from './rule-budget.ts';

/** Matching never sees more than this many characters, so one evaluation's cost stays bounded. */
export const REGEX_INPUT_CAP = 512;
export const REGEX_PATTERN_CAP = 200;

export interface SafeRegex {
  test(text: string): boolean;
}

/**
 * Compiles a user's pattern (case-insensitive) with RE2 (re2js): matching takes time linear in the input, so
 * no pattern can backtrack catastrophically. Syntax RE2 does not have (backreferences, lookarounds) is refused
 * with DomainError RULE_INVALID_REGEX. Inputs are capped at REGEX_INPUT_CAP characters; each test charges
 * `budget` for the work it does (input length times pattern length, the bound of RE2's NFA simulation).
 */
export function compileSafeRegex(pattern: string, budget?: RuleBudget): SafeRegex {
  if (pattern.length > REGEX_PATTERN_CAP) {
    throw new DomainError('RULE_INVALID_REGEX', `pattern is longer than ${REGEX_PATTERN_CAP} characters`);
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (cause) {
    throw new DomainError('RULE_INVALID_REGEX', `not a pattern RE2 accepts: ${(cause as Error).message}`);
  }
  return {
    test(text) {
      const input = text.length > REGEX_INPUT_CAP ? text.slice(0, REGEX_INPUT_CAP) : text;
      budget?.charge(regexTestCost(pattern, input));
      return re.test(input);
    },
  };
}

/** What one test of `pattern` on `input` (at most REGEX_INPUT_CAP characters) costs the budget. */
export function regexTestCost(pattern: string, input: string): number {
  return (input.length + 1) * Math.max(1, pattern.length);
}
