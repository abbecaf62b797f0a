/**
 * The longest run of characters every match of a user regex must contain (lower-case), or null when none can
 * be proven, so the rule index can file a `matches` rule under it (issue 16). Conservative: any alternation,
 * inline flag or character given by its code (\x41, \101) gives null; groups, classes, escapes like \d, `.`,
 * anchors and quantified atoms end a run; a `?`, `*` or `{0,…}` takes its atom out. Only ASCII letters,
 * digits, space and plain punctuation count, and never `s` or `k`: under RE2's case folding they also match
 * ſ (U+017F) and the Kelvin sign, which lower-casing the text does not produce.
 */
export function requiredLiteral(pattern: string): string | null {
  return requiredRun(pattern)?.literal ?? null;
}

/**
 * The longest run of characters every match of a user regex in an all-ASCII text must contain (lower-case),
 * or null: requiredLiteral's, but `s` and `k` count too, as an ASCII text holds neither ſ nor the Kelvin
 * sign. At least as long as requiredLiteral's literal, and often longer ("foodsoil" where that gives "food").
 */
export function requiredAsciiLiteral(pattern: string): string | null {
  return requiredRun(pattern, SAFE_IN_ASCII)?.literal ?? null;
}

/**
 * What a character next to a required literal must be, in lower-cased text: a kind (see charMayBe) and, for
 * CHAR, the character's code.
 */
const NONE = 0;
const CHAR = 1;
const DIGIT = 2;
const SPACE = 3;
const WORD = 4;

/** The most atoms after the literal the filter follows, and the most repetitions of one it counts. */
const MAX_SLOTS = 30;
const MAX_MIN = 8;

/**
 * A test every lower-cased text a user regex matches passes, cheaper than RE2 (issue 16): it holds the
 * required literal (requiredLiteral) with, where the pattern says so, the right kind of character right
 * before it and the right kinds after it — `amazon\s+mktp \d{3}` needs "amazon", one or more spaces, "mktp",
 * a space and three digits, not "amazonian". It follows the atoms after the literal while each is one known
 * kind of character (\d, \s, \w or one ASCII character), each at least as often as the pattern needs and
 * with no upper limit, in one pass over the text. Conservative: a character past ASCII passes any test, and
 * whatever the pattern has past the atoms followed is taken to match. Null when the pattern has no required
 * literal.
 */
export function literalFilter(pattern: string): ((lowered: string) => boolean) | null {
  const run = requiredRun(pattern);
  return run && runFilter(run);
}

/**
 * literalFilter for all-ASCII lower-cased texts only, from the longer literal requiredAsciiLiteral finds,
 * and whether its answer is the regex's own on them (`decides`): when the pattern is that literal, unanchored
 * at its start, then atoms each one known kind of character, each but the last either unbounded (`+`, `*`,
 * `{n,}`) or taken an exact number of times (unquantified, `{n}`) — `amazon\s+mktp \d{3,4}`; no group,
 * class, `.`, anchor or alternation. Null when the pattern has no such literal.
 */
export function asciiLiteralFilter(
  pattern: string,
): { test: (asciiLowered: string) => boolean; decides: boolean } | null {
  const run = requiredRun(pattern, SAFE_IN_ASCII);
  return run && { test: runFilter(run), decides: run.whole };
}

function runFilter(run: RequiredRun): (lowered: string) => boolean {
  const { literal, before, beforeCode, follow } = run;
  if (before === NONE && follow.length === 0) return (text) => text.includes(literal);
  // The atoms followed, each as slots "its atom matched k times so far" (k up to its minimum), one bit each;
  // the bit past the last slot means every atom followed has matched.
  const kinds = follow.map((a) => a.kind);
  const codes = follow.map((a) => a.code);
  const mins = follow.map((a) => a.min);
  const loops = follow.map((a) => a.loop);
  const offsets = [0];
  for (const min of mins) offsets.push(offsets[offsets.length - 1]! + min + 1);
  const count = follow.length;
  const accept = 1 << offsets[count]!;
  // Adds the slots reachable without a character: an atom matched its minimum → the next one may begin.
  const closure = (set: number): number => {
    let out = set;
    for (let i = 0; i < count; i++) if (out & (1 << (offsets[i]! + mins[i]!))) out |= 1 << offsets[i + 1]!;
    return out;
  };
  const begin = closure(1);
  const step = (set: number, c: number): number => {
    let out = 0;
    for (let i = 0; i < count; i++) {
      if (!charMayBe(kinds[i]!, codes[i]!, c)) continue;
      const at = offsets[i]!;
      const min = mins[i]!;
      for (let k = 0; k < min; k++) if (set & (1 << (at + k))) out |= 1 << (at + k + 1);
      // Past its minimum, an atom taken an exact number of times takes no more.
      if (loops[i] && set & (1 << (at + min))) out |= 1 << (at + min);
    }
    return closure(out);
  };
  // The next place the literal stands with the right character before it, from `from`, or -1.
  const occurrence = (text: string, from: number): number => {
    let at = text.indexOf(literal, from);
    while (
      at >= 0 &&
      before !== NONE &&
      (at === 0 || !charMayBe(before, beforeCode, text.charCodeAt(at - 1)))
    )
      at = text.indexOf(literal, at + 1);
    return at;
  };
  const length = literal.length;
  return (text) => {
    let at = occurrence(text, 0);
    if (at < 0) return false;
    if (count === 0) return true;
    let set = 0;
    for (let p = at + length; ; p++) {
      // Each place the literal ends starts the atoms afresh.
      while (at >= 0 && at + length === p) {
        set |= begin;
        at = occurrence(text, at + 1);
      }
      if (set & accept) return true;
      if (p >= text.length) return false;
      if (set === 0) {
        if (at < 0) return false;
        p = at + length - 1;
        continue;
      }
      set = step(set, text.charCodeAt(p));
    }
  };
}

/** Whether a character of lower-cased text may be what an atom of kind `kind` matches (case-insensitively). */
function charMayBe(kind: number, code: number, c: number): boolean {
  if (c >= 128) return true;
  switch (kind) {
    case CHAR:
      return c === code;
    case DIGIT:
      return c >= 48 && c <= 57;
    case SPACE:
      // RE2's \s: [\t\n\f\r ] (not \v).
      return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
    case WORD:
      return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    default:
      return true;
  }
}

/** One atom of a pattern, as far as the literal analysis reads it. */
interface Atom {
  /** The atom's character, lower-cased, when it is one a literal may hold (SAFE), else null. */
  literal: string | null;
  /** What the one character it matches may be (NONE: anything, or not one character). */
  kind: number;
  code: number;
  /** `?`, `*` or `{0,…}`: it may match nothing. */
  optional: boolean;
  /** How many times it must match at least (1 unquantified, n for `{n,…}`), at most MAX_MIN. */
  min: number;
  /** `+` or `{n,…}`: it may match more than once. */
  repeated: boolean;
  /** It matches at most a known number of times: unquantified, `?`, `{n}` or `{n,m}`. */
  bounded: boolean;
  /** `min` is the pattern's own (not cut to MAX_MIN) and its quantifier, if any, is one RE2 reads as such. */
  exactMin: boolean;
  /** It matches exactly `min` times (unquantified or `{n}`), `min` being exact. */
  exactCount: boolean;
}

interface RequiredRun {
  literal: string;
  /** What the character before the literal must be (kind and code, as Atom), when an atom requires one. */
  before: number;
  beforeCode: number;
  /**
   * The atoms right after the literal, in order, while each is one known kind of character (at most
   * MAX_SLOTS slots between them: see literalFilter).
   */
  follow: { kind: number; code: number; min: number; loop: boolean }[];
  /**
   * The literal and its follow are the whole pattern, so on an all-ASCII lower-cased text the filter decides
   * the regex (see literalFilterDecides).
   */
  whole: boolean;
}

// Only ASCII letters, digits, space and plain punctuation count, and never `s` or `k` (see requiredLiteral).
const SAFE = /^[a-jl-rt-z0-9 _\-.,;:'"!@%&=<>~`/]$/;
// In an all-ASCII text, `s` and `k` too (see requiredAsciiLiteral).
const SAFE_IN_ASCII = /^[a-z0-9 _\-.,;:'"!@%&=<>~`/]$/;

/** The pattern's longest required literal run and its neighbours, or null (see requiredLiteral). */
function requiredRun(pattern: string, safe = SAFE): RequiredRun | null {
  const atoms = patternAtoms(pattern, safe);
  if (!atoms) return null;
  let best: RequiredRun | null = null;
  let start = 0;
  let run = '';
  // Ends the run of atoms [start, endAt); `again`: its last atom is repeated, so may match again right after.
  const end = (endAt: number, again: boolean) => {
    if (run.length > (best?.literal.length ?? 0)) {
      const prev = start > 0 ? atoms[start - 1]! : null;
      const follow: RequiredRun['follow'] = [];
      let slots = 1;
      const last = atoms[endAt - 1]!;
      if (again) {
        follow.push({ kind: last.kind, code: last.code, min: 0, loop: true });
        slots++;
      }
      // Whole while the atoms followed are the pattern's every atom after the literal, each read exactly:
      // the filter reads each as "at least min times, with no upper limit", which is the pattern's own reading
      // for an unbounded atom, and for a bounded one only at the end (the match may stop inside a longer run).
      // Each followed atom as the filter reads it is the pattern's own when it is unbounded or taken an exact
      // number of times; a bounded one otherwise (`?`, `{n,m}`) only when last, where the match may stop short.
      let whole = start === 0 && (!again || (last.min === 1 && last.exactMin));
      const exact = again ? [!last.bounded] : [];
      let k = endAt;
      for (; k < atoms.length && atoms[k]!.kind !== NONE; k++) {
        const atom = atoms[k]!;
        if (slots + atom.min + 1 > MAX_SLOTS) break;
        follow.push({ kind: atom.kind, code: atom.code, min: atom.min, loop: !atom.exactCount });
        exact.push(atom.exactMin && (!atom.bounded || atom.exactCount));
        whole &&= atom.exactMin;
        slots += atom.min + 1;
      }
      whole &&= k === atoms.length && exact.every((e, i) => e || i === exact.length - 1);
      best = {
        literal: run,
        before: prev && !prev.optional ? prev.kind : NONE,
        beforeCode: prev?.code ?? 0,
        follow,
        whole,
      };
    }
    run = '';
  };
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    if (atom.literal === null || atom.optional) {
      end(i, false);
      start = i + 1;
      continue;
    }
    if (!run) start = i;
    run += atom.literal;
    if (atom.repeated) {
      // What follows may be this atom again.
      end(i + 1, true);
      start = i + 1;
    }
  }
  end(atoms.length, false);
  return best;
}

/**
 * The pattern as a list of atoms, or null when it has an alternation, an inline flag or syntax the analysis
 * does not read. Groups and classes are one atom each, of unknown content; anchors and `\b` match no
 * character, which NONE (anything) covers.
 */
function patternAtoms(pattern: string, safe: RegExp): Atom[] | null {
  if (pattern.includes('|') || pattern.includes('(?')) return null;
  const atoms: Atom[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    let char: string | null = null;
    let kind = NONE;
    let next = i + 1;
    if (ch === '\\') {
      const escaped = pattern[i + 1];
      if (escaped === undefined) return null;
      next = i + 2;
      // \p{…}, \Q…\E, and \x41 or \101 (a character by its code, whose digits are no literal): give up.
      if (/[pPQx0-9]/.test(escaped)) return null;
      // \. \- \/ …: the character itself; \d \s \w: a class; \b \D …: not one known character.
      if (!/[A-Za-z0-9]/.test(escaped)) char = escaped;
      else kind = escaped === 'd' ? DIGIT : escaped === 's' ? SPACE : escaped === 'w' ? WORD : NONE;
    } else if (ch === '(' || ch === '[') {
      next = skipGroup(pattern, i);
      if (next < 0) return null;
    } else if ('?*+{'.includes(ch)) {
      // A quantifier with nothing before it (RE2 refuses these): give up.
      return null;
    } else if (!'.^$'.includes(ch)) {
      char = ch;
    }
    // What follows the atom: a quantifier makes it optional (?, *, {0…}) or repeatable (+, {n…}).
    const q = pattern[next];
    let optional = false;
    let repeated = false;
    let bounded = true;
    let readAsQuantifier = true;
    let exactCount = true;
    let min = 1;
    if (q === '?' || q === '*') {
      optional = true;
      bounded = q === '?';
      exactCount = false;
      min = 0;
      next++;
    } else if (q === '+') {
      repeated = true;
      bounded = false;
      exactCount = false;
      next++;
    } else if (q === '{') {
      const close = pattern.indexOf('}', next);
      if (close < 0) return null;
      const body = pattern.slice(next + 1, close);
      min = Number(body.split(',')[0] || '0');
      // {n}, {n,} and {n,m} are quantifiers; RE2 may read anything else between braces as literal text.
      readAsQuantifier = /^\d+(,\d*)?$/.test(body);
      bounded = !body.endsWith(',');
      exactCount = !body.includes(',');
      if (!(min >= 1)) {
        optional = true;
        min = 0;
      } else repeated = true;
      next = close + 1;
    }
    if (optional || repeated) {
      // A lazy or possessive marker after the quantifier.
      if (pattern[next] === '?' || pattern[next] === '+') next++;
    }
    const lower = char?.toLowerCase();
    let literal: string | null = null;
    let code = 0;
    if (lower !== undefined && safe.test(lower)) literal = lower;
    if (lower !== undefined && lower.length === 1 && lower.charCodeAt(0) < 128) {
      // An ASCII character (`s` and `k` too): under case folding, in lower-cased text, itself or past ASCII.
      kind = CHAR;
      code = lower.charCodeAt(0);
    }
    atoms.push({
      literal,
      kind,
      code,
      optional,
      repeated,
      min: Math.min(min, MAX_MIN),
      bounded,
      exactMin: readAsQuantifier && min <= MAX_MIN,
      exactCount: exactCount && readAsQuantifier && min <= MAX_MIN,
    });
    i = next;
  }
  return atoms;
}

/** The index just past the group or class starting at `start`, or -1 when it does not close. */
function skipGroup(pattern: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') {
        inClass = false;
        if (depth === 0) return i + 1;
      }
      continue;
    }
    if (ch === '[') {
      inClass = true;
      // A ']' right after '[' or '[^' is a literal member.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
