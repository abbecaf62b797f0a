import type { CategorizableTransaction } from './categorizable-transaction.ts';
import { requiredLiteral } from './regex-literal.ts';
import { type Condition, type ConditionNode, isConditionGroup, type RuleDefinition } from './rule-schema.ts';

/** Fields that actions never write: a key computed from them holds for the whole run. */
const STABLE_TEXT_FIELDS = new Set([
  'rawName',
  'merchantName',
  'accountId',
  'pfcPrimary',
  'pfcDetailed',
  'currency',
]);
/** Fields rules may write: keyed too, but the engine re-looks up candidates after such a write. */
const MUTABLE_TEXT_FIELDS = new Set(['payee', 'notes', 'categoryId']);
export const INDEXED_MUTABLE_FIELDS = MUTABLE_TEXT_FIELDS;

const GRAM = 3;
const SCAN_CAP = 512;

function trigrams(text: string): string[] {
  const s = text.slice(0, SCAN_CAP);
  const out: string[] = [];
  for (let i = 0; i + GRAM <= s.length; i++) out.push(s.slice(i, i + GRAM));
  return out;
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
  if (c.op === 'startsWith' && typeof c.value === 'string' && c.value.length >= GRAM)
    return { keys: [`${f}^${c.value.slice(0, GRAM).toLowerCase()}`], rank: 2 };
  // `contains`, or a regex's literal run every match must contain (regex-literal.ts).
  const needle =
    c.op === 'contains' && typeof c.value === 'string'
      ? c.value.toLowerCase()
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

/**
 * Files rules under keys derived from one required condition (exact value, 3-character prefix, or one
 * trigram of a `contains` value), so a transaction is only tested against rules that could match it.
 * Never drops a rule that could match: unindexable rules are always candidates.
 */
interface FieldIndex {
  exact: Map<string, number[]>;
  prefix: Map<string, number[]>;
  gram: Map<string, number[]>;
}

function file(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

/**
 * Files rules under keys derived from one required condition (exact value, 3-character prefix, or one
 * trigram of a `contains` value), so a transaction is only tested against rules that could match it.
 * Never drops a rule that could match: unindexable rules are always candidates.
 */
export class RuleIndex {
  readonly #fields = new Map<string, FieldIndex>();
  readonly #always: number[] = [];
  readonly #size: number;

  constructor(rules: readonly Pick<RuleDefinition, 'conditionsOp' | 'conditions'>[]) {
    this.#size = rules.length;
    rules.forEach((rule, i) => {
      const keys = ruleKeys(rule);
      if (!keys) {
        this.#always.push(i);
        return;
      }
      for (const key of keys) {
        const at = key.search(/[=^~]/);
        const field = key.slice(0, at);
        let index = this.#fields.get(field);
        if (!index) {
          index = { exact: new Map(), prefix: new Map(), gram: new Map() };
          this.#fields.set(field, index);
        }
        const kind = key[at];
        file(kind === '=' ? index.exact : kind === '^' ? index.prefix : index.gram, key.slice(at + 1), i);
      }
    });
  }

  /** Positions (into the rules given) of the rules that could match, ascending. */
  candidates(t: CategorizableTransaction): number[] {
    const marks = new Uint8Array(this.#size);
    for (const i of this.#always) marks[i] = 1;
    const mark = (list: number[] | undefined) => {
      if (list) for (const i of list) marks[i] = 1;
    };
    for (const [field, index] of this.#fields) {
      const raw = (t as unknown as Record<string, unknown>)[field];
      if (typeof raw !== 'string') continue;
      const v = raw.length > SCAN_CAP ? raw.slice(0, SCAN_CAP).toLowerCase() : raw.toLowerCase();
      if (index.exact.size) mark(index.exact.get(raw.toLowerCase()));
      if (index.prefix.size && v.length >= GRAM) mark(index.prefix.get(v.slice(0, GRAM)));
      if (index.gram.size)
        for (let j = 0; j + GRAM <= v.length; j++) mark(index.gram.get(v.slice(j, j + GRAM)));
    }
    const out: number[] = [];
    for (let i = 0; i < marks.length; i++) if (marks[i]) out.push(i);
    return out;
  }
}
