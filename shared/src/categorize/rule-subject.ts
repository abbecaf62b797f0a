import type { CategorizableTransaction, WritableField } from './categorizable-transaction.ts';
import { type TextField, textFields } from './rule-schema.ts';

/** A text field's position in a subject's cache, fixed when a rule is compiled. */
export type TextSlot = number;

export function textSlot(field: TextField): TextSlot {
  return textFields.indexOf(field);
}

// One reader per text field: a property read by a fixed name stays monomorphic where a read by a computed
// name (transaction[field]) does not.
const textReaders: Record<TextField, (t: CategorizableTransaction) => unknown> = {
  rawName: (t) => t.rawName,
  payee: (t) => t.payee,
  merchantName: (t) => t.merchantName,
  notes: (t) => t.notes,
  accountId: (t) => t.accountId,
  categoryId: (t) => t.categoryId,
  pfcPrimary: (t) => t.pfcPrimary,
  pfcDetailed: (t) => t.pfcDetailed,
  currency: (t) => t.currency,
};
/** The readers in textFields order, indexed by TextSlot. */
const readText = textFields.map((field) => textReaders[field]);
/** The slot of each writable field that is a text field. */
const writtenSlot: Partial<Record<WritableField, TextSlot>> = Object.fromEntries(
  textFields.map((field, slot) => [field, slot]),
);

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
    // A loop, not Array#fill: on a handful of slots the builtin's call costs more than the stores.
    const lowered = this.#lowered;
    for (let slot = 0; slot < lowered.length; slot++) lowered[slot] = undefined;
  }

  get transaction(): CategorizableTransaction {
    return this.#transaction;
  }

  replace(transaction: CategorizableTransaction, written: WritableField): void {
    this.#transaction = transaction;
    const slot = writtenSlot[written];
    if (slot !== undefined) this.#lowered[slot] = undefined;
  }

  /** A text field as it is, not lower-cased ('' when missing). */
  raw(slot: TextSlot): string {
    const raw = readText[slot]!(this.#transaction);
    return typeof raw === 'string' ? raw : '';
  }

  text(slot: TextSlot): string {
    let v = this.#lowered[slot];
    if (v === undefined) {
      const raw = readText[slot]!(this.#transaction);
      v = typeof raw === 'string' ? raw.toLowerCase() : '';
      this.#lowered[slot] = v;
    }
    return v;
  }
}
