import { type FormEvent, useState } from 'react';
import type { Transaction } from '../api/contract-types.ts';

export interface TransactionEdit {
  payee?: string | null;
  notes?: string | null;
  tags?: string[];
}

/** Payee, notes and tags of one transaction; only what changed is sent (each field set is locked against syncs). */
export function TransactionEditForm({
  txn,
  onSave,
  saving,
}: {
  txn: Transaction;
  onSave: (edit: TransactionEdit) => void;
  saving: boolean;
}) {
  const [payee, setPayee] = useState(txn.payee ?? txn.merchantName ?? txn.rawName);
  const [notes, setNotes] = useState(txn.notes ?? '');
  const [tags, setTags] = useState(txn.tags.join(', '));
  function submit(event: FormEvent) {
    event.preventDefault();
    const edit: TransactionEdit = {};
    const shownPayee = txn.payee ?? txn.merchantName ?? txn.rawName;
    if (payee.trim() && payee.trim() !== shownPayee) edit.payee = payee.trim();
    if (notes.trim() !== (txn.notes ?? '')) edit.notes = notes.trim() || null;
    const nextTags = [
      ...new Set(
        tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    if (nextTags.join(',') !== txn.tags.join(',')) edit.tags = nextTags;
    if (Object.keys(edit).length > 0) onSave(edit);
  }
  return (
    <form className="stack" onSubmit={submit} aria-label="Edit transaction" data-transaction-edit>
      <div className="field">
        <label htmlFor="txn-payee">Payee</label>
        <input id="txn-payee" value={payee} maxLength={200} onChange={(e) => setPayee(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="txn-notes">Notes</label>
        <textarea
          id="txn-notes"
          value={notes}
          maxLength={2000}
          rows={2}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="txn-tags">Tags, separated by commas</label>
        <input id="txn-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </div>
      <button type="submit" disabled={saving}>
        Save payee, notes and tags
      </button>
    </form>
  );
}
