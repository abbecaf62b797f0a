import type { CategorizableTransaction, WritableField } from './categorizable-transaction.ts';
import { type TextField, textFields } from './rule-schema.ts';

/** A text field's position in a subject's cache, fixed when a rule is compiled. */
export type TextSlot = number;

export function textSlot(field: TextField): TextSlot {
  return textFields.indexOf(field);
}

const RAW_NAME = textSlot('rawName');
const PAYEE = textSlot('payee');
const MERCHANT_NAME = textSlot('merchantName');
const NOTES = textSlot('notes');
const ACCOUNT_ID = textSlot('accountId');
const CATEGORY_ID = textSlot('categoryId');
const PFC_PRIMARY = textSlot('pfcPrimary');
const PFC_DETAILED = textSlot('pfcDetailed');
const CURRENCY = textSlot('currency');

// A text field read by its slot, each through a property of a fixed name: a read by a computed name
// (transaction[field]) goes megamorphic, and so does a call through a table of one reader per field, which
// also costs a call per read in code not yet optimized.
function readText(t: CategorizableTransaction, slot: TextSlot): unknown {
  switch (slot) {
    case RAW_NAME:
      return t.rawName;
    case PAYEE:
      return t.payee;
    case MERCHANT_NAME:
      return t.merchantName;
    case NOTES:
      return t.notes;
    case ACCOUNT_ID:
      return t.accountId;
    case CATEGORY_ID:
      return t.categoryId;
    case PFC_PRIMARY:
      return t.pfcPrimary;
    case PFC_DETAILED:
      return t.pfcDetailed;
    case CURRENCY:
      return t.currency;
    default:
      return undefined;
  }
}
/** The slot of a writable field that is a text field, or -1. */
export function writtenTextSlot(written: WritableField): TextSlot | -1 {
  return textFields.indexOf(written as TextField);
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
  /** Per slot, whether its lower-cased text is all ASCII: 0 not known yet, 1 yes, 2 no. */
  readonly #ascii = new Uint8Array(textFields.length);

  constructor(transaction: CategorizableTransaction) {
    this.#transaction = transaction;
  }

  /** Makes this the subject of another transaction, forgetting every lower-cased text. */
  reset(transaction: CategorizableTransaction): void {
    this.#transaction = transaction;
    // A loop, not Array#fill: on a handful of slots the builtin's call costs more than the stores.
    const lowered = this.#lowered;
    const ascii = this.#ascii;
    for (let slot = 0; slot < lowered.length; slot++) {
      lowered[slot] = undefined;
      ascii[slot] = 0;
    }
  }

  get transaction(): CategorizableTransaction {
    return this.#transaction;
  }

  /**
   * Makes `transaction`, which a rule wrote field `written` of, the subject, forgetting that field's text;
   * `slot`: the field's slot when the caller has looked it up (writtenTextSlot), as a run does.
   */
  replace(
    transaction: CategorizableTransaction,
    written: WritableField,
    slot: TextSlot | -1 = writtenTextSlot(written),
  ): void {
    this.#transaction = transaction;
    if (slot >= 0) {
      this.#lowered[slot] = undefined;
      this.#ascii[slot] = 0;
    }
  }

  /** A text field as it is, not lower-cased ('' when missing). */
  raw(slot: TextSlot): string {
    const raw = readText(this.#transaction, slot);
    return typeof raw === 'string' ? raw : '';
  }

  text(slot: TextSlot): string {
    let v = this.#lowered[slot];
    if (v === undefined) {
      const raw = readText(this.#transaction, slot);
      v = typeof raw === 'string' ? raw.toLowerCase() : '';
      this.#lowered[slot] = v;
    }
    return v;
  }

  /** Whether text(slot), the lower-cased text, is all ASCII: worked out once per text, however many ask. */
  textIsAscii(slot: TextSlot): boolean {
    let known = this.#ascii[slot]!;
    if (known === 0) {
      const v = this.text(slot);
      known = 1;
      for (let i = 0; i < v.length; i++)
        if (v.charCodeAt(i) >= 128) {
          known = 2;
          break;
        }
      this.#ascii[slot] = known;
    }
    return known === 1;
  }
}
