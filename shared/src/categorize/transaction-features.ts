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

function push(out: number[], feature: string, weight: number): void {
  const h = hash(feature);
  for (let i = 0; i < weight; i++) out.push(h);
}

/**
 * Hashed features with integer weights (a feature listed twice counts twice in a multinomial model):
 * the merchant key, words and word pairs, character 3-grams, amount bucket and exact amount, direction,
 * account, day of month, weekday and Plaid's category.
 */
export function transactionFeatures(x: FeatureInput): number[] {
  const out: number[] = [];
  const key = merchantKey(x.description, x.merchantName);
  const words = key.split(' ').filter((w) => w.length > 1 || /\p{L}/u.test(w));
  if (key) push(out, `k:${key}`, 3);
  else push(out, 'k:-', 2);
  words.forEach((w, i) => {
    push(out, `w:${w}`, 2);
    if (i > 0) push(out, `b:${words[i - 1]} ${w}`, 1);
    const padded = ` ${w} `;
    for (let n = 3; n <= 3; n++)
      for (let j = 0; j + n <= padded.length; j++) push(out, `c:${padded.slice(j, j + n)}`, 1);
  });
  const abs = Math.abs(x.amountMinor);
  const dir = x.amountMinor > 0 ? 'out' : x.amountMinor < 0 ? 'in' : 'zero';
  push(out, `d:${dir}`, 1);
  push(out, `a:${dir}:${abs === 0 ? 0 : Math.round(Math.log2(abs) * 2)}`, 2);
  push(out, `ax:${x.amountMinor}`, 1);
  if (x.accountId) {
    push(out, `acct:${x.accountId}`, 1);
    push(out, `acct:${x.accountId}:${dir}`, 1);
  }
  const day = Number(x.date.slice(8, 10));
  push(out, `dom:${day}`, 1);
  const weekday = new Date(`${x.date.slice(0, 10)}T00:00:00Z`).getUTCDay();
  push(out, `dow:${weekday}`, 1);
  if (x.pfcDetailed) push(out, `pfc:${x.pfcDetailed}`, 2);
  return out;
}
