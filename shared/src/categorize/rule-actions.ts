import { DomainError } from '../errors/domain-error.ts';
import {
  type CategorizableTransaction,
  type SplitLine,
  uncategorizedTransaction,
  type WritableField,
} from './categorizable-transaction.ts';
import type { RuleAction } from './rule-schema.ts';
import { splitAmounts } from './split-amounts.ts';

export interface ActionContext {
  /** When given, setCategory and split lines must name one of these (else the action fails). */
  categoryIds?: ReadonlySet<string> | undefined;
}

/** What one action writes: a field and its new value. */
export type ActionWrite =
  | { field: 'categoryId'; value: string }
  | { field: 'payee'; value: string }
  | { field: 'notes'; value: string }
  | { field: 'tags'; value: string[] }
  | { field: 'isTransfer' | 'excludedFromReports'; value: boolean }
  | { field: 'splits'; value: SplitLine[] };

function requireCategory(id: string | null | undefined, ctx: ActionContext): void {
  if (id && ctx.categoryIds && !ctx.categoryIds.has(id)) {
    throw new DomainError('CATEGORY_NOT_FOUND', `category ${id} does not exist`, { categoryId: id });
  }
}

/** The write an action makes on this transaction. Throws DomainError when the action cannot apply. */
export function actionWrite(
  action: RuleAction,
  t: CategorizableTransaction,
  ctx: ActionContext,
): ActionWrite {
  switch (action.type) {
    case 'setCategory':
      requireCategory(action.categoryId, ctx);
      return { field: 'categoryId', value: action.categoryId };
    case 'setPayee':
      return { field: 'payee', value: action.payee };
    case 'addTags':
      return { field: 'tags', value: withTags(t.tags, action.tags) };
    case 'removeTags':
      return { field: 'tags', value: t.tags.filter((tag) => !action.tags.includes(tag)) };
    case 'setNotes': {
      const current = t.notes ?? '';
      const mode = action.mode ?? 'replace';
      // Appending text the notes already hold is a no-op, so running a rule twice changes nothing.
      if (mode === 'append')
        return {
          field: 'notes',
          value: current.includes(action.notes) ? current : joinNotes(current, action.notes),
        };
      if (mode === 'prepend')
        return {
          field: 'notes',
          value: current.includes(action.notes) ? current : joinNotes(action.notes, current),
        };
      return { field: 'notes', value: action.notes };
    }
    case 'markTransfer':
      return { field: 'isTransfer', value: action.value ?? true };
    case 'excludeFromReports':
      return { field: 'excludedFromReports', value: action.value ?? true };
    case 'split':
      for (const s of action.splits) requireCategory(s.categoryId, ctx);
      return { field: 'splits', value: splitAmounts(t.amountMinor, action.splits, t.categoryId) };
  }
}

/**
 * The tags with `added` appended (each once, in order, when not already there), as a new list of exactly that
 * length: grown one `concat` per new tag (most actions add one) instead of a copy that `push` then regrows.
 */
function withTags(tags: readonly string[], added: readonly string[]): string[] {
  let out: string[] | null = null;
  for (const tag of added) {
    const current: readonly string[] = out ?? tags;
    if (!current.includes(tag)) out = current.concat(tag);
  }
  return out ?? tags.slice();
}

/**
 * The write an action makes whatever the transaction, or null when it depends on the transaction (tags,
 * appended notes, splits): worked out once per rule, so a run need not make it again for every match. A
 * setCategory still has its category checked against the run's context (see actionCategory).
 */
export function constantWrite(action: RuleAction): ActionWrite | null {
  switch (action.type) {
    case 'setCategory':
    case 'setPayee':
    case 'markTransfer':
    case 'excludeFromReports':
      return actionWrite(action, CONSTANT_PROBE, {});
    case 'setNotes':
      return (action.mode ?? 'replace') === 'replace' ? actionWrite(action, CONSTANT_PROBE, {}) : null;
    default:
      return null;
  }
}

/** The category an action names, which the run's context must hold (requireCategory), or null. */
export function actionCategory(action: RuleAction): string | null {
  return action.type === 'setCategory' && action.categoryId ? action.categoryId : null;
}

// What constantWrite hands actionWrite: the actions it asks about read nothing of the transaction.
const CONSTANT_PROBE = Object.freeze(
  uncategorizedTransaction({ id: '', accountId: '', amountMinor: 0, date: '', rawName: '' }),
);

function joinNotes(a: string, b: string): string {
  return a && b ? `${a} ${b}` : a || b;
}

export function writtenField(action: RuleAction): WritableField {
  switch (action.type) {
    case 'setCategory':
      return 'categoryId';
    case 'setPayee':
      return 'payee';
    case 'addTags':
    case 'removeTags':
      return 'tags';
    case 'setNotes':
      return 'notes';
    case 'markTransfer':
      return 'isTransfer';
    case 'excludeFromReports':
      return 'excludedFromReports';
    case 'split':
      return 'splits';
  }
}
