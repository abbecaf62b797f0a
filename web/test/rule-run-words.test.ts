import { describe, expect, it } from 'vitest';
import { runWords } from '../src/rules/rule-run-words.ts';

describe('rule run wording', () => {
  it('says a sync categorized its new transactions and how many a rule took, not "Matched 0 / Changed 3269"', () => {
    expect(runWords({ trigger: 'ingest', matched: 0, changed: 3269, failures: [] })).toBe(
      '3,269 new transactions categorized; no rule matched them.',
    );
    expect(runWords({ trigger: 'ingest', matched: 12, changed: 40, failures: [] })).toBe(
      '40 new transactions categorized; your rules matched 12.',
    );
    expect(runWords({ trigger: 'apply', matched: 1, changed: 0, failures: [{}] })).toBe(
      'Applied to history: matched 1 transaction, changed 0; 1 action failed.',
    );
  });
});
