import { toMinor } from '@finsync/shared/money';
import type { Category, Rule, RuleCreate } from '../api/contract-types.ts';

/** The editor's flat form of a rule: conditions on text fields or the amount, and one category action. */
export interface RuleDraft {
  name: string;
  conditionsOp: 'all' | 'any';
  conditions: DraftCondition[];
  categoryId: string;
  payee: string;
}

export interface DraftCondition {
  field: DraftField;
  op: string;
  /** As typed; amounts in the currency's major units (12.50). */
  value: string;
}

export const draftFields = {
  payee: 'Payee',
  merchantName: 'Merchant',
  rawName: 'Bank description',
  notes: 'Notes',
  amount: 'Amount spent',
} as const;
export type DraftField = keyof typeof draftFields;

export const textOpLabels: Record<string, string> = {
  is: 'is',
  isNot: 'is not',
  contains: 'contains',
  doesNotContain: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  matches: 'matches (regex)',
};
export const amountOpLabels: Record<string, string> = {
  is: 'is',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  approx: 'is about',
};

export const emptyDraft: RuleDraft = {
  name: '',
  conditionsOp: 'all',
  conditions: [{ field: 'payee', op: 'is', value: '' }],
  categoryId: '',
  payee: '',
};

/** The API's rule body from the draft, or the first thing the person still has to fix. */
export function draftToRule(
  draft: RuleDraft,
  currency: string,
): { rule: RuleCreate; error: null } | { rule: null; error: string } {
  if (draft.conditions.length === 0) return { rule: null, error: 'Add at least one condition.' };
  const conditions: RuleCreate['conditions'] = [];
  for (const c of draft.conditions) {
    const value = c.value.trim();
    if (!value) return { rule: null, error: `Give “${draftFields[c.field]}” a value.` };
    if (c.field === 'amount') {
      let minor: number;
      try {
        minor = toMinor(value, currency);
      } catch {
        return { rule: null, error: 'Amounts must be numbers like 12.50.' };
      }
      if (minor < 0) return { rule: null, error: 'Type amounts spent as positive numbers.' };
      conditions.push({
        field: 'amount',
        op: c.op as 'is',
        value: minor,
        direction: 'outflow',
      });
    } else {
      conditions.push({ field: c.field, op: c.op as 'is', value });
    }
  }
  const actions: RuleCreate['actions'] = [];
  if (draft.categoryId) actions.push({ type: 'setCategory', categoryId: draft.categoryId });
  if (draft.payee.trim()) actions.push({ type: 'setPayee', payee: draft.payee.trim() });
  if (actions.length === 0) return { rule: null, error: 'Choose a category or a payee to set.' };
  const name = draft.name.trim() || defaultName(draft);
  return { rule: { name, conditionsOp: draft.conditionsOp, conditions, actions }, error: null };
}

function defaultName(draft: RuleDraft): string {
  const first = draft.conditions[0];
  return first ? `${draftFields[first.field]} ${first.op} ${first.value.trim()}`.slice(0, 200) : 'Rule';
}

/** A stored rule back in the editor; null when it uses conditions or actions the editor does not show. */
export function ruleToDraft(rule: Rule, formatAmount: (minor: number) => string): RuleDraft | null {
  const conditions: DraftCondition[] = [];
  for (const node of rule.conditions) {
    if ('conditions' in node || node.negate) return null;
    if (node.field === 'amount') {
      if (typeof node.value !== 'number' || !(node.op in amountOpLabels) || node.direction !== 'outflow')
        return null;
      conditions.push({ field: 'amount', op: node.op, value: formatAmount(node.value) });
    } else if (node.field in draftFields && typeof node.value === 'string' && node.op in textOpLabels) {
      conditions.push({ field: node.field as DraftField, op: node.op, value: node.value });
    } else {
      return null;
    }
  }
  let categoryId = '';
  let payee = '';
  for (const action of rule.actions) {
    if (action.type === 'setCategory') categoryId = action.categoryId;
    else if (action.type === 'setPayee') payee = action.payee;
    else return null;
  }
  return { name: rule.name, conditionsOp: rule.conditionsOp, conditions, categoryId, payee };
}

/** "When payee is Blue Bottle Coffee, set category to Coffee" */
export function describeRule(
  rule: Pick<Rule, 'conditions' | 'conditionsOp' | 'actions'>,
  categories: readonly Category[],
  formatAmount: (minor: number) => string,
): string {
  const joiner = rule.conditionsOp === 'all' ? ' and ' : ' or ';
  const when = rule.conditions
    .map((node) => {
      if ('conditions' in node) return `(${node.conditions.length} grouped conditions)`;
      const field =
        node.field in draftFields ? draftFields[node.field as DraftField].toLowerCase() : node.field;
      const op =
        node.field === 'amount' ? (amountOpLabels[node.op] ?? node.op) : (textOpLabels[node.op] ?? node.op);
      const value =
        node.value === undefined
          ? ''
          : node.field === 'amount' && typeof node.value === 'number'
            ? formatAmount(node.value)
            : Array.isArray(node.value)
              ? node.value.join(', ')
              : `“${String(node.value)}”`;
      return `${node.negate ? 'not ' : ''}${field} ${op} ${value}`.trim();
    })
    .join(joiner);
  const then = rule.actions
    .map((a) => {
      switch (a.type) {
        case 'setCategory':
          return `set category to ${categories.find((c) => c.id === a.categoryId)?.name ?? 'a deleted category'}`;
        case 'setPayee':
          return `rename payee to “${a.payee}”`;
        case 'addTags':
          return `tag ${a.tags.join(', ')}`;
        case 'removeTags':
          return `untag ${a.tags.join(', ')}`;
        case 'setNotes':
          return 'set notes';
        case 'markTransfer':
          return a.value === false ? 'unmark as transfer' : 'mark as transfer';
        case 'excludeFromReports':
          return a.value === false ? 'include in reports' : 'exclude from reports';
        case 'split':
          return `split in ${a.splits.length}`;
        default:
          return 'act';
      }
    })
    .join(', ');
  return `When ${when}: ${then}.`;
}
