import { DomainError } from '../errors/domain-error.ts';

/**
 * How much rule evaluation one request or one sync batch may do, in work units: each test of a rule costs its
 * number of conditions, a regex test (input length + 1) × pattern length. Deterministic (no clock), so the core
 * stays pure; the limits are sized from `pnpm bench rule-regex` to a few seconds of CPU at most.
 */
export const REQUEST_RULE_BUDGET = 200_000_000;
export const SYNC_RULE_BUDGET = 1_000_000_000;

export class RuleBudgetExceeded extends DomainError {
  constructor(limit: number) {
    super(
      'RULE_BUDGET_EXCEEDED',
      'your rules need more work than one request or sync may spend; simplify the patterns or narrow the rules',
      { limit },
    );
    this.name = 'RuleBudgetExceeded';
  }
}

export interface RuleBudget {
  readonly limit: number;
  readonly spent: number;
  /** Spends units; throws RuleBudgetExceeded once the total passes the limit. */
  charge(units: number): void;
}

export function ruleBudget(limit: number): RuleBudget {
  let spent = 0;
  return {
    limit,
    get spent() {
      return spent;
    },
    charge(units) {
      spent += units;
      if (spent > limit) throw new RuleBudgetExceeded(limit);
    },
  };
}
