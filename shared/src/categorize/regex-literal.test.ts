import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiteral } from './regex-literal.ts';
import { compileSafeRegex } from './safe-regex.ts';

describe('requiredLiteral', () => {
  it.each([
    ['STARBUCKS', 'tarbuc'],
    ['amazon\\s+mktp \\d{3,4}', 'amazon'],
    ['^uber\\s*eats', 'uber'],
    ['tr[ae]der joe', 'der joe'],
    ['ab+cdef', 'cdef'],
    ['abcx?yz', 'abc'],
    ['abc.def', 'abc'],
    ['net\\.flix', 'net.flix'],
    ['colou{0,1}r gym', 'r gym'],
    ['(costco|sams)', null],
    ['costco|sams club', null],
    ['(?i)walmart', null],
    ['\\d+', null],
    ['ab', 'ab'],
  ])('%s → %s', (pattern, literal) => {
    expect(requiredLiteral(pattern)).toBe(literal);
  });

  it('every text the regex matches contains the literal (lower-cased), for random patterns', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      'c',
      'S',
      'k',
      'K',
      ' ',
      '.',
      '\\.',
      '\\d',
      '\\s',
      '\\w',
      '+',
      '*',
      '?',
      '{2}',
      '{0,2}',
      '(ab)',
      '[a-c]',
      '[^x]',
      '^',
      '$',
      'x',
      'Y',
      '-',
    );
    const text = fc.stringMatching(/^[abcskxyKSY .\-0-9ſ\u212a]{0,12}$/);
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 8 }),
        fc.array(text, { maxLength: 20 }),
        (tokens, texts) => {
          const pattern = tokens.join('');
          let re: ReturnType<typeof compileSafeRegex>;
          try {
            re = compileSafeRegex(pattern);
          } catch {
            return; // not a pattern RE2 accepts: never stored as a rule
          }
          const literal = requiredLiteral(pattern);
          if (literal === null) return;
          for (const t of [...texts, literal, literal.toUpperCase()]) {
            if (re.test(t)) expect(t.toLowerCase()).toContain(literal);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
