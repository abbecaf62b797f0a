import { DomainError } from '../errors/domain-error.ts';
import type { CategorizableTransaction, SplitLine, WritableField } from './categorizable-transaction.ts';
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
    case 'addTags': {
      const tags = [...t.tags];
      for (const tag of action.tags) if (!tags.includes(tag)) tags.push(tag);
      return { field: 'tags', value: tags };
    }
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
