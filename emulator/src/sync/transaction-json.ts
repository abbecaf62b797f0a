import type { PfcTaxonomy } from '../data/pfc-taxonomy.ts';
import type { Transaction } from '../plaid/plaid-objects.ts';
import { DEFAULT_PRESENTATION, type Presentation, presentTransaction } from './present-transaction.ts';

/** UTF-8 JSON of each stored (immutable) transaction snapshot in the default presentation. */
const defaultJson = new WeakMap<Transaction, Buffer>();

const isDefault = (p: Presentation) => !p.originalDescription && p.pfcVersion === 'v2';

/** A transaction as a /transactions/sync page sends it: UTF-8 JSON, cached for the default presentation. */
export function transactionJson(t: Transaction, presentation: Presentation, taxonomy: PfcTaxonomy): Buffer {
  const cached = isDefault(presentation) ? defaultJson.get(t) : undefined;
  if (cached !== undefined) return cached;
  const bytes = Buffer.from(JSON.stringify(presentTransaction(t, presentation, taxonomy)));
  if (isDefault(presentation)) defaultJson.set(t, bytes);
  return bytes;
}

/**
 * Encodes transactions in the default presentation ahead of any request (a new item's history, when it is
 * made), so an item's first paging costs the emulator what a repeated one does: the emulator stands in for
 * Plaid, whose pages' cost is not finsync's to measure.
 */
export function prebuildTransactionJson(transactions: Iterable<Transaction>, taxonomy: PfcTaxonomy): void {
  for (const t of transactions) transactionJson(t, DEFAULT_PRESENTATION, taxonomy);
}
