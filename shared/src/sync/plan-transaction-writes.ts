import type { CategorySource } from '../db/database.ts';
import type { SyncPlan } from './apply-sync-page.ts';
import type { SyncedTransaction } from './synced-records.ts';

/** Fields a user can edit; once edited they are listed in `locked_fields` and Plaid never overwrites them. */
export const LOCKABLE_FIELDS = ['category', 'payee', 'notes', 'tags'] as const;
export type LockableField = (typeof LOCKABLE_FIELDS)[number];

/** The user-owned state of a stored transaction that a posted transaction may inherit from its pending one. */
export interface StoredTransactionRef {
  id: string;
  plaidTransactionId: string;
  lockedFields: readonly string[];
  categoryId: string | null;
  categorySource: CategorySource;
  categoryRuleId: string | null;
  categoryConfidence: number | null;
  payee: string | null;
  notes: string | null;
  tags: readonly string[];
  excludedFromReports: boolean;
}

/** User edits copied onto another transaction (only fields the target has not locked itself). */
export interface InheritedEdits {
  targetPlaidTransactionId: string;
  fromPlaidTransactionId: string;
  lockedFields: string[];
  category?: { id: string | null; source: CategorySource; ruleId: string | null; confidence: number | null };
  payee?: string | null;
  notes?: string | null;
  tags?: string[];
  excludedFromReports?: boolean;
}

export interface TransactionWritePlan {
  /** Stored pending rows that become the posted transaction in place (keeps id, edits, splits, links). */
  renames: { rowId: string; toPlaidTransactionId: string }[];
  upserts: SyncedTransaction[];
  inherits: InheritedEdits[];
  deletes: string[];
}

/** The stored rows `planTransactionWrites` needs: every pending id named by an upserted posted txn, and those txns. */
export function referencedPlaidIds(plan: SyncPlan): string[] {
  const ids = new Set<string>();
  for (const t of plan.upserts.values()) {
    if (t.pendingTransactionId && !t.pending) {
      ids.add(t.pendingTransactionId);
      ids.add(t.plaidTransactionId);
    }
  }
  return [...ids];
}

/**
 * Turns a folded sync plan into writes. Pending→posted: when the posted transaction is new and its pending
 * one is being removed, the pending row is renamed to the posted id, so user edits and anything pointing at
 * the row survive untouched; otherwise the posted row inherits the pending row's user edits.
 */
export function planTransactionWrites(
  plan: SyncPlan,
  stored: ReadonlyMap<string, StoredTransactionRef>,
): TransactionWritePlan {
  const renames: TransactionWritePlan['renames'] = [];
  const inherits: InheritedEdits[] = [];
  const renamedAway = new Set<string>();
  for (const t of plan.upserts.values()) {
    const pendingId = t.pendingTransactionId;
    if (!pendingId || t.pending || pendingId === t.plaidTransactionId) continue;
    const pending = stored.get(pendingId);
    if (!pending || renamedAway.has(pendingId)) continue;
    const posted = stored.get(t.plaidTransactionId);
    if (!posted && plan.removed.has(pendingId) && !plan.upserts.has(pendingId)) {
      renames.push({ rowId: pending.id, toPlaidTransactionId: t.plaidTransactionId });
      renamedAway.add(pendingId);
      continue;
    }
    const edits = inheritedEdits(pending, posted, t.plaidTransactionId);
    if (edits) inherits.push(edits);
  }
  return {
    renames,
    upserts: [...plan.upserts.values()],
    inherits,
    deletes: [...plan.removed].filter((id) => !renamedAway.has(id)),
  };
}

function inheritedEdits(
  pending: StoredTransactionRef,
  posted: StoredTransactionRef | undefined,
  targetId: string,
): InheritedEdits | null {
  const ownLocks = new Set(posted?.lockedFields ?? []);
  const take = (field: LockableField) => pending.lockedFields.includes(field) && !ownLocks.has(field);
  const edits: InheritedEdits = {
    targetPlaidTransactionId: targetId,
    fromPlaidTransactionId: pending.plaidTransactionId,
    lockedFields: [...new Set([...ownLocks, ...pending.lockedFields.filter((f) => !ownLocks.has(f))])],
  };
  let changed = false;
  if (take('category') || (pending.categoryId && !posted?.categoryId && !ownLocks.has('category'))) {
    edits.category = {
      id: pending.categoryId,
      source: pending.categorySource,
      ruleId: pending.categoryRuleId,
      confidence: pending.categoryConfidence,
    };
    changed = true;
  }
  if (take('payee')) {
    edits.payee = pending.payee;
    changed = true;
  }
  if (take('notes') || (pending.notes && !posted?.notes && !ownLocks.has('notes'))) {
    edits.notes = pending.notes;
    changed = true;
  }
  if (take('tags') || (pending.tags.length > 0 && !posted?.tags.length && !ownLocks.has('tags'))) {
    edits.tags = [...pending.tags];
    changed = true;
  }
  if (pending.excludedFromReports && !posted?.excludedFromReports) {
    edits.excludedFromReports = true;
    changed = true;
  }
  return changed || edits.lockedFields.length > ownLocks.size ? edits : null;
}
