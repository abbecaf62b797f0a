import { requiredLiteral } from './regex-literal.ts';
import { numberRange } from './rule-conditions.ts';
import {
  type Condition,
  type ConditionNode,
  isConditionGroup,
  type NumberCondition,
  type RuleDefinition,
  type TextField,
} from './rule-schema.ts';
import { type RuleSubject, type TextSlot, textSlot } from './rule-subject.ts';

/** Fields that actions never write: a key computed from them holds for the whole run. */
const STABLE_TEXT_FIELDS = new Set([
  'rawName',
  'merchantName',
  'accountId',
  'pfcPrimary',
  'pfcDetailed',
  'currency',
]);
/** Fields rules may write: keyed too, but the engine looks candidates up again after such a write. */
const MUTABLE_TEXT_FIELDS = new Set(['payee', 'notes', 'categoryId']);

const GRAM = 3;

function trigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + GRAM <= text.length; i++) out.push(text.slice(i, i + GRAM));
  return out;
}

// A 16-bit hash of a trigram from its three char codes: a table of these rejects almost every trigram of a
// text without slicing it or looking it up.
function gramHash(a: number, b: number, c: number): number {
  return (a * 1089 + b * 33 + c) & 0xffff;
}

// A trigram as one small integer when all three are ASCII (the usual case), else null: looked up without
// slicing a string.
function asciiGram(a: number, b: number, c: number): number | null {
  return (a | b | c) < 128 ? (a << 14) | (b << 7) | c : null;
}

/** A test every transaction a rule matches passes, cheaper than the rule: checked before it becomes a candidate. */
type TextGuard = (subject: RuleSubject) => boolean;

/** A required amount condition as bounds on the amount (after its direction): compared inline, as integers. */
interface AmountGuard {
  direction: 'outflow' | 'inflow' | 'any';
  lo: number;
  hi: number;
}

interface Filing {
  /** The keys under which a rule is filed, or null if it must be tried on every transaction. */
  keys: string[] | null;
  /** How many of its trigram keys a text must hold before the rule's guard is worth running (0: not trigrams). */
  gramsNeeded: number;
  text: TextGuard | null;
  amount: AmountGuard | null;
}

function ruleFiling(rule: Pick<RuleDefinition, 'conditionsOp' | 'conditions'>): Filing {
  const required: ConditionNode[] =
    rule.conditionsOp === 'all' ? rule.conditions : rule.conditions.length === 1 ? rule.conditions : [];
  let best: Keyed | null = null;
  let amount: AmountGuard | null = null;
  for (const node of required) {
    if (isConditionGroup(node)) continue;
    const keyed = conditionKeys(node);
    if (keyed && (!best || keyed.rank > best.rank)) best = keyed;
    if (!amount && node.field === 'amount' && !node.negate) {
      const range = numberRange(node as NumberCondition);
      if (range) amount = { direction: (node as NumberCondition).direction ?? 'any', ...range };
    }
  }
  const check = best?.check;
  const slot = best?.slot ?? 0;
  return {
    keys: best?.keys ?? null,
    gramsNeeded: best?.gramsNeeded ?? 0,
    text: check ? (s) => check(s.text(slot)) : null,
    amount,
  };
}

interface Keyed {
  keys: string[];
  /** Set when the keys are trigrams every match holds all of (not one of them): how many there are. */
  gramsNeeded?: number;
  rank: number;
  slot: TextSlot;
  /** The condition's own test on the field's lower-cased text, when its keys alone do not decide it. */
  check?: (text: string) => boolean;
}

// A condition is indexable when every matching transaction must carry one of its keys (all of them, for the
// trigrams of a needle).
function conditionKeys(c: Condition): Keyed | null {
  if (c.negate) return null;
  if (!STABLE_TEXT_FIELDS.has(c.field) && !MUTABLE_TEXT_FIELDS.has(c.field)) return null;
  const f = c.field;
  const slot = textSlot(f as TextField);
  if (c.op === 'is' && typeof c.value === 'string')
    return { keys: [`${f}=${c.value.toLowerCase()}`], rank: 4, slot };
  if (c.op === 'oneOf' && Array.isArray(c.value))
    return { keys: c.value.map((v) => `${f}=${String(v).toLowerCase()}`), rank: 3, slot };
  // Lower-cased before cutting: lower-casing may change a text's length (İ becomes two characters).
  const lowered = typeof c.value === 'string' ? c.value.toLowerCase() : null;
  if (c.op === 'startsWith' && lowered !== null && lowered.length >= GRAM)
    return {
      keys: [`${f}^${lowered.slice(0, GRAM)}`],
      rank: 2,
      slot,
      check: (text) => text.startsWith(lowered),
    };
  // `contains`, or a regex's literal run every match must contain (regex-literal.ts).
  const needle =
    c.op === 'contains' && lowered !== null
      ? lowered
      : c.op === 'matches' && typeof c.value === 'string'
        ? requiredLiteral(c.value)
        : null;
  if (needle && needle.length >= GRAM) {
    const keys = needleGrams(needle).map((gram) => `${f}~${gram}`);
    return { keys, gramsNeeded: keys.length, rank: 1, slot, check: (text) => text.includes(needle) };
  }
  return null;
}

/**
 * At most two distinct trigrams of a needle, both of which every text holding it holds: the rarest-looking
 * one (letters other than vowels and spaces) and the needle's end farthest from it. One common trigram alone
 * let through six texts in seven that lacked the needle; a text rarely holds both by chance.
 */
function needleGrams(needle: string): string[] {
  const grams = trigrams(needle);
  const first = grams.findIndex((g) => !/[\s aeiou]/.test(g));
  const at = Math.max(first, 0);
  const other = grams[at < grams.length - 1 - at ? grams.length - 1 : 0]!;
  return other === grams[at] ? [grams[at]!] : [grams[at]!, other];
}

interface FieldIndex {
  slot: TextSlot;
  exact: Map<string, number[]>;
  prefix: Map<string, number[]>;
  /** Prefixes of three ASCII characters, by asciiGram. */
  asciiPrefix: Map<number, number[]>;
  gram: Map<string, number[]>;
  /** Trigrams of three ASCII characters, by asciiGram. */
  asciiGram: Map<number, number[]>;
  /**
   * One bit per gramHash, set for every filed trigram: a clear bit means no rule is filed under that trigram.
   * Bits, not bytes, so the table (8 KB) stays in the first-level cache while a text is scanned.
   */
  gramHashes: Uint32Array;
}

function file<K>(map: Map<K, number[]>, key: K, position: number): void {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

/** What the engine asks for the rules worth testing on a transaction. */
export interface CandidateIndex {
  /** See RuleIndex#candidates. */
  candidates(subject: RuleSubject, out: Int32Array): number;
  /** Fields some rule is filed under; absent on a stand-in that lists every rule. */
  readonly keyedFields?: ReadonlySet<string>;
}

/**
 * A stand-in index that lists every one of `ruleCount` rules, as if nothing were indexed: what the index is
 * compared against (tests, the benchmark).
 */
export function everyRuleIndex(ruleCount: number): CandidateIndex {
  return {
    candidates(_subject, out) {
      for (let i = 0; i < ruleCount; i++) out[i] = i;
      return ruleCount;
    },
  };
}

/**
 * Files rules under keys derived from one required condition (exact value, 3-character prefix, or one
 * trigram of a `contains` value or of a regex's required literal), so a transaction is only tested against
 * rules that could match it. Never drops a rule that could match: unindexable rules are always candidates,
 * and a missing text reads as '' as the conditions read it.
 */
export class RuleIndex implements CandidateIndex {
  readonly #fields: FieldIndex[] = [];
  readonly #always: number[] = [];
  readonly #textGuards: (TextGuard | null)[] = [];
  // Per rule: 0 no amount guard, 1 any direction, 2 outflow, 3 inflow; and the bounds.
  readonly #amountKind: Uint8Array;
  readonly #amountLo: Float64Array;
  readonly #amountHi: Float64Array;
  // Reused by every lookup (evaluation is synchronous): 1 = a candidate, 2 = its guard refused it.
  readonly #marks: Uint8Array;
  readonly #touched: Int32Array;
  #touchedCount = 0;
  // Per rule filed under trigrams: how many it needs, and how many this lookup's text held so far.
  readonly #gramsNeeded: Uint8Array;
  readonly #gramHits: Uint8Array;
  readonly #hitRules: Int32Array;
  #hitCount = 0;
  // How many candidates this lookup has written to its `out`.
  #outCount = 0;
  /** Fields some rule is filed under: writing one changes which rules are candidates. */
  readonly keyedFields: ReadonlySet<string>;

  constructor(rules: readonly Pick<RuleDefinition, 'conditionsOp' | 'conditions'>[]) {
    this.#marks = new Uint8Array(rules.length);
    this.#touched = new Int32Array(rules.length);
    this.#amountKind = new Uint8Array(rules.length);
    this.#amountLo = new Float64Array(rules.length);
    this.#amountHi = new Float64Array(rules.length);
    this.#gramsNeeded = new Uint8Array(rules.length);
    this.#gramHits = new Uint8Array(rules.length);
    this.#hitRules = new Int32Array(rules.length);
    const byField = new Map<string, FieldIndex>();
    rules.forEach((rule, i) => {
      const { keys, gramsNeeded, text, amount } = ruleFiling(rule);
      this.#textGuards.push(text);
      this.#gramsNeeded[i] = gramsNeeded;
      if (amount) {
        this.#amountKind[i] = amount.direction === 'any' ? 1 : amount.direction === 'outflow' ? 2 : 3;
        this.#amountLo[i] = amount.lo;
        this.#amountHi[i] = amount.hi;
      }
      if (!keys) {
        this.#always.push(i);
        return;
      }
      for (const key of keys) {
        const at = key.search(/[=^~]/);
        const field = key.slice(0, at);
        let index = byField.get(field);
        if (!index) {
          index = {
            slot: textSlot(field as TextField),
            exact: new Map(),
            prefix: new Map(),
            asciiPrefix: new Map(),
            gram: new Map(),
            asciiGram: new Map(),
            gramHashes: new Uint32Array((1 << 16) / 32),
          };
          byField.set(field, index);
        }
        const value = key.slice(at + 1);
        const kind = key[at];
        if (kind === '=') file(index.exact, value, i);
        else if (kind === '^') {
          const small = asciiGram(value.charCodeAt(0), value.charCodeAt(1), value.charCodeAt(2));
          if (small === null) file(index.prefix, value, i);
          else file(index.asciiPrefix, small, i);
        } else {
          const [a, b, c] = [value.charCodeAt(0), value.charCodeAt(1), value.charCodeAt(2)];
          const small = asciiGram(a, b, c);
          if (small === null) file(index.gram, value, i);
          else file(index.asciiGram, small, i);
          const h = gramHash(a, b, c);
          index.gramHashes[h >>> 5]! |= 1 << (h & 31);
        }
      }
    });
    this.#fields = [...byField.values()];
    this.keyedFields = new Set(byField.keys());
  }

  /**
   * Writes the positions (into the rules given) of the rules that could match, ascending, into `out` from
   * its start, and returns how many there are. `out` holds at least one slot per rule; the caller reuses it
   * from one lookup to the next instead of each lookup allocating a list.
   */
  candidates(subject: RuleSubject, out: Int32Array): number {
    this.#outCount = 0;
    this.#mark(this.#always, out, subject);
    for (const index of this.#fields) {
      const v = subject.text(index.slot);
      if (index.exact.size) this.#mark(index.exact.get(v), out, subject);
      if ((index.prefix.size || index.asciiPrefix.size) && v.length >= GRAM) {
        const small = asciiGram(v.charCodeAt(0), v.charCodeAt(1), v.charCodeAt(2));
        this.#mark(
          small === null ? index.prefix.get(v.slice(0, GRAM)) : index.asciiPrefix.get(small),
          out,
          subject,
        );
      }
      if ((index.gram.size || index.asciiGram.size) && v.length >= GRAM) {
        const hashes = index.gramHashes;
        let a = v.charCodeAt(0);
        let b = v.charCodeAt(1);
        for (let j = GRAM - 1; j < v.length; j++) {
          const c = v.charCodeAt(j);
          const h = gramHash(a, b, c);
          if (hashes[h >>> 5]! & (1 << (h & 31))) {
            const small = asciiGram(a, b, c);
            this.#hitGrams(
              small === null ? index.gram.get(v.slice(j - 2, j + 1)) : index.asciiGram.get(small),
              out,
              subject,
            );
          }
          a = b;
          b = c;
        }
      }
    }
    const marks = this.#marks;
    const touched = this.#touched;
    for (let k = 0; k < this.#touchedCount; k++) marks[touched[k]!] = 0;
    this.#touchedCount = 0;
    const hits = this.#gramHits;
    const hitRules = this.#hitRules;
    for (let k = 0; k < this.#hitCount; k++) hits[hitRules[k]!] = 0;
    this.#hitCount = 0;
    return sortPositions(out, this.#outCount);
  }

  /**
   * Counts one trigram of the text for the rules filed under it; a rule is marked once the text has held as
   * many of its trigrams as it needs. A trigram the text holds twice counts twice: that only runs the guard
   * (the needle itself) sooner, never drops a rule.
   */
  #hitGrams(list: number[] | undefined, out: Int32Array, subject: RuleSubject): void {
    if (!list) return;
    const hits = this.#gramHits;
    for (const i of list) {
      if (this.#marks[i]) continue;
      if (hits[i] === 0) this.#hitRules[this.#hitCount++] = i;
      if (++hits[i]! >= this.#gramsNeeded[i]!) this.#consider(i, out, subject);
    }
  }

  #mark(list: number[] | undefined, out: Int32Array, subject: RuleSubject): void {
    if (!list) return;
    for (const i of list) if (!this.#marks[i]) this.#consider(i, out, subject);
  }

  /** Runs rule i's guards once per lookup; a rule that passes them is a candidate. */
  #consider(i: number, out: Int32Array, subject: RuleSubject): void {
    const passes =
      this.#amountPasses(i, subject.transaction.amountMinor) && (this.#textGuards[i]?.(subject) ?? true);
    this.#marks[i] = passes ? 1 : 2;
    this.#touched[this.#touchedCount++] = i;
    if (passes) out[this.#outCount++] = i;
  }

  #amountPasses(i: number, amountMinor: number): boolean {
    const kind = this.#amountKind[i];
    if (kind === 0) return true;
    let n = amountMinor;
    if (kind === 2 && n <= 0) return false;
    if (kind === 3) {
      if (n >= 0) return false;
      n = -n;
    }
    return n >= this.#amountLo[i]! && n <= this.#amountHi[i]!;
  }
}

// Insertion sort of the first n: candidate lists are short, and this beats a builtin sort's calls on them.
function sortPositions(xs: Int32Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
  return n;
}
