import { requiredLiteral } from './regex-literal.ts';
import {
  type Condition,
  type ConditionNode,
  isConditionGroup,
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

/** The keys under which a rule is filed, or null if it must be tried on every transaction. */
function ruleKeys(rule: Pick<RuleDefinition, 'conditionsOp' | 'conditions'>): string[] | null {
  const required: ConditionNode[] =
    rule.conditionsOp === 'all' ? rule.conditions : rule.conditions.length === 1 ? rule.conditions : [];
  let best: { keys: string[]; rank: number } | null = null;
  for (const node of required) {
    if (isConditionGroup(node)) continue;
    const keyed = conditionKeys(node);
    if (keyed && (!best || keyed.rank > best.rank)) best = keyed;
  }
  return best?.keys ?? null;
}

// A condition is indexable when every matching transaction must carry one of its keys.
function conditionKeys(c: Condition): { keys: string[]; rank: number } | null {
  if (c.negate) return null;
  if (!STABLE_TEXT_FIELDS.has(c.field) && !MUTABLE_TEXT_FIELDS.has(c.field)) return null;
  const f = c.field;
  if (c.op === 'is' && typeof c.value === 'string')
    return { keys: [`${f}=${c.value.toLowerCase()}`], rank: 4 };
  if (c.op === 'oneOf' && Array.isArray(c.value))
    return { keys: c.value.map((v) => `${f}=${String(v).toLowerCase()}`), rank: 3 };
  // Lower-cased before cutting: lower-casing may change a text's length (İ becomes two characters).
  const lowered = typeof c.value === 'string' ? c.value.toLowerCase() : null;
  if (c.op === 'startsWith' && lowered !== null && lowered.length >= GRAM)
    return { keys: [`${f}^${lowered.slice(0, GRAM)}`], rank: 2 };
  // `contains`, or a regex's literal run every match must contain (regex-literal.ts).
  const needle =
    c.op === 'contains' && lowered !== null
      ? lowered
      : c.op === 'matches' && typeof c.value === 'string'
        ? requiredLiteral(c.value)
        : null;
  if (needle && needle.length >= GRAM) {
    // The rarest-looking gram: prefer one with letters other than vowels and spaces.
    const grams = trigrams(needle);
    const gram = grams.find((g) => !/[\s aeiou]/.test(g)) ?? grams[0]!;
    return { keys: [`${f}~${gram}`], rank: 1 };
  }
  return null;
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
  /** gramHash of every filed trigram: a zero means no rule is filed under that trigram. */
  gramHashes: Uint8Array;
}

function file<K>(map: Map<K, number[]>, key: K, position: number): void {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

/**
 * Files rules under keys derived from one required condition (exact value, 3-character prefix, or one
 * trigram of a `contains` value or of a regex's required literal), so a transaction is only tested against
 * rules that could match it. Never drops a rule that could match: unindexable rules are always candidates,
 * and a missing text reads as '' as the conditions read it.
 */
export class RuleIndex {
  readonly #fields: FieldIndex[] = [];
  readonly #always: number[] = [];
  // Reused by every lookup (evaluation is synchronous): which positions this lookup has marked.
  readonly #marks: Uint8Array;
  /** Fields some rule is filed under: writing one changes which rules are candidates. */
  readonly keyedFields: ReadonlySet<string>;

  constructor(rules: readonly Pick<RuleDefinition, 'conditionsOp' | 'conditions'>[]) {
    this.#marks = new Uint8Array(rules.length);
    const byField = new Map<string, FieldIndex>();
    rules.forEach((rule, i) => {
      const keys = ruleKeys(rule);
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
            gramHashes: new Uint8Array(1 << 16),
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
          index.gramHashes[gramHash(a, b, c)] = 1;
        }
      }
    });
    this.#fields = [...byField.values()];
    this.keyedFields = new Set(byField.keys());
  }

  /** Positions (into the rules given) of the rules that could match, ascending. */
  candidates(subject: RuleSubject): number[] {
    const out = this.#always.slice();
    for (const index of this.#fields) {
      const v = subject.text(index.slot);
      if (index.exact.size) this.#mark(index.exact.get(v), out);
      if ((index.prefix.size || index.asciiPrefix.size) && v.length >= GRAM) {
        const small = asciiGram(v.charCodeAt(0), v.charCodeAt(1), v.charCodeAt(2));
        this.#mark(small === null ? index.prefix.get(v.slice(0, GRAM)) : index.asciiPrefix.get(small), out);
      }
      if ((index.gram.size || index.asciiGram.size) && v.length >= GRAM) {
        const hashes = index.gramHashes;
        let a = v.charCodeAt(0);
        let b = v.charCodeAt(1);
        for (let j = GRAM - 1; j < v.length; j++) {
          const c = v.charCodeAt(j);
          if (hashes[gramHash(a, b, c)]) {
            const small = asciiGram(a, b, c);
            this.#mark(
              small === null ? index.gram.get(v.slice(j - 2, j + 1)) : index.asciiGram.get(small),
              out,
            );
          }
          a = b;
          b = c;
        }
      }
    }
    const marks = this.#marks;
    for (const i of out) marks[i] = 0;
    return sortPositions(out);
  }

  #mark(list: number[] | undefined, out: number[]): void {
    if (!list) return;
    const marks = this.#marks;
    for (const i of list)
      if (!marks[i]) {
        marks[i] = 1;
        out.push(i);
      }
  }
}

// Insertion sort: candidate lists are short, and this beats Array#sort's comparator calls on them.
function sortPositions(xs: number[]): number[] {
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
  return xs;
}
