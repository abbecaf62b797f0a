import type { RuleRunList } from '../api/contract-types.ts';

/**
 * What a run did, in words. New transactions are all categorized (by rules, your past choices or the bank's
 * category), so "changed" there counts every one that got a category and "matched" only those a rule took.
 */
export function runWords(
  r: Pick<RuleRunList['runs'][number], 'trigger' | 'matched' | 'changed' | 'failures'>,
): string {
  const n = (count: number, one: string, many = `${one}s`) =>
    `${count.toLocaleString()} ${count === 1 ? one : many}`;
  const failed = r.failures.length ? `; ${n(r.failures.length, 'action')} failed` : '';
  if (r.trigger === 'ingest') {
    const byRules =
      r.matched === 0 ? 'no rule matched them' : `your rules matched ${r.matched.toLocaleString()}`;
    return `${n(r.changed, 'new transaction')} categorized; ${byRules}${failed}.`;
  }
  return `Applied to history: matched ${n(r.matched, 'transaction')}, changed ${r.changed.toLocaleString()}${failed}.`;
}
