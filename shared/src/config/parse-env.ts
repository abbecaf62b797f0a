import type { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigProblem {
  variable: string;
  expected: string;
}

export class ConfigError extends DomainError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(
      'CONFIG_INVALID',
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.expected}`).join('\n')}`,
      problems,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment with a zod schema into a frozen config, or throws a ConfigError naming every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): Readonly<z.output<S>> {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: issue.path.length ? issue.path.join('.') : '(environment)',
        expected: issue.message,
      })),
    );
  }
  return Object.freeze(result.data);
}
