import type { CategorizableTransaction, WritableField } from './categorizable-transaction.ts';
import { type TextField, textFields } from './rule-schema.ts';

/** A text field's position in a subject's cache, fixed when a rule is compiled. */
export type TextSlot = number;

export function textSlot(field: TextField): TextSlot {
  return textFields.indexOf(field);
}

/**
 * One transaction as the rules see it: each text field lower-cased at most once however many rules (and the
 * index) read it. A missing value reads as ''. After a rule writes a field the engine swaps the transaction
 * in with `replace`, which forgets only that field's text. The engine reuses one subject for every
 * transaction (`reset`): allocating a subject and its cache per transaction was a tenth of a rule run.
 */
export class RuleSubject {
  #transaction: CategorizableTransaction;
  readonly #lowered: (string | undefined)[] = textFields.map(() => undefined);

  constructor(transaction: CategorizableTransaction) {
    this.#transaction = transaction;
  }

  /** Makes this the subject of another transaction, forgetting every lower-cased text. */
  reset(transaction: CategorizableTransaction): void {
    this.#transaction = transaction;
    this.#lowered.fill(undefined);
  }

  get transaction(): CategorizableTransaction {
    return this.#transaction;
  }

  replace(transaction: CategorizableTransaction, written: WritableField): void {
    this.#transaction = transaction;
    const slot = textFields.indexOf(written as TextField);
    if (slot >= 0) this.#lowered[slot] = undefined;
  }

  text(slot: TextSlot): string {
    let v = this.#lowered[slot];
    if (v === undefined) {
      const raw = (this.#transaction as unknown as Record<string, unknown>)[textFields[slot]!];
      v = typeof raw === 'string' ? raw.toLowerCase() : '';
      this.#lowered[slot] = v;
    }
    return v;
  }
}
