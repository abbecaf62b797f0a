/** A posted transaction as it moves its account's balance: its account, posting date and settled amount (Plaid's sign). */
export interface PostedEntry {
  accountId: string;
  date: string;
  cents: number;
}

/**
 * An item's posted transactions by id, with each account's net of their amounts kept as they come and go.
 * Every /transactions/sync page carries the accounts' balances, which are those nets: summed afresh over the
 * whole history for each page, a 50,000-row history cost the emulator 100 passes over 50,000 rows per sync —
 * a quarter of its CPU, on the machine whose finsync it stands beside in the benchmarks (issue 16).
 */
export class PostedLedger {
  readonly #byId = new Map<string, PostedEntry>();
  readonly #netByAccount = new Map<string, number>();

  set(transactionId: string, entry: PostedEntry): void {
    this.delete(transactionId);
    this.#byId.set(transactionId, entry);
    this.#addToNet(entry.accountId, entry.cents);
  }

  delete(transactionId: string): void {
    const entry = this.#byId.get(transactionId);
    if (!entry) return;
    this.#byId.delete(transactionId);
    this.#addToNet(entry.accountId, -entry.cents);
  }

  values(): IterableIterator<PostedEntry> {
    return this.#byId.values();
  }

  /** The sum of an account's posted amounts in cents, Plaid's sign (positive: money out). */
  net(accountId: string): number {
    return this.#netByAccount.get(accountId) ?? 0;
  }

  #addToNet(accountId: string, cents: number): void {
    this.#netByAccount.set(accountId, this.net(accountId) + cents);
  }
}
