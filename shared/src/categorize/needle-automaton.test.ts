import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeedleAutomaton } from './needle-automaton.ts';

/** The needles (by index) the automaton reports for a text, each once, ascending. */
function found(needles: string[], text: string): number[] {
  const automaton = new NeedleAutomaton(needles.map((n, i) => ({ text: n, value: i })));
  const hits = new Set<number>();
  const hit = (i: number) => hits.add(i);
  if (!automaton.scanAscii(text, hit)) automaton.scanLowered(text.toLowerCase(), hit);
  return [...hits].sort((a, b) => a - b);
}

/** What it must report: the needles the lower-cased text holds. */
function holds(needles: string[], text: string): number[] {
  const lowered = text.toLowerCase();
  return needles.flatMap((n, i) => (lowered.includes(n) ? [i] : []));
}

describe('needle automaton', () => {
  it('finds needles that overlap, nest and share a start, in any case', () => {
    const needles = ['he', 'she', 'his', 'hers', 'ushers'];
    expect(found(needles, 'USHERS')).toEqual([0, 1, 3, 4]);
    expect(found(needles, 'ahishe')).toEqual([0, 1, 2]);
    expect(found(needles, 'h e')).toEqual([]);
  });

  it('reads a text past ASCII lower-cased: the Kelvin sign is a k, İ is i and a dot', () => {
    expect(found(['kar', 'i\u0307x', 'café'], '\u212AAR')).toEqual([0]);
    expect(found(['kar', 'i\u0307x', 'café'], 'İX CAFÉ')).toEqual([1, 2]);
  });

  // Small alphabets, with case, ſ, the Kelvin sign, İ and é, so needles overlap and fold often.
  const chars = fc.constantFrom(
    'a',
    'b',
    'A',
    'B',
    'k',
    'K',
    '\u212A',
    's',
    'S',
    'ſ',
    'i',
    'İ',
    'é',
    'É',
    ' ',
  );
  const text = fc.array(chars, { maxLength: 12 }).map((cs) => cs.join(''));
  it('reports exactly the needles the lower-cased text holds', () => {
    fc.assert(
      fc.property(
        fc.array(
          text.map((t) => t.toLowerCase()).filter((t) => t.length > 0),
          { minLength: 1, maxLength: 6 },
        ),
        text,
        (needles, t) => {
          expect(found(needles, t)).toEqual(holds(needles, t));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reports a scoped needle only in its texts: all-ASCII ones, or the others', () => {
    const automaton = new NeedleAutomaton([
      { text: 'star', value: 0, scope: 'ascii' },
      { text: 'tar', value: 1, scope: 'other' },
      { text: 'ar', value: 2 },
    ]);
    const scan = (text: string) => {
      const hits = new Set<number>();
      const hit = (i: number) => hits.add(i);
      if (!automaton.scanAscii(text, hit)) automaton.scanLowered(text.toLowerCase(), hit);
      return [...hits].sort((a, b) => a - b);
    };
    expect(scan('STAR')).toEqual([0, 2]);
    expect(scan('ſTAR')).toEqual([1, 2]);
    // Reported before the character past ASCII: a possible find, which the caller must still test.
    expect(scan('STAR é')).toEqual([0, 1, 2]);
  });
});
