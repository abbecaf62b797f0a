import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uncategorizedTransaction } from './categorizable-transaction.ts';
import { RuleIndex } from './rule-indexer.ts';
import type { RuleDefinition } from './rule-schema.ts';
import { RuleSubject } from './rule-subject.ts';

type Filed = Pick<RuleDefinition, 'conditionsOp' | 'conditions'>;

const containing = (needle: string): Filed => ({
  conditionsOp: 'all',
  conditions: [{ field: 'rawName', op: 'contains', value: needle }],
});

const subject = (rawName: string) =>
  new RuleSubject(
    uncategorizedTransaction({ id: 't', accountId: 'a', amountMinor: 100, date: '2026-01-01', rawName }),
  );

/** The candidates one lookup writes to `out`, as a list. */
function lookup(index: RuleIndex, rawName: string, out: Int32Array): number[] {
  return Array.from(out.subarray(0, index.candidates(subject(rawName), out)));
}

function candidates(rules: Filed[], rawName: string): number[] {
  return lookup(new RuleIndex(rules), rawName, new Int32Array(rules.length));
}

describe('rule index: needles found by the field automaton', () => {
  it('a text holding pieces of a needle but not the needle is no candidate', () => {
    // This text holds "blu" and "bot" (what the trigram filter this replaced filed "bluebot" under), apart.
    expect(candidates([containing('bluebot')], 'SQ *BLUE CITY BOT 12')).toEqual([]);
  });

  it('a text holding one trigram twice and never the other is no candidate', () => {
    expect(candidates([containing('bluebot')], 'BLUBLU BLUE')).toEqual([]);
  });

  it('a needle whose trigrams are all one trigram is found', () => {
    expect(candidates([containing('aaaa')], 'X AAAA Y')).toEqual([0]);
  });

  // Texts cut from the needles' own pieces, so many hold one trigram, both, or the whole needle.
  const needles = ['bluebot', 'tacospot', 'gym', 'aaaa', 'zenyoga', 'iron gym'];
  const pieces = fc.constantFrom(
    'blu',
    'bot',
    'bluebot',
    'taco',
    'spot',
    'gym',
    'aa',
    'aaa',
    'zen',
    'yoga',
    ' ',
    'x',
  );
  it('the candidates are exactly the rules whose needle the text holds', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const expected = needles.flatMap((n, i) => (text.includes(n) ? [i] : []));
        expect(candidates(needles.map(containing), text.toUpperCase())).toEqual(expected);
      }),
    );
  });

  it('one index and one buffer reused lookup after lookup give what a fresh index gives each text', () => {
    const rules = needles.map(containing);
    const index = new RuleIndex(rules);
    const out = new Int32Array(rules.length);
    fc.assert(
      fc.property(fc.array(fc.array(pieces, { maxLength: 8 }), { maxLength: 6 }), (texts) => {
        for (const parts of texts) {
          const text = parts.join('').toUpperCase();
          expect(lookup(index, text, out)).toEqual(candidates(rules, text));
        }
      }),
    );
  });
});

describe('rule index: exact keys', () => {
  const rules: Filed[] = [
    { conditionsOp: 'all', conditions: [{ field: 'payee', op: 'is', value: 'Blue Bottle' }] },
    { conditionsOp: 'all', conditions: [{ field: 'payee', op: 'oneOf', value: ['x', 'BLUE bottle', 'İx'] }] },
  ];
  const withPayee = (payee: string | null) =>
    new RuleSubject(
      uncategorizedTransaction({
        id: 't',
        accountId: 'a',
        amountMinor: 1,
        date: '2026-01-01',
        rawName: 'r',
        payee,
      }),
    );
  const expected = (payee: string | null) => {
    const v = (payee ?? '').toLowerCase();
    return [v === 'blue bottle', ['x', 'blue bottle', 'i̇x'].includes(v)].flatMap((hit, i) =>
      hit ? [i] : [],
    );
  };

  it('one index gives each payee its rules however often, in whatever case, and past its memo of texts', () => {
    const index = new RuleIndex(rules);
    const out = new Int32Array(rules.length);
    const payees = ['Blue Bottle', 'BLUE BOTTLE', 'blue bottle', 'X', 'İX', 'Blue', null, ''];
    // More distinct texts than the memo holds, between the rounds.
    const others = Array.from({ length: 5000 }, (_, i) => `payee ${i}`);
    for (const round of [payees, others, payees, payees]) {
      for (const payee of round) {
        const n = index.candidates(withPayee(payee), out);
        expect(Array.from(out.subarray(0, n))).toEqual(expected(payee));
      }
    }
  });
});

describe('rule index: candidates it decides', () => {
  const rule = (conditionsOp: 'all' | 'any', conditions: Filed['conditions']): Filed => ({
    conditionsOp,
    conditions,
  });
  const amount: Filed['conditions'][number] = {
    field: 'amount',
    op: 'between',
    value: [100, 200],
    direction: 'outflow',
  };
  const cases: [string, Filed, number][] = [
    ['an exact value', rule('all', [{ field: 'payee', op: 'is', value: 'Blue' }]), 1],
    ['one of exact values', rule('all', [{ field: 'payee', op: 'oneOf', value: ['a', 'b'] }]), 1],
    ['a prefix and its check', rule('all', [{ field: 'rawName', op: 'startsWith', value: 'blue b' }]), 1],
    ['a contains needle', rule('any', [{ field: 'rawName', op: 'contains', value: 'bottle' }]), 1],
    ['an amount range alone', rule('all', [amount]), 1],
    [
      'an exact value and an amount range',
      rule('all', [{ field: 'accountId', op: 'is', value: 'a' }, amount]),
      1,
    ],
    // A regex's literal is not the regex.
    ['a regex', rule('all', [{ field: 'rawName', op: 'matches', value: 'bottle\\s+\\d+' }]), 0],
    ['a short needle (not filed)', rule('all', [{ field: 'rawName', op: 'contains', value: 'bo' }]), 0],
    ['a negated condition', rule('all', [{ field: 'payee', op: 'is', value: 'Blue', negate: true }]), 0],
    ['either of two', rule('any', [{ field: 'payee', op: 'is', value: 'a' }, amount]), 0],
    [
      'two text conditions (one filed)',
      rule('all', [
        { field: 'payee', op: 'is', value: 'Blue' },
        { field: 'rawName', op: 'contains', value: 'bottle' },
      ]),
      0,
    ],
    ['a group', rule('all', [{ op: 'all', conditions: [{ field: 'payee', op: 'is', value: 'Blue' }] }]), 0],
    [
      'two amount ranges',
      rule('all', [amount, { field: 'amount', op: 'between', value: [150, 300], direction: 'outflow' }]),
      0,
    ],
    ['no condition', rule('all', []), 0],
  ];
  it.each(cases)('%s: %i', (_, filed, decided) => {
    expect(new RuleIndex([filed]).decided[0]).toBe(decided);
  });
});

describe('rule index: prefixes', () => {
  const startsWith = (value: string): Filed => ({
    conditionsOp: 'all',
    conditions: [{ field: 'rawName', op: 'startsWith', value }],
  });
  it('a prefix is checked on the text as lower-casing reads it, ASCII or not', () => {
    const rules = ['blue b', 'i̇x', 'blu', 'ſta'].map(startsWith);
    expect(candidates(rules, 'BLUE BOTTLE')).toEqual([0, 2]);
    expect(candidates(rules, 'BLUE BAR é')).toEqual([0, 2]);
    expect(candidates(rules, 'BLUE')).toEqual([2]);
    expect(candidates(rules, 'İX')).toEqual([1]);
    expect(candidates(rules, 'ſTAR')).toEqual([3]);
    expect(candidates(rules, 'STAR')).toEqual([]);
  });
});
