/**
 * The longest run of characters every match of a user regex must contain (lower-case), or null when none can
 * be proven, so the rule index can file a `matches` rule under it (issue 16). Conservative:
 * any alternation or inline flag gives null; groups, classes, escapes like \d, `.`, anchors and quantified
 * atoms end a run; a `?`, `*` or `{0,…}` takes its atom out. Only ASCII letters, digits, space and plain
 * punctuation count, and never `s` or `k`: under RE2's case folding they also match ſ (U+017F) and the
 * Kelvin sign, which lower-casing the text does not produce.
 */
export function requiredLiteral(pattern: string): string | null {
  if (pattern.includes('|') || pattern.includes('(?')) return null;
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  const SAFE = /^[a-jl-rt-z0-9 _\-.,;:'"!@%&=<>~`/]$/;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    let atom: string | null = null;
    let next = i + 1;
    if (ch === '\\') {
      const escaped = pattern[i + 1];
      if (escaped === undefined) return null;
      next = i + 2;
      // \. \- \/ …: the character itself; \d \w \b \p{…} \Q…: not a literal.
      atom = /[A-Za-z0-9]/.test(escaped) ? null : escaped;
      if (/[pPQ]/.test(escaped)) return null;
    } else if (ch === '(' || ch === '[') {
      next = skipGroup(pattern, i);
      if (next < 0) return null;
      atom = null;
    } else if ('.^$'.includes(ch)) {
      atom = null;
    } else if ('?*+{'.includes(ch)) {
      // A quantifier with nothing before it (RE2 refuses these): give up.
      return null;
    } else {
      atom = ch;
    }
    // What follows the atom: a quantifier makes it optional (?, *, {0…}) or repeatable (+, {n…}).
    const q = pattern[next];
    let optional = false;
    let repeated = false;
    if (q === '?' || q === '*') {
      optional = true;
      next++;
    } else if (q === '+') {
      repeated = true;
      next++;
    } else if (q === '{') {
      const close = pattern.indexOf('}', next);
      if (close < 0) return null;
      const min = Number(pattern.slice(next + 1, close).split(',')[0] || '0');
      if (!(min >= 1)) optional = true;
      else repeated = true;
      next = close + 1;
    }
    if (optional || repeated) {
      // A lazy or possessive marker after the quantifier.
      if (pattern[next] === '?' || pattern[next] === '+') next++;
    }
    const lower = atom?.toLowerCase();
    if (atom === null || optional || lower === undefined || !SAFE.test(lower)) {
      end();
    } else {
      run += lower;
      if (repeated) end();
    }
    i = next;
  }
  end();
  return best.length ? best : null;
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
