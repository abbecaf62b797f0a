import { NeedleAutomaton } from './needle-automaton.ts';
import { requiredAsciiLiteral, requiredLiteral } from './regex-literal.ts';
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

/** The length of a prefix key, and the shortest needle worth filing. */
const GRAM = 3;

// Three characters as one small integer when all are ASCII (the usual case), else null: a prefix looked up
// without slicing a string.
function asciiGram(a: number, b: number, c: number): number | null {
  return (a | b | c) < 128 ? (a << 14) | (b << 7) | c : null;
}

const EXACT_MEMO_SIZE = 4096;

/** The rules a field's index files under the subject's text exactly (see FieldIndex.exactMemo). */
function exactRules(index: FieldIndex, subject: RuleSubject, slot: TextSlot): number[] | null {
  const raw = subject.raw(slot);
  let rules = index.exactMemo.get(raw);
  if (rules === undefined) {
    rules = index.exact.get(subject.text(slot)) ?? null;
    if (index.exactMemo.size >= EXACT_MEMO_SIZE) index.exactMemo.clear();
    index.exactMemo.set(raw, rules);
  }
  return rules;
}

/** The code of a text's character as lower-casing reads it, when it is ASCII (A–Z become a–z). */
function fold(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Whether the subject's text in `slot`, lower-cased, starts with `prefix` (lower-case), read from the text as
 * it is while its characters are ASCII (lower-casing maps each to one, whatever follows), so that most texts
 * are never lower-cased for it.
 */
function startsWithLowered(subject: RuleSubject, slot: TextSlot, prefix: string): boolean {
  const raw = subject.raw(slot);
  if (raw.length >= prefix.length) {
    let i = 0;
    while (i < prefix.length) {
      const c = fold(raw, i);
      if (c >= 128) break;
      if (c !== prefix.charCodeAt(i)) return false;
      i++;
    }
    if (i === prefix.length) return true;
  }
  return subject.text(slot).startsWith(prefix);
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
  text: TextGuard | null;
  amount: AmountGuard | null;
  /** Whether being a candidate (its keys, then its guards) decides every one of the rule's conditions. */
  decided: boolean;
}

function ruleFiling(rule: Pick<RuleDefinition, 'conditionsOp' | 'conditions'>): Filing {
  const required: ConditionNode[] =
    rule.conditionsOp === 'all' ? rule.conditions : rule.conditions.length === 1 ? rule.conditions : [];
  let best: Keyed | null = null;
  let bestNode: Condition | null = null;
  let amount: AmountGuard | null = null;
  let amountNode: Condition | null = null;
  for (const node of required) {
    if (isConditionGroup(node)) continue;
    const keyed = conditionKeys(node);
    if (keyed && (!best || keyed.rank > best.rank)) {
      best = keyed;
      bestNode = node;
    }
    if (!amount && node.field === 'amount' && !node.negate) {
      const range = numberRange(node as NumberCondition);
      if (range) {
        amount = { direction: (node as NumberCondition).direction ?? 'any', ...range };
        amountNode = node;
      }
    }
  }
  const check = best?.check ?? null;
  // Decided: every condition is required and is either the keyed one, when its keys (and its check) are its
  // whole test, or the one the amount guard compares.
  const keyDecides = best?.decides === true;
  const decided =
    required.length > 0 &&
    required.length === rule.conditions.length &&
    required.every((node) => (node === bestNode && keyDecides) || node === amountNode);
  return {
    keys: best?.keys ?? null,
    text: check,
    amount,
    decided,
  };
}

interface Keyed {
  /**
   * The field, then what is filed: `=` an exact value, `^` a prefix, `~` a needle, `>` a needle for all-ASCII
   * texts only and `<` one for the other texts only.
   */
  keys: string[];
  rank: number;
  slot: TextSlot;
  /** The condition's own test, when its keys alone do not decide it. */
  check?: TextGuard;
  /** Whether finding the rule under one of its keys (and passing `check`) is the condition's whole test. */
  decides: boolean;
}

// A condition is indexable when every matching transaction must carry one of its keys.
function conditionKeys(c: Condition): Keyed | null {
  if (c.negate) return null;
  if (!STABLE_TEXT_FIELDS.has(c.field) && !MUTABLE_TEXT_FIELDS.has(c.field)) return null;
  const f = c.field;
  const slot = textSlot(f as TextField);
  if (c.op === 'is' && typeof c.value === 'string')
    return { keys: [`${f}=${c.value.toLowerCase()}`], rank: 4, slot, decides: true };
  if (c.op === 'oneOf' && Array.isArray(c.value))
    return { keys: c.value.map((v) => `${f}=${String(v).toLowerCase()}`), rank: 3, slot, decides: true };
  // Lower-cased before cutting: lower-casing may change a text's length (İ becomes two characters).
  const lowered = typeof c.value === 'string' ? c.value.toLowerCase() : null;
  if (c.op === 'startsWith' && lowered !== null && lowered.length >= GRAM)
    return {
      keys: [`${f}^${lowered.slice(0, GRAM)}`],
      rank: 2,
      slot,
      check: (s) => startsWithLowered(s, slot, lowered),
      decides: true,
    };
  // The field's needle automaton finds exactly the texts holding the needle: no check is left to run, and a
  // `contains` is decided by it.
  if (c.op === 'contains' && lowered !== null && lowered.length >= GRAM)
    return { keys: [`${f}~${lowered}`], rank: 1, slot, decides: true };
  // A regex's literal run every match must contain (regex-literal.ts), which still leaves the regex to test:
  // in an all-ASCII text the longer one that may hold `s` and `k`, in any other the one that does not.
  const literal = c.op === 'matches' && typeof c.value === 'string' ? requiredLiteral(c.value) : null;
  if (literal && literal.length >= GRAM) {
    const ascii = requiredAsciiLiteral(c.value as string);
    const keys = ascii && ascii !== literal ? [`${f}>${ascii}`, `${f}<${literal}`] : [`${f}~${literal}`];
    return { keys, rank: 1, slot, decides: false };
  }
  return null;
}

interface FieldIndex {
  slot: TextSlot;
  exact: Map<string, number[]>;
  /**
   * The rules `exact` files under a raw (not lower-cased) text, or null for none, as looked up before: the
   * same payees and account ids come back transaction after transaction, and this skips lower-casing them.
   * Emptied when it reaches EXACT_MEMO_SIZE texts.
   */
  exactMemo: Map<string, number[] | null>;
  prefix: Map<string, number[]>;
  /** Prefixes of three ASCII characters, by asciiGram. */
  asciiPrefix: Map<number, number[]>;
  /**
   * Needles (`contains` values, regexes' required literals) and the rules filed under each, while filing; a
   * regex's literal may be scoped to all-ASCII texts or to the others (see NeedleAutomaton), never a decided
   * rule's needle (an 'ascii' one may be found in a text past ASCII).
   */
  needles: { text: string; value: number; scope?: 'ascii' | 'other' }[];
  /** The needles' automaton, built once every rule is filed (null: no needle on this field). */
  automaton: NeedleAutomaton | null;
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
  /**
   * Per rule, 1 when being a candidate decides all its conditions (see RuleIndex#decided); absent on a
   * stand-in that lists every rule.
   */
  readonly decided?: Uint8Array;
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
 * Files rules under keys derived from one required condition (exact value, 3-character prefix, or a
 * `contains` value or a regex's required literal, found by the field's needle automaton in one pass over the
 * text), so a transaction is only tested against rules that could match it. Never drops a rule that could match: unindexable rules are always candidates,
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
  // The lookup under way: where its candidates go, how many it has written, and its subject.
  #out: Int32Array = new Int32Array(0);
  #outCount = 0;
  #subject: RuleSubject | null = null;
  /** Takes the rule a needle was found for: made once, as the needle automaton calls it per hit. */
  readonly #needleHit = (i: number): void => {
    if (!this.#marks[i]) this.#consider(i, this.#out, this.#subject!);
  };
  /** Fields some rule is filed under: writing one changes which rules are candidates. */
  readonly keyedFields: ReadonlySet<string>;
  /**
   * Per rule, 1 when the lookup that makes it a candidate has decided every one of its conditions (an exact
   * value, a prefix and its check, a `contains` needle, an amount range, all required): such a candidate
   * matches, and the engine need not test it.
   */
  readonly decided: Uint8Array;

  constructor(rules: readonly Pick<RuleDefinition, 'conditionsOp' | 'conditions'>[]) {
    this.#marks = new Uint8Array(rules.length);
    this.#touched = new Int32Array(rules.length);
    this.#amountKind = new Uint8Array(rules.length);
    this.#amountLo = new Float64Array(rules.length);
    this.#amountHi = new Float64Array(rules.length);
    this.decided = new Uint8Array(rules.length);
    const byField = new Map<string, FieldIndex>();
    rules.forEach((rule, i) => {
      const { keys, text, amount, decided } = ruleFiling(rule);
      this.#textGuards.push(text);
      if (decided) this.decided[i] = 1;
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
        const at = key.search(/[=^~<>]/);
        const field = key.slice(0, at);
        let index = byField.get(field);
        if (!index) {
          index = {
            slot: textSlot(field as TextField),
            exact: new Map(),
            exactMemo: new Map(),
            prefix: new Map(),
            asciiPrefix: new Map(),
            needles: [],
            automaton: null,
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
        } else if (kind === '~') index.needles.push({ text: value, value: i });
        else index.needles.push({ text: value, value: i, scope: kind === '>' ? 'ascii' : 'other' });
      }
    });
    for (const index of byField.values())
      if (index.needles.length) index.automaton = new NeedleAutomaton(index.needles);
    this.#fields = [...byField.values()];
    this.keyedFields = new Set(byField.keys());
  }

  /**
   * Writes the positions (into the rules given) of the rules that could match, ascending, into `out` from
   * its start, and returns how many there are. `out` holds at least one slot per rule; the caller reuses it
   * from one lookup to the next instead of each lookup allocating a list.
   */
  candidates(subject: RuleSubject, out: Int32Array): number {
    this.#out = out;
    this.#outCount = 0;
    this.#subject = subject;
    this.#mark(this.#always, out, subject);
    const fields = this.#fields;
    for (let f = 0; f < fields.length; f++) {
      const index = fields[f]!;
      const slot = index.slot;
      if (index.exact.size) this.#mark(exactRules(index, subject, slot), out, subject);
      if (index.prefix.size || index.asciiPrefix.size) {
        // The key from the raw text's first three characters when they are ASCII (lower-casing maps each to
        // one, whatever follows), else from the lower-cased text.
        const raw = subject.raw(slot);
        const small = raw.length >= GRAM ? asciiGram(fold(raw, 0), fold(raw, 1), fold(raw, 2)) : null;
        if (small !== null) this.#mark(index.asciiPrefix.get(small), out, subject);
        else {
          const v = subject.text(slot);
          if (v.length >= GRAM) {
            const lowered = asciiGram(v.charCodeAt(0), v.charCodeAt(1), v.charCodeAt(2));
            this.#mark(
              lowered === null ? index.prefix.get(v.slice(0, GRAM)) : index.asciiPrefix.get(lowered),
              out,
              subject,
            );
          }
        }
      }
      const automaton = index.automaton;
      if (automaton && !automaton.scanAscii(subject.raw(slot), this.#needleHit))
        automaton.scanLowered(subject.text(slot), this.#needleHit);
    }
    const marks = this.#marks;
    const touched = this.#touched;
    for (let k = 0; k < this.#touchedCount; k++) marks[touched[k]!] = 0;
    this.#touchedCount = 0;
    this.#subject = null;
    return sortPositions(out, this.#outCount);
  }

  #mark(list: number[] | null | undefined, out: Int32Array, subject: RuleSubject): void {
    if (!list) return;
    const marks = this.#marks;
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!;
      if (!marks[i]) this.#consider(i, out, subject);
    }
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
