import type { CategorizableTransaction } from './categorizable-transaction.ts';
import { merchantKey } from './clean-payee.ts';

/** What the classifier sees of a transaction. */
export interface FeatureInput {
  description: string;
  merchantName?: string | null | undefined;
  /** Minor units, positive = money out. */
  amountMinor: number;
  accountId?: string | null | undefined;
  /** YYYY-MM-DD */
  date: string;
  pfcDetailed?: string | null | undefined;
}

/** 2^20 buckets: collisions are rare at personal-finance vocabulary sizes and the model stays sparse. */
export const FEATURE_BITS = 20;
const MASK = (1 << FEATURE_BITS) - 1;

function hash(s: string): number {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/**
 * Hashed binary features (each counted once: repeated n-grams over-weight long descriptions, and on real
 * household data presence beats counts): the merchant key, words and word pairs, character 3-grams, amount
 * bucket and exact amount, direction, account, day of month, weekday and Plaid's category.
 */
export function transactionFeatures(x: FeatureInput): number[] {
  const out = new Set<number>();
  const add = (feature: string) => out.add(hash(feature));
  const key = merchantKey(x.description, x.merchantName);
  const words = key.split(' ').filter((w) => w.length > 1 || /\p{L}/u.test(w));
  add(key ? `k:${key}` : 'k:-');
  words.forEach((w, i) => {
    add(`w:${w}`);
    if (i > 0) add(`b:${words[i - 1]} ${w}`);
    const padded = ` ${w} `;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`);
  });
  const abs = Math.abs(x.amountMinor);
  const dir = x.amountMinor > 0 ? 'out' : x.amountMinor < 0 ? 'in' : 'zero';
  add(`d:${dir}`);
  add(`a:${dir}:${abs === 0 ? 0 : Math.round(Math.log2(abs) * 2)}`);
  add(`ax:${x.amountMinor}`);
  if (x.accountId) {
    add(`acct:${x.accountId}`);
    add(`acct:${x.accountId}:${dir}`);
  }
  add(`dom:${Number(x.date.slice(8, 10))}`);
  add(`dow:${new Date(`${x.date.slice(0, 10)}T00:00:00Z`).getUTCDay()}`);
  if (x.pfcDetailed) add(`pfc:${x.pfcDetailed}`);
  return [...out];
}

/** The features of a transaction as categorization holds it; learning, suggesting and explaining must agree. */
export function categorizableFeatures(
  t: Pick<
    CategorizableTransaction,
    'rawName' | 'merchantName' | 'amountMinor' | 'accountId' | 'date' | 'pfcDetailed'
  >,
): number[] {
  return transactionFeatures({
    description: t.rawName,
    merchantName: t.merchantName,
    amountMinor: t.amountMinor,
    accountId: t.accountId,
    date: t.date,
    pfcDetailed: t.pfcDetailed,
  });
}
