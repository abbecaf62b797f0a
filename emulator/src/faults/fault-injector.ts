import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { SeededRandom } from '../random/seeded-random.ts';

export interface FaultRule {
  endpoint: string;
  error_rate: number;
  rate_limit_rate: number;
  login_required_rate: number;
  latency_ms: number;
  drop_rate: number;
  timeout_rate: number;
}

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'error'; error: PlaidApiError }
  | { kind: 'drop' }
  | { kind: 'timeout' };

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
}

const NONE: FaultDecision = { latencyMs: 0, action: { kind: 'none' } };

/** Per-endpoint fault rules ('*' for every Plaid endpoint), decided by a seeded PRNG so runs repeat. */
export class FaultInjector {
  readonly #seed: number;
  readonly #rules = new Map<string, { rule: FaultRule; random: SeededRandom }>();

  constructor(seed: number) {
    this.#seed = seed;
  }

  set(rule: FaultRule): void {
    this.#rules.set(rule.endpoint, {
      rule,
      random: new SeededRandom(`${this.#seed}:faults:${rule.endpoint}`),
    });
  }

  clear(): void {
    this.#rules.clear();
  }

  list(): FaultRule[] {
    return [...this.#rules.values()].map((r) => r.rule);
  }

  decide(endpoint: string, itemEndpoint: boolean): FaultDecision {
    const entry = this.#rules.get(endpoint) ?? this.#rules.get('*');
    if (!entry) return NONE;
    const { rule, random } = entry;
    const roll = random.next();
    const outcomes: [rate: number, action: () => FaultAction][] = [
      [rule.error_rate, () => ({ kind: 'error', error: PlaidApiError.internal() })],
      [rule.rate_limit_rate, () => ({ kind: 'error', error: PlaidApiError.rateLimited(endpoint) })],
      [
        itemEndpoint ? rule.login_required_rate : 0,
        () => ({ kind: 'error', error: PlaidApiError.itemLoginRequired() }),
      ],
      [rule.drop_rate, () => ({ kind: 'drop' })],
      [rule.timeout_rate, () => ({ kind: 'timeout' })],
    ];
    let threshold = 0;
    let action: FaultAction = { kind: 'none' };
    for (const [rate, make] of outcomes) {
      threshold += rate;
      if (roll < threshold) {
        action = make();
        break;
      }
    }
    return { latencyMs: rule.latency_ms, action };
  }
}
