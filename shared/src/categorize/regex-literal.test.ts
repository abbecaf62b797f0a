import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiLiteralFilter, literalFilter, requiredAsciiLiteral, requiredLiteral } from './regex-literal.ts';
import { compileSafeRegex } from './safe-regex.ts';

// Random patterns from tokens where literal runs, classes, quantifiers, groups and folding (S, k, ſ, the
// Kelvin sign) meet, each checked on random short texts; patterns RE2 refuses are never stored as rules.
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
  '\\b',
  '\\x61',
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
  '_',
  '1',
);
const text = fc.stringMatching(/^[abcskxyKSY .\-_0-9\tſ\u212a\u0130]{0,12}$/);

function forRandomPatterns(
  check: (pattern: string, re: ReturnType<typeof compileSafeRegex>, texts: string[]) => void,
): void {
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
          return;
        }
        check(pattern, re, texts);
      },
    ),
    { numRuns: 3000 },
  );
}

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
    // A character by its code: \x41 is A, \101 is A (octal) — their digits are no literal.
    ['\\x41bc', null],
    ['\\x{41}bcd', null],
    ['\\101bcd', null],
  ])('%s → %s', (pattern, literal) => {
    expect(requiredLiteral(pattern)).toBe(literal);
  });

  it('every text the regex matches contains the literal (lower-cased), for random patterns', () => {
    forRandomPatterns((pattern, re, texts) => {
      const literal = requiredLiteral(pattern);
      if (literal === null) return;
      for (const t of [...texts, literal, literal.toUpperCase()]) {
        if (re.test(t)) expect(t.toLowerCase()).toContain(literal);
      }
    });
  });
});

describe('requiredAsciiLiteral', () => {
  it.each([
    ['STARBUCKS', 'starbucks'],
    ['foodsoil\\s+\\w+ \\d{3,4}', 'foodsoil'],
    ['amazon\\s+mktp \\d{3,4}', 'amazon'],
    ['(costco|sams)', null],
    ['\\d+', null],
  ])('%s → %s', (pattern, literal) => {
    expect(requiredAsciiLiteral(pattern)).toBe(literal);
  });

  it('every all-ASCII text the regex matches contains the literal (lower-cased), for random patterns', () => {
    forRandomPatterns((pattern, re, texts) => {
      const literal = requiredAsciiLiteral(pattern);
      if (literal === null) return;
      expect(literal.length).toBeGreaterThanOrEqual(requiredLiteral(pattern)?.length ?? 0);
      for (const t of [...texts, literal, literal.toUpperCase()]) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
        if (/^[\x00-\x7f]*$/.test(t) && re.test(t)) expect(t.toLowerCase()).toContain(literal);
      }
    });
  });
});

describe('asciiLiteralFilter', () => {
  it.each([
    ['amazon\\s+mktp \\d{3,4}', true],
    ['foodsoil\\s+\\w+ \\d{3,4}', true],
    ['bottle \\d+', true],
    ['ab+c', true],
    ['abc\\d?', true],
    ['abc\\d{2}x', true],
    ['abc\\d?x', false],
    ['abc\\d{1,2}x', false],
    ['ab{2}c', false],
    ['abc\\d{9}', false],
    ['abc\\d{,2}', false],
    ['^abc', false],
    ['abc$', false],
    ['abc.d', false],
    ['abc[0-9]', false],
    ['x\\dabc', false],
  ])('%s decides: %s', (pattern, decides) => {
    expect(asciiLiteralFilter(pattern)?.decides).toBe(decides);
  });

  it('an exactly-counted atom takes no more than its count', () => {
    const filter = asciiLiteralFilter('abc\\d{2}x');
    expect(filter?.test('abc12x')).toBe(true);
    expect(filter?.test('abc123x')).toBe(false);
    expect(filter?.test('abc1x abc12x')).toBe(true);
  });

  // All-ASCII texts, with every space RE2's \s takes and \v, which it does not.
  const asciiText = fc.stringMatching(/^[abcskxyKSY .\-_0-9\t\n\v\f\r]{0,12}$/);
  it('passes every all-ASCII text the regex matches, and is the regex when it decides, for random patterns', () => {
    forRandomPatterns((pattern, re) => {
      const filter = asciiLiteralFilter(pattern);
      if (filter === null) return;
      const literal = requiredAsciiLiteral(pattern) ?? '';
      fc.assert(
        fc.property(fc.array(asciiText, { maxLength: 3 }), (parts) => {
          for (const t of [parts.join(''), parts.join(literal), `${literal}${parts.join(' ')}`]) {
            const lowered = t.toLowerCase();
            if (re.test(lowered)) expect(filter.test(lowered)).toBe(true);
            else if (filter.decides) expect(filter.test(lowered)).toBe(false);
          }
        }),
        { numRuns: 20 },
      );
    });
  });
});

describe('literalFilter', () => {
  it.each([
    ['amazon\\s+mktp \\d{3,4}', 'amazonian mktp 123', false],
    ['amazon\\s+mktp \\d{3,4}', 'amazonian amazon  mktp 1234', true],
    ['\\d+ tle', 'bottle 12 tle', true],
    ['\\d+ tle', 'sq * tle', false],
    ['\\d+ tle', ' tle', false],
    ['ab+cdef', 'xcdef', false],
    ['ab+cdef', 'abbcdef', true],
    ['uber\\w', 'uber eats', false],
    ['uber\\w', 'uber_eats', true],
    ['uber\\w', 'uberſ', true],
    ['net\\.flixk', 'net.flix', false],
    ['net\\.flixk', 'net.flixk', true],
    ['amazon\\s+mktp \\d{3,4}', 'amazon mktp 12', false],
    ['amazon\\s+mktp \\d{3,4}', 'amazon \tmktp 1234 seattle', true],
    ['blue\\s+\\w+ \\d{3,4}', 'bluetle blue 6943 new york ny', false],
    ['blue\\s+\\w+ \\d{3,4}', 'starblue taco 1234 new york ny', true],
    ['ab{3}c', 'xabc', true],
    ['ab+c', 'xabd', false],
    ['ab*c\\d?e', 'abbbce', true],
  ])('%s on "%s" → %s', (pattern, lowered, passes) => {
    expect(literalFilter(pattern)?.(lowered)).toBe(passes);
  });

  it('passes every lower-cased text the regex matches, for random patterns', () => {
    forRandomPatterns((pattern, re, texts) => {
      const filter = literalFilter(pattern);
      if (filter === null) return;
      const literal = requiredLiteral(pattern) ?? '';
      // The literal next to each kind of character, ſ and the Kelvin sign (which case folding matches to s, k).
      const around = [' ', '1', '_', 'ſ', '\u212a', 'S', 'a'].map((c) => `${c}${literal}${c}`);
      // And the literal before and amid the random texts, so the atoms after it meet varied characters.
      const amid = texts.flatMap((t) => [`${literal}${t}`, `${t}${literal}${t}${literal}`]);
      for (const t of [...texts, literal, literal.toUpperCase(), ...around, ...amid]) {
        const lowered = t.toLowerCase();
        if (re.test(lowered)) expect(filter(lowered)).toBe(true);
      }
    });
  });
});
