import type { Transaction } from '../plaid/plaid-objects.ts';

/** One change to an item's transactions; its sequence number is its index + 1 in the log. */
export interface ChangeEntry {
  transactionId: string;
  accountId: string;
  kind: 'add' | 'modify' | 'remove';
  /** The transaction as it is after this change (absent for removals). */
  snapshot: Transaction | null;
}

/** A netted update between two log positions, as /transactions/sync reports it. */
export interface NettedUpdate {
  kind: 'added' | 'modified' | 'removed';
  transactionId: string;
  accountId: string;
  snapshot: Transaction | null;
}

/**
 * Append-only history of an item's transaction changes. /transactions/sync answers are nettings of
 * a slice of it: added-then-modified is one `added` with the latest version, added-then-removed is
 * nothing, existing-then-modified is `modified`, existing-then-removed is `removed`; each list is
 * ordered by the time of its last change.
 */
export class ChangeLog {
  readonly #entries: ChangeEntry[] = [];
  readonly #live = new Map<string, Transaction>();

  get seq(): number {
    return this.#entries.length;
  }

  /** The transactions a consumer holds after applying everything up to now. */
  get live(): ReadonlyMap<string, Transaction> {
    return this.#live;
  }

  add(txn: Transaction): void {
    this.#entries.push({
      transactionId: txn.transaction_id,
      accountId: txn.account_id,
      kind: 'add',
      snapshot: txn,
    });
    this.#live.set(txn.transaction_id, txn);
  }

  modify(txn: Transaction): void {
    if (!this.#live.has(txn.transaction_id))
      throw new Error(`cannot modify unknown transaction ${txn.transaction_id}`);
    this.#entries.push({
      transactionId: txn.transaction_id,
      accountId: txn.account_id,
      kind: 'modify',
      snapshot: txn,
    });
    this.#live.set(txn.transaction_id, txn);
  }

  remove(transactionId: string): void {
    const txn = this.#live.get(transactionId);
    if (!txn) throw new Error(`cannot remove unknown transaction ${transactionId}`);
    this.#entries.push({ transactionId, accountId: txn.account_id, kind: 'remove', snapshot: null });
    this.#live.delete(transactionId);
  }

  /** Netted updates for log positions (from, to], optionally for one account only. */
  net(from: number, to: number, accountId?: string): NettedUpdate[] {
    const firstKind = new Map<string, ChangeEntry['kind']>();
    const last = new Map<string, { seq: number; entry: ChangeEntry }>();
    for (let seq = from + 1; seq <= to; seq++) {
      const entry = this.#entries[seq - 1]!;
      if (accountId !== undefined && entry.accountId !== accountId) continue;
      if (!firstKind.has(entry.transactionId)) firstKind.set(entry.transactionId, entry.kind);
      last.set(entry.transactionId, { seq, entry });
    }
    const ordered = [...last.values()].sort((a, b) => a.seq - b.seq);
    const out: NettedUpdate[] = [];
    for (const { entry } of ordered) {
      const existedBefore = firstKind.get(entry.transactionId) !== 'add';
      const existsAfter = entry.kind !== 'remove';
      const kind = existedBefore ? (existsAfter ? 'modified' : 'removed') : existsAfter ? 'added' : null;
      if (kind)
        out.push({
          kind,
          transactionId: entry.transactionId,
          accountId: entry.accountId,
          snapshot: entry.snapshot,
        });
    }
    return out;
  }
}
