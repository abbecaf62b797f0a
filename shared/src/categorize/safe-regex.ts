import { DomainError } from '../errors/domain-error.ts';

/** Matching never sees more than this many characters, so even polynomial patterns stay bounded. */
export const REGEX_INPUT_CAP = 512;
const MAX_PATTERN = 200;
const MAX_QUANTIFIERS = 8;

export interface SafeRegex {
  test(text: string): boolean;
}

/**
 * Compiles a user's pattern (case-insensitive) after refusing the shapes that backtrack catastrophically:
 * backreferences, and a quantified group that itself contains a quantifier or an alternation (`(a+)+`,
 * `(a|ab)*`). Inputs are capped at REGEX_INPUT_CAP characters. Throws DomainError RULE_INVALID_REGEX.
 */
export function compileSafeRegex(pattern: string): SafeRegex {
  const reason = unsafeReason(pattern);
  if (reason) throw new DomainError('RULE_INVALID_REGEX', `unsafe pattern: ${reason}`, { pattern });
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'i');
  } catch (cause) {
    throw new DomainError('RULE_INVALID_REGEX', `invalid pattern: ${(cause as Error).message}`, { pattern });
  }
  return {
    test: (text) => re.test(text.length > REGEX_INPUT_CAP ? text.slice(0, REGEX_INPUT_CAP) : text),
  };
}

interface Frame {
  hasQuantifier: boolean;
  hasAlternation: boolean;
}

function unsafeReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN) return `longer than ${MAX_PATTERN} characters`;
  const stack: Frame[] = [{ hasQuantifier: false, hasAlternation: false }];
  let quantifiers = 0;
  // What the previous atom was: a closed group (with its frame) or a plain atom.
  let lastGroup: Frame | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const top = stack.at(-1)!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed';
      i++;
      lastGroup = null;
      continue;
    }
    if (ch === '[') {
      // Skip the character class; quantifiers inside it are literals.
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') {
        if (pattern[i] === '\\') i++;
        i++;
      }
      lastGroup = null;
      continue;
    }
    if (ch === '(') {
      stack.push({ hasQuantifier: false, hasAlternation: false });
      lastGroup = null;
      // Group modifiers (?: (?= (?! (?<= (?<! (?<name> are not quantifiers.
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        if (rest.startsWith('<=') || rest.startsWith('<!')) i += 3;
        else if (rest.startsWith('<')) i = Math.max(i + 2, pattern.indexOf('>', i));
        else i += 2;
      }
      continue;
    }
    if (ch === ')') {
      if (stack.length === 1) return 'unbalanced parenthesis';
      const closed = stack.pop()!;
      const parent = stack.at(-1)!;
      parent.hasQuantifier ||= closed.hasQuantifier;
      lastGroup = closed;
      continue;
    }
    if (ch === '|') {
      top.hasAlternation = true;
      lastGroup = null;
      continue;
    }
    const isQuantifier =
      ch === '*' || ch === '+' || ch === '?' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (isQuantifier) {
      if (ch === '{') i = pattern.indexOf('}', i);
      if (pattern[i + 1] === '?') i++;
      quantifiers++;
      if (quantifiers > MAX_QUANTIFIERS) return `more than ${MAX_QUANTIFIERS} quantifiers`;
      if (lastGroup && (lastGroup.hasQuantifier || lastGroup.hasAlternation)) {
        return 'a repeated group may not contain a quantifier or an alternation';
      }
      top.hasQuantifier = true;
      lastGroup = null;
      continue;
    }
    lastGroup = null;
  }
  if (stack.length !== 1) return 'unbalanced parenthesis';
  return null;
}
